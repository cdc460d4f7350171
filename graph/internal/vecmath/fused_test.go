package vecmath

import (
	"math/rand/v2"
	"testing"
)

// fusedCase is a fused kernel of four operands (the unused ones ignored)
// and the separate kernels whose chain it must match.
type fusedCase[T float32 | float64] struct {
	name     string
	fused    func(dst, x, y, z, w []T)
	separate func(dst, x, y, z, w []T)
}

// checkFused checks each fused kernel bit for bit against its chain of
// separate kernels at every length up to 70 (every tail of the two-register
// and the one-register loops), with the special values of values, into a
// fresh slice and in place over each operand.
func checkFused[T float32 | float64](t *testing.T, cases []fusedCase[T]) {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range cases {
		for n := 0; n <= 70; n++ {
			ops := [4][]T{values[T](r, n), values[T](r, n), values[T](r, n), values[T](r, n)}
			want := make([]T, n)
			c.separate(want, ops[0], ops[1], ops[2], ops[3])
			got := make([]T, n)
			c.fused(got, ops[0], ops[1], ops[2], ops[3])
			check := func(how string, got []T) {
				for i := range want {
					if !same(got[i], want[i]) {
						t.Fatalf("%s n=%d %s: [%d] = %v of %v %v %v %v, want %v", c.name, n, how, i, got[i], ops[0][i], ops[1][i], ops[2][i], ops[3][i], want[i])
					}
				}
			}
			check("into a new slice", got)
			for k := range ops {
				in := ops
				in[k] = append([]T(nil), ops[k]...)
				c.fused(in[k], in[0], in[1], in[2], in[3])
				check([...]string{"in place of x", "in place of y", "in place of z", "in place of w"}[k], in[k])
			}
		}
	}
}

// oneMinus sets dst[i] = 1 − x[i], as Gorgonia's scalar-minus-tensor op.
func oneMinus[T float32 | float64](dst, x []T) {
	for i := range dst {
		dst[i] = 1 - x[i]
	}
}

func TestFused64(t *testing.T) {
	const c = -2.0
	checkFused(t, []fusedCase[float64]{
		{"TanhGrad64", func(d, x, y, _, _ []float64) { TanhGrad64(d, x, y) }, func(d, x, y, _, _ []float64) {
			s := make([]float64, len(d))
			Mul64(s, x, x)
			oneMinus(s, s)
			Mul64(d, s, y)
		}},
		{"Slope64", func(d, x, _, _, _ []float64) { Slope64(d, x) }, func(d, x, _, _, _ []float64) {
			Mul64(d, x, x)
			oneMinus(d, d)
		}},
		{"MulScaled64", func(d, x, y, _, _ []float64) { MulScaled64(d, x, y, 0.3) }, func(d, x, y, _, _ []float64) {
			s := make([]float64, len(d))
			Scale64(s, y, 0.3)
			Mul64(d, x, s)
		}},
		{"MulScale64", func(d, x, y, _, _ []float64) { MulScale64(d, x, y, c) }, func(d, x, y, _, _ []float64) {
			Mul64(d, x, y)
			Scale64(d, d, c)
		}},
		{"ScaleMul64", func(d, x, y, _, _ []float64) { ScaleMul64(d, x, y, 0.3) }, func(d, x, y, _, _ []float64) {
			s := make([]float64, len(d))
			Scale64(s, x, 0.3)
			Mul64(d, s, y)
		}},
		{"MulAdd64", MulAdd64, func(d, x, y, z, w []float64) {
			s := make([]float64, len(d))
			Mul64(s, x, y)
			Mul64(d, z, w)
			Add64(d, s, d)
		}},
	})
}

func TestFused32(t *testing.T) {
	const c = -2.0
	checkFused(t, []fusedCase[float32]{
		{"TanhGrad32", func(d, x, y, _, _ []float32) { TanhGrad32(d, x, y) }, func(d, x, y, _, _ []float32) {
			s := make([]float32, len(d))
			Mul32(s, x, x)
			oneMinus(s, s)
			Mul32(d, s, y)
		}},
		{"Slope32", func(d, x, _, _, _ []float32) { Slope32(d, x) }, func(d, x, _, _, _ []float32) {
			Mul32(d, x, x)
			oneMinus(d, d)
		}},
		{"MulScaled32", func(d, x, y, _, _ []float32) { MulScaled32(d, x, y, 0.3) }, func(d, x, y, _, _ []float32) {
			s := make([]float32, len(d))
			Scale32(s, y, 0.3)
			Mul32(d, x, s)
		}},
		{"MulScale32", func(d, x, y, _, _ []float32) { MulScale32(d, x, y, c) }, func(d, x, y, _, _ []float32) {
			Mul32(d, x, y)
			Scale32(d, d, c)
		}},
		{"ScaleMul32", func(d, x, y, _, _ []float32) { ScaleMul32(d, x, y, 0.3) }, func(d, x, y, _, _ []float32) {
			s := make([]float32, len(d))
			Scale32(s, x, 0.3)
			Mul32(d, s, y)
		}},
		{"MulAdd32", MulAdd32, func(d, x, y, z, w []float32) {
			s := make([]float32, len(d))
			Mul32(s, x, y)
			Mul32(d, z, w)
			Add32(d, s, d)
		}},
	})
}
