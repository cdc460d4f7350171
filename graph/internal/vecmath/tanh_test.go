package vecmath

import (
	"math"
	"testing"

	"github.com/chewxy/math32"
)

// tanhTol is the largest error allowed, relative to |tanh x| (and
// absolute below 1e-30): 6 units of float32 rounding, 2⁻²⁴.
const tanhTol = 6 * 0x1p-24

// TestTanh32 checks Tanh32 against math.Tanh on a fine grid over the range
// where tanh is not yet ±1, tiny and huge values, both signs, infinities,
// and lengths that leave every tail of the 8-wide kernel; NaN gives NaN.
func TestTanh32(t *testing.T) {
	var xs []float32
	for i := -100000; i <= 100000; i++ {
		xs = append(xs, float32(i)*1e-4)
	}
	for _, v := range []float32{1e-30, 1e-8, 3e-4, 0.5, 7.9, 7.95, 9, 20, 1e30, float32(math.Inf(1))} {
		xs = append(xs, v, -v)
	}
	for _, n := range []int{len(xs), len(xs) - 1, 7, 9, 15, 0} {
		x := xs[len(xs)-n:]
		got := make([]float32, n)
		Tanh32(got, x)
		for i, v := range x {
			want := math.Tanh(float64(v))
			if err := math.Abs(float64(got[i]) - want); err > tanhTol*max(math.Abs(want), 1e-30) {
				t.Fatalf("n=%d: tanh(%g) = %g, want %g (error %.3g, tolerance %.3g)", n, v, got[i], want, err, tanhTol*math.Abs(want))
			}
		}
	}
	nan := float32(math.NaN())
	got := make([]float32, 9)
	Tanh32(got, []float32{0, 1, nan, 2, 3, 4, 5, 6, nan})
	if !math.IsNaN(float64(got[2])) || !math.IsNaN(float64(got[8])) || math.IsNaN(float64(got[1])) {
		t.Errorf("tanh of [0 1 NaN … NaN] = %v, want NaN at 2 and 8 only", got)
	}
}

// BenchmarkTanh32 runs Tanh32 and the scalar math32.Tanh graph used
// before on a Burgers layer's pre-activations (1024 points × 64).
func BenchmarkTanh32(b *testing.B) {
	x, dst := make([]float32, 1024*64), make([]float32, 1024*64)
	for i := range x {
		x[i] = float32(i%200)/25 - 4
	}
	b.Run("kernel", func(b *testing.B) {
		for b.Loop() {
			Tanh32(dst, x)
		}
	})
	b.Run("math32", func(b *testing.B) {
		for b.Loop() {
			for i, v := range x {
				dst[i] = math32.Tanh(v)
			}
		}
	})
}
