package gemm

import (
	"fmt"
	"testing"

	"github.com/viterin/vek"
	"github.com/viterin/vek/vek32"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// benchShape is one product of a training step: C (m×n) = op(A) op(B)
// with inner dimension k.
type benchShape struct {
	name    string
	m, n, k int
	tA, tB  blas.Transpose
}

// benchShapes are the products of an MLP with 64-wide hidden layers on N
// points: the hidden layers forward (H·W) and backward (δ·Wᵀ, Hᵀ·δ), and
// the thin first (N×2·2×64) and last (N×64·64×1) layers.
func benchShapes() []benchShape {
	var s []benchShape
	for _, n := range []int{1024, 4096} {
		s = append(s,
			benchShape{fmt.Sprintf("NN_%dx64x64", n), n, 64, 64, blas.NoTrans, blas.NoTrans},
			benchShape{fmt.Sprintf("NT_%dx64x64", n), n, 64, 64, blas.NoTrans, blas.Trans},
			benchShape{fmt.Sprintf("TN_64x64x%d", n), 64, 64, n, blas.Trans, blas.NoTrans},
			benchShape{fmt.Sprintf("NN_%dx64x2", n), n, 64, 2, blas.NoTrans, blas.NoTrans},
			benchShape{fmt.Sprintf("NN_%dx1x64", n), n, 1, 64, blas.NoTrans, blas.NoTrans},
		)
	}
	return s
}

// operands returns A, B and C for s, filled with small values.
func (s benchShape) operands() (a, b, c []float64, lda, ldb int) {
	a, b, c = make([]float64, s.m*s.k), make([]float64, s.k*s.n), make([]float64, s.m*s.n)
	for i := range a {
		a[i] = float64(i%13)/13 - 0.5
	}
	for i := range b {
		b[i] = float64(i%7)/7 - 0.5
	}
	lda, ldb = s.k, s.n
	if s.tA == blas.Trans {
		lda = s.m
	}
	if s.tB == blas.Trans {
		ldb = s.k
	}
	return a, b, c, lda, ldb
}

// BenchmarkGemm runs this package's Dgemm and Sgemm, gonum's pure-Go ones,
// and vek's MatMul (which has no transposes: the transposed cases are
// timed with the operand copied transposed first, as a wrapper would).
//
//	GOMAXPROCS=1 go test ./graph/internal/gemm -run '^$' -bench Gemm
func BenchmarkGemm(b *testing.B) {
	for _, s := range benchShapes() {
		a, bb, c, lda, ldb := s.operands()
		a32, b32, c32 := to32(a), to32(bb), to32(c)
		b.Run("gonum64/"+s.name, func(b *testing.B) {
			for b.Loop() {
				gonum.Implementation{}.Dgemm(s.tA, s.tB, s.m, s.n, s.k, 1, a, lda, bb, ldb, 0, c, s.n)
			}
		})
		b.Run("gonum32/"+s.name, func(b *testing.B) {
			for b.Loop() {
				gonum.Implementation{}.Sgemm(s.tA, s.tB, s.m, s.n, s.k, 1, a32, lda, b32, ldb, 0, c32, s.n)
			}
		})
		b.Run("ours64/"+s.name, func(b *testing.B) {
			for b.Loop() {
				Implementation{}.Dgemm(s.tA, s.tB, s.m, s.n, s.k, 1, a, lda, bb, ldb, 0, c, s.n)
			}
		})
		b.Run("ours32/"+s.name, func(b *testing.B) {
			for b.Loop() {
				Implementation{}.Sgemm(s.tA, s.tB, s.m, s.n, s.k, 1, a32, lda, b32, ldb, 0, c32, s.n)
			}
		})
		b.Run("vek64/"+s.name, func(b *testing.B) { benchVek(b, s, c, a, bb, vek.MatMul_Into) })
		b.Run("vek32/"+s.name, func(b *testing.B) { benchVek(b, s, c32, a32, b32, vek32.MatMul_Into) })
	}
}

// benchVek times C = op(A) op(B) with vek's matMul, copying a transposed
// operand transposed first.
func benchVek[T float64 | float32](b *testing.B, s benchShape, c, x, y []T, matMul func(dst, x, y []T, n int) []T) {
	tx, ty := make([]T, len(x)), make([]T, len(y))
	for b.Loop() {
		x, y := x, y
		if s.tA == blas.Trans {
			transpose(tx, x, s.k, s.m)
			x = tx
		}
		if s.tB == blas.Trans {
			transpose(ty, y, s.n, s.k)
			y = ty
		}
		matMul(c, x, y, s.k)
	}
}

// transpose writes the r×c matrix x transposed into dst.
func transpose[T float64 | float32](dst, x []T, r, c int) {
	for i := range r {
		for j := range c {
			dst[j*r+i] = x[i*c+j]
		}
	}
}
