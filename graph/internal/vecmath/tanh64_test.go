package vecmath

import (
	"math"
	"testing"
)

// tanh64Tol is the largest error allowed relative to |tanh x| (absolute
// below 1e-300): 4 units of float64 rounding, 2⁻⁵³.
const tanh64Tol = 4 * 0x1p-53

// TestTanh64 checks Tanh64 against math.Tanh on a fine grid across both
// formulas (|x| < 0.625 and above) and the clamp at 20, at the formula
// boundary, tiny and huge values, ±0, infinities and NaN, with lengths
// that leave every tail of the 4-wide kernel.
func TestTanh64(t *testing.T) {
	var xs []float64
	for i := -250000; i <= 250000; i++ {
		xs = append(xs, float64(i)*1e-4)
	}
	for _, v := range []float64{1e-300, 1e-8, 0.625, math.Nextafter(0.625, 0), 19.9, 20, 20.1, 44, 1e300, math.Inf(1)} {
		xs = append(xs, v, -v)
	}
	for _, n := range []int{len(xs), len(xs) - 1, 3, 5, 7, 0} {
		x := xs[len(xs)-n:]
		got := make([]float64, n)
		Tanh64(got, x)
		for i, v := range x {
			want := math.Tanh(v)
			if err := math.Abs(got[i] - want); err > tanh64Tol*max(math.Abs(want), 1e-300) {
				t.Fatalf("n=%d: tanh(%g) = %g, want %g (error %.3g)", n, v, got[i], want, err)
			}
		}
	}
	got := make([]float64, 5)
	Tanh64(got, []float64{math.NaN(), math.Copysign(0, -1), 1, 2, math.NaN()})
	if !math.IsNaN(got[0]) || !math.IsNaN(got[4]) || !math.Signbit(got[1]) || got[1] != 0 {
		t.Errorf("tanh of [NaN −0 1 2 NaN] = %v, want NaN, −0, …, NaN", got)
	}
}

// BenchmarkTanh64 runs Tanh64 and math.Tanh on a Burgers layer's
// pre-activations (1024 points × 64).
func BenchmarkTanh64(b *testing.B) {
	x, dst := make([]float64, 1024*64), make([]float64, 1024*64)
	for i := range x {
		x[i] = float64(i%200)/25 - 4
	}
	b.Run("kernel", func(b *testing.B) {
		for b.Loop() {
			Tanh64(dst, x)
		}
	})
	b.Run("math", func(b *testing.B) {
		for b.Loop() {
			for i, v := range x {
				dst[i] = math.Tanh(v)
			}
		}
	})
}
