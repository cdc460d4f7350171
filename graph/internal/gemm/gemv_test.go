package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// TestGemvMatchesGonum checks Dgemv and Sgemv bit for bit against gonum's
// (vecmath's GemvT runs y = Aᵀx in gonum's order of sums; everything else
// is gonum's own), for both transposes, α and β of 1, 0 and others, unit
// and other strides, at the step's shapes and odd ones.
func TestGemvMatchesGonum(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 9))
	for _, s := range [][2]int{{1, 1}, {5, 3}, {64, 64}, {1024, 64}, {512, 1}, {77, 130}} {
		for _, ab := range [][2]float64{{1, 0}, {1, 1}, {-0.5, 0}, {2, 0.5}} {
			for _, inc := range []int{1, 2} {
				for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
					m, n := s[0], s[1]
					lx, ly := n, m
					if tA != blas.NoTrans {
						lx, ly = m, n
					}
					a, x, y := make([]float64, m*n), make([]float64, (lx-1)*inc+1), make([]float64, (ly-1)*inc+1)
					for _, v := range [][]float64{a, x, y} {
						for i := range v {
							v[i] = rnd.NormFloat64()
						}
					}
					name := fmt.Sprintf("%dx%d/%c/α=%g,β=%g/inc=%d", m, n, tA, ab[0], ab[1], inc)
					want, got := append([]float64(nil), y...), append([]float64(nil), y...)
					gonum.Implementation{}.Dgemv(tA, m, n, ab[0], a, n, x, inc, ab[1], want, inc)
					Implementation{}.Dgemv(tA, m, n, ab[0], a, n, x, inc, ab[1], got, inc)
					for i := range want {
						if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
							t.Fatalf("%s/float64: y[%d] = %v, want %v", name, i, got[i], want[i])
						}
					}
					a32, x32, y32 := to32(a), to32(x), to32(y)
					want32, got32 := append([]float32(nil), y32...), append([]float32(nil), y32...)
					gonum.Implementation{}.Sgemv(tA, m, n, float32(ab[0]), a32, n, x32, inc, float32(ab[1]), want32, inc)
					Implementation{}.Sgemv(tA, m, n, float32(ab[0]), a32, n, x32, inc, float32(ab[1]), got32, inc)
					for i := range want32 {
						if math.Float32bits(got32[i]) != math.Float32bits(want32[i]) {
							t.Fatalf("%s/float32: y[%d] = %v, want %v", name, i, got32[i], want32[i])
						}
					}
				}
			}
		}
	}
}
