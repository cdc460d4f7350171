package vecmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// arithCase is one kernel and the scalar operation it must match.
type arithCase[T float32 | float64] struct {
	name   string
	kernel func(dst, x, y []T)
	op     func(a, b T) T
}

// values returns n values of every kind the kernels meet: ordinary ones
// of both signs and many magnitudes, zeros of both signs, subnormals,
// infinities and NaN.
func values[T float32 | float64](r *rand.Rand, n int) []T {
	special := []float64{0, math.Copysign(0, -1), 1e-310, -4e-320, 1e-40, math.Inf(1), math.Inf(-1), math.NaN(), 3e38, -1e308}
	v := make([]T, n)
	for i := range v {
		if r.IntN(8) == 0 {
			v[i] = T(special[r.IntN(len(special))])
		} else {
			v[i] = T(r.NormFloat64() * math.Pow(10, float64(r.IntN(13)-6)))
		}
	}
	return v
}

// same reports whether a and b have the same bits (NaNs of any payload
// count as the same).
func same[T float32 | float64](a, b T) bool {
	if a != a && b != b {
		return true
	}
	switch a := any(a).(type) {
	case float64:
		return math.Float64bits(a) == math.Float64bits(any(b).(float64))
	default:
		return math.Float32bits(any(a).(float32)) == math.Float32bits(any(b).(float32))
	}
}

// checkArith checks each kernel bit for bit against its scalar operation
// at every length up to 70 (every tail of the unrolled and the single
// register loops), into a fresh slice and in place over x and over y.
func checkArith[T float32 | float64](t *testing.T, cases []arithCase[T]) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range cases {
		for n := 0; n <= 70; n++ {
			x, y := values[T](r, n), values[T](r, n)
			want := make([]T, n)
			for i := range want {
				want[i] = c.op(x[i], y[i])
			}
			got := make([]T, n)
			c.kernel(got, x, y)
			inX := append([]T(nil), x...)
			c.kernel(inX, inX, y)
			inY := append([]T(nil), y...)
			c.kernel(inY, x, inY)
			for i := range want {
				for _, g := range []struct {
					how string
					v   T
				}{{"into a new slice", got[i]}, {"in place of x", inX[i]}, {"in place of y", inY[i]}} {
					if !same(g.v, want[i]) {
						t.Fatalf("%s n=%d %s: [%d] = %v of %v and %v, want %v", c.name, n, g.how, i, g.v, x[i], y[i], want[i])
					}
				}
			}
		}
	}
}

func TestArith64(t *testing.T) {
	checkArith(t, []arithCase[float64]{
		{"Add64", Add64, func(a, b float64) float64 { return a + b }},
		{"Sub64", Sub64, func(a, b float64) float64 { return a - b }},
		{"Mul64", Mul64, func(a, b float64) float64 { return a * b }},
		{"Scale64", func(dst, x, y []float64) { Scale64(dst, x, -0.37) }, func(a, b float64) float64 { return a * -0.37 }},
	})
}

func TestArith32(t *testing.T) {
	checkArith(t, []arithCase[float32]{
		{"Add32", Add32, func(a, b float32) float32 { return a + b }},
		{"Sub32", Sub32, func(a, b float32) float32 { return a - b }},
		{"Mul32", Mul32, func(a, b float32) float32 { return a * b }},
		{"Scale32", func(dst, x, y []float32) { Scale32(dst, x, 3.7e-3) }, func(a, b float32) float32 { return a * 3.7e-3 }},
	})
}

// BenchmarkArith compares Add64 with Go's scalar loop on a column of the
// benchmark workload's size (1024 points × 64 units).
//
//	go test ./graph/internal/vecmath -run '^$' -bench Arith
func BenchmarkArith(b *testing.B) {
	const n = 1024 * 64
	x, y, dst := make([]float64, n), make([]float64, n), make([]float64, n)
	b.Run("kernel", func(b *testing.B) {
		b.SetBytes(3 * 8 * n)
		for b.Loop() {
			Add64(dst, x, y)
		}
	})
	b.Run("go", func(b *testing.B) {
		b.SetBytes(3 * 8 * n)
		for b.Loop() {
			for i := range dst {
				dst[i] = x[i] + y[i]
			}
		}
	})
}
