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

// kernelSet is one dtype's fused kernels and the separate ones they chain.
type kernelSet[T float32 | float64] struct {
	mul, add                      func(dst, x, y []T)
	scale                         func(dst, x []T, c T)
	tanhGrad                      func(dst, x, y []T)
	slope                         func(dst, x []T)
	mulScaled, mulScale, scaleMul func(dst, x, y []T, c T)
	mulAdd                        func(dst, x, y, z, w []T)
}

// fusedCases pairs each fused kernel of k with its chain of k's separate
// kernels.
func fusedCases[T float32 | float64](k kernelSet[T]) []fusedCase[T] {
	const c = -2.0
	return []fusedCase[T]{
		{"TanhGrad", func(d, x, y, _, _ []T) { k.tanhGrad(d, x, y) }, func(d, x, y, _, _ []T) {
			s := make([]T, len(d))
			k.mul(s, x, x)
			oneMinus(s, s)
			k.mul(d, s, y)
		}},
		{"Slope", func(d, x, _, _, _ []T) { k.slope(d, x) }, func(d, x, _, _, _ []T) {
			k.mul(d, x, x)
			oneMinus(d, d)
		}},
		{"MulScaled", func(d, x, y, _, _ []T) { k.mulScaled(d, x, y, 0.3) }, func(d, x, y, _, _ []T) {
			s := make([]T, len(d))
			k.scale(s, y, 0.3)
			k.mul(d, x, s)
		}},
		{"MulScale", func(d, x, y, _, _ []T) { k.mulScale(d, x, y, c) }, func(d, x, y, _, _ []T) {
			k.mul(d, x, y)
			k.scale(d, d, c)
		}},
		{"ScaleMul", func(d, x, y, _, _ []T) { k.scaleMul(d, x, y, 0.3) }, func(d, x, y, _, _ []T) {
			s := make([]T, len(d))
			k.scale(s, x, 0.3)
			k.mul(d, s, y)
		}},
		{"MulAdd", k.mulAdd, func(d, x, y, z, w []T) {
			s := make([]T, len(d))
			k.mul(s, x, y)
			k.mul(d, z, w)
			k.add(d, s, d)
		}},
	}
}

func TestFused64(t *testing.T) {
	checkFused(t, fusedCases(kernelSet[float64]{Mul64, Add64, Scale64, TanhGrad64, Slope64, MulScaled64, MulScale64, ScaleMul64, MulAdd64}))
}

func TestFused32(t *testing.T) {
	checkFused(t, fusedCases(kernelSet[float32]{Mul32, Add32, Scale32, TanhGrad32, Slope32, MulScaled32, MulScale32, ScaleMul32, MulAdd32}))
}
