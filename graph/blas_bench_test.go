package graph_test

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/pinngo/pinn/graph"
)

// BenchmarkBLAS times the matrix products of a training step (an MLP with
// 64-wide layers on N points: H·W, δ·Wᵀ and Hᵀ·δ, and the thin first and
// last layers) through the BLAS the build serves, float64 and float32, so
// that builds can be compared kernel by kernel:
//
//	GOMAXPROCS=1 OPENBLAS_NUM_THREADS=1 go test ./graph/ -run '^$' -bench BLAS [-tags openblas]
func BenchmarkBLAS(b *testing.B) {
	type shape struct {
		m, n, k int
		tA, tB  blas.Transpose
	}
	for _, n := range []int{1024, 4096} {
		for _, s := range []shape{
			{n, 64, 64, blas.NoTrans, blas.NoTrans},
			{n, 64, 64, blas.NoTrans, blas.Trans},
			{64, 64, n, blas.Trans, blas.NoTrans},
			{n, 64, 2, blas.NoTrans, blas.NoTrans},
			{n, 1, 64, blas.NoTrans, blas.NoTrans},
		} {
			lda, ldb := s.k, s.n
			if s.tA == blas.Trans {
				lda = s.m
			}
			if s.tB == blas.Trans {
				ldb = s.k
			}
			a, bb, c := make([]float64, s.m*s.k), make([]float64, s.k*s.n), make([]float64, s.m*s.n)
			a32, b32, c32 := make([]float32, len(a)), make([]float32, len(bb)), make([]float32, len(c))
			for i := range a {
				a[i] = float64(i%13)/13 - 0.5
				a32[i] = float32(a[i])
			}
			for i := range bb {
				bb[i] = float64(i%7)/7 - 0.5
				b32[i] = float32(bb[i])
			}
			name := fmt.Sprintf("%c%c_%dx%dx%d/blas=%s", s.tA, s.tB, s.m, s.n, s.k, graph.BLAS)
			b.Run("float64/"+name, func(b *testing.B) {
				for b.Loop() {
					blas64.Implementation().Dgemm(s.tA, s.tB, s.m, s.n, s.k, 1, a, lda, bb, ldb, 0, c, s.n)
				}
				b.ReportMetric(2*float64(s.m*s.n*s.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
			b.Run("float32/"+name, func(b *testing.B) {
				for b.Loop() {
					blas32.Implementation().Sgemm(s.tA, s.tB, s.m, s.n, s.k, 1, a32, lda, b32, ldb, 0, c32, s.n)
				}
				b.ReportMetric(2*float64(s.m*s.n*s.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
