package graph

import (
	"math"
	"testing"

	"gorgonia.org/tensor"
)

// TestUnaryOps checks each element-wise op against package math on values
// spanning the range a network's pre-activations take, in both dtypes,
// with lengths that leave a tail for the 8-wide kernels. Tolerances:
// float64 1e-15 relative (Tanh64 is within 4 units of 2⁻⁵³ of math.Tanh); float32 6·2⁻²⁴ relative plus 4e-7 absolute
// (math32's sin and cos are off by 2e-7 near ±1).
func TestUnaryOps(t *testing.T) {
	const n = 1003
	allXs := make([]float64, n)
	for i := range allXs {
		allXs[i] = -6 + 12*float64(i)/(n-1)
	}
	xs := allXs
	refs := map[unaryOp]func(float64) float64{
		{kind: unaryTanh}:  math.Tanh,
		{kind: unarySin}:   math.Sin,
		{kind: unaryCos}:   math.Cos,
		{kind: unaryExp}:   math.Exp,
		{kind: unarySlope}: func(x float64) float64 { return 1 - x*x },
		{kind: unaryLog}:   math.Log,
		{kind: unarySqrt}:  math.Sqrt,
		{kind: unaryAbs}:   math.Abs,
		{kind: unarySign}: func(x float64) float64 {
			if x == 0 {
				return 0
			}
			return math.Copysign(1, x)
		},
		{kind: unaryPow, p: 1.5}:  func(x float64) float64 { return math.Pow(x, 1.5) },
		{kind: unaryPow, p: -0.7}: func(x float64) float64 { return math.Pow(x, -0.7) },
	}
	for op, ref := range refs {
		// Log, Sqrt and real powers are checked on |x| + 1/8, inside their domains.
		xs := xs
		if op.kind == unaryLog || op.kind == unarySqrt || op.kind == unaryPow {
			xs = make([]float64, n)
			for i, x := range allXs {
				xs[i] = math.Abs(x) + 0.125
			}
		}
		x64 := tensor.New(tensor.WithShape(n), tensor.WithBacking(append([]float64(nil), xs...)))
		x32 := tensor.New(tensor.WithShape(n), tensor.WithBacking(to32s(xs)))
		for _, tc := range []struct {
			x        *tensor.Dense
			rel, abs float64
		}{
			{x64, 1e-15, 0},
			{x32, 6 * 0x1p-24, 4e-7},
		} {
			v, err := op.Do(tc.x)
			if err != nil {
				t.Fatal(err)
			}
			for i, x := range xs {
				got := v.(*tensor.Dense).Get(i)
				var g float64
				switch g0 := got.(type) {
				case float64:
					g = g0
				case float32:
					g = float64(g0)
					x = float64(float32(x))
				}
				want := ref(x)
				if math.Abs(g-want) > tc.rel*math.Abs(want)+tc.abs {
					t.Errorf("%s(%g) %v = %g, want %g", op, x, tc.x.Dtype(), g, want)
					break
				}
			}
		}
	}
}

func to32s(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}
