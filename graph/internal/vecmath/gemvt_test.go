package vecmath

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// TestGemvT checks GemvT32 and GemvT64 bit for bit against gonum's Sgemv
// and Dgemv (Trans, α = 1, β = 0) at widths around the kernels' blocks,
// with every kind of value on a few rows (where NaN and infinities do not
// swamp the sums) and ordinary values and signed zeros on many.
func TestGemvT(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, c := range []int{1, 7, 8, 31, 32, 33, 63, 64, 65, 96, 128, 130} {
		for _, rows := range []int{0, 1, 3, 64, 1000} {
			ordinary := func(n int) []float64 {
				v := make([]float64, n)
				for i := range v {
					switch r.IntN(16) {
					case 0:
						v[i] = math.Copysign(0, -1)
					case 1:
						v[i] = 0
					default:
						v[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(7)-3))
					}
				}
				return v
			}
			a, x := ordinary(rows*c), ordinary(rows)
			if rows <= 3 {
				a, x = values[float64](r, rows*c), values[float64](r, rows)
			}
			checkGemvT(t, c, a, x, GemvT64, gonum.Implementation{}.Dgemv)
			a32, x32 := make([]float32, len(a)), make([]float32, len(x))
			for i := range a {
				a32[i] = float32(a[i])
			}
			for i := range x {
				x32[i] = float32(x[i])
			}
			checkGemvT(t, c, a32, x32, GemvT32, gonum.Implementation{}.Sgemv)
		}
	}
}

func checkGemvT[T float32 | float64](t *testing.T, c int, a, x []T, gemvT func(y, a, x []T, c int),
	gemv func(blas.Transpose, int, int, T, []T, int, []T, int, T, []T, int)) {
	t.Helper()
	want := make([]T, c)
	if len(x) > 0 {
		gemv(blas.Trans, len(x), c, 1, a, c, x, 1, 0, want, 1)
	}
	got := make([]T, c)
	for j := range got {
		got[j] = 7 // overwritten, not accumulated into
	}
	gemvT(got, a, x, c)
	for j := range want {
		if !same(got[j], want[j]) {
			t.Fatalf("%T %d×%d: y[%d] = %v, want %v", got[j], len(x), c, j, got[j], want[j])
		}
	}
}
