package vecmath

import (
	"math"
	"testing"

	"github.com/chewxy/math32"
)

// checkTanh checks tanh against math.Tanh at each of xs and at the tails
// of xs of lengths ns, to within tol relative to |tanh x| (absolute below
// 1e-300), and that NaN gives NaN.
func checkTanh[T float32 | float64](t *testing.T, tanh func(dst, x []T), xs []T, ns []int, tol float64) {
	t.Helper()
	for _, n := range ns {
		x := xs[len(xs)-n:]
		got := make([]T, n)
		tanh(got, x)
		for i, v := range x {
			want := math.Tanh(float64(v))
			if err := math.Abs(float64(got[i]) - want); err > tol*max(math.Abs(want), 1e-300) {
				t.Fatalf("n=%d: tanh(%g) = %g, want %g (error %.3g, tolerance %.3g)", n, v, got[i], want, err, tol*math.Abs(want))
			}
		}
	}
	nan := T(math.NaN())
	got := make([]T, 9)
	tanh(got, []T{0, 1, nan, 2, 3, 4, 5, 6, nan})
	if !math.IsNaN(float64(got[2])) || !math.IsNaN(float64(got[8])) || math.IsNaN(float64(got[1])) {
		t.Errorf("tanh of [0 1 NaN … NaN] = %v, want NaN at 2 and 8 only", got)
	}
}

// grid returns -r to r in steps of h, then each of more and its negative.
func grid[T float32 | float64](r, h float64, more ...float64) []T {
	var xs []T
	for i := -int(r / h); i <= int(r/h); i++ {
		xs = append(xs, T(float64(i)*h))
	}
	for _, v := range more {
		xs = append(xs, T(v), T(-v))
	}
	return xs
}

// TestTanh32 checks Tanh32 on a fine grid over the range where tanh is not
// yet ±1, tiny and huge values, infinities and lengths that leave every
// tail of the 8-wide kernel, within 6 units of float32 rounding (2⁻²⁴).
func TestTanh32(t *testing.T) {
	xs := grid[float32](10, 1e-4, 1e-30, 1e-8, 3e-4, 0.5, 7.9, 7.95, 9, 20, 1e30, math.Inf(1))
	checkTanh(t, Tanh32, xs, []int{len(xs), len(xs) - 1, 7, 9, 15, 0}, 6*0x1p-24)
}

// TestTanh64 checks Tanh64 on a fine grid across both of its formulas
// (|x| < 0.625 and above) and its clamp at 20, at the formula boundary,
// tiny and huge values, infinities and lengths that leave every tail of
// the 4-wide kernel, within 4 units of float64 rounding (2⁻⁵³), and that
// −0 stays −0.
func TestTanh64(t *testing.T) {
	xs := grid[float64](25, 1e-4, 1e-300, 1e-8, 0.625, math.Nextafter(0.625, 0), 19.9, 20, 20.1, 44, 1e300, math.Inf(1))
	checkTanh(t, Tanh64, xs, []int{len(xs), len(xs) - 1, 3, 5, 7, 0}, 4*0x1p-53)
	got4 := make([]float64, 4)
	Tanh64(got4, []float64{math.Copysign(0, -1), 0, 0, 0})
	if !math.Signbit(got4[0]) || got4[0] != 0 {
		t.Errorf("tanh(−0) = %g, want −0", got4[0])
	}
}

// benchTanh runs tanh on a Burgers layer's pre-activations (1024 points
// × 64), as the kernel and as the scalar function graph used before.
func benchTanh[T float32 | float64](b *testing.B, tanh func(dst, x []T), scalar func(T) T) {
	x, dst := make([]T, 1024*64), make([]T, 1024*64)
	for i := range x {
		x[i] = T(i%200)/25 - 4
	}
	b.Run("kernel", func(b *testing.B) {
		for b.Loop() {
			tanh(dst, x)
		}
	})
	b.Run("scalar", func(b *testing.B) {
		for b.Loop() {
			for i, v := range x {
				dst[i] = scalar(v)
			}
		}
	})
}

func BenchmarkTanh32(b *testing.B) { benchTanh(b, Tanh32, math32.Tanh) }

func BenchmarkTanh64(b *testing.B) { benchTanh(b, Tanh64, math.Tanh) }
