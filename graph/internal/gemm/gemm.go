package gemm

import (
	"github.com/viterin/vek"
	"github.com/viterin/vek/vek32"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"

	"github.com/pinngo/pinn/graph/internal/vecmath"
)

// Implementation is gonum's pure-Go BLAS with Dgemm and Sgemm replaced by
// the packed kernels where the CPU has them. It satisfies blas.Float64 and
// blas.Float32 (for blas64.Use and blas32.Use) and Gorgonia's BLAS.
type Implementation struct{ gonum.Implementation }

// Dgemm computes C = α op(A) op(B) + β C for row-major float64 matrices,
// as blas.Float64's Dgemm.
func (Implementation) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	product(kernel64, tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Sgemm computes C = α op(A) op(B) + β C for row-major float32 matrices,
// as blas.Float32's Sgemm.
func (Implementation) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	product(kernel32, tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Dgemv computes y = α op(A) x + β y as blas.Float64's Dgemv. y = Aᵀx
// (α = 1, β = 0, A, x and y contiguous; the gradients of outer products)
// runs vecmath.GemvT64, the sums of gonum's Dgemv in their order but with
// a block of y held in registers over A's rows instead of an axpy per row.
func (Implementation) Dgemv(tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	if gemvT(tA, m, n, float64(alpha), len(a), lda, len(x), incX, float64(beta), len(y), incY) {
		vecmath.GemvT64(y, a, x[:m], n)
		return
	}
	gonum.Implementation{}.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
}

// Sgemv computes y = α op(A) x + β y as blas.Float32's Sgemv, y = Aᵀx on
// vecmath.GemvT32 like Dgemv.
func (Implementation) Sgemv(tA blas.Transpose, m, n int, alpha float32, a []float32, lda int, x []float32, incX int, beta float32, y []float32, incY int) {
	if gemvT(tA, m, n, float64(alpha), len(a), lda, len(x), incX, float64(beta), len(y), incY) {
		vecmath.GemvT32(y, a, x[:m], n)
		return
	}
	gonum.Implementation{}.Sgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
}

// gemvT reports whether a gemv is y = Aᵀx with A (m×n), x and y
// contiguous and long enough: the case of vecmath's GemvT.
func gemvT(tA blas.Transpose, m, n int, alpha float64, la, lda, lx, incX int, beta float64, ly, incY int) bool {
	return tA != blas.NoTrans && m > 0 && n > 0 && alpha == 1 && beta == 0 && lda == n && incX == 1 && incY == 1 &&
		la >= m*n && lx >= m && ly >= n
}

// Name names the instruction set of the kernels Dgemm and Sgemm run on
// this CPU ("avx512" or "avx2"), or is empty where they are gonum's.
func Name() string { return fastest(micros64()).name }

var (
	kernel64 = kernel[float64]{micro: fastest(micros64()), pool: &pool64,
		gemm: gonum.Implementation.Dgemm, gemv: Implementation{}.Dgemv,
		matMul: vek.MatMul_Into, scale: vek.MulNumber_Inplace}
	kernel32 = kernel[float32]{micro: fastest(micros32()), pool: &pool32,
		gemm: gonum.Implementation.Sgemm, gemv: Implementation{}.Sgemv,
		matMul: vek32.MatMul_Into, scale: vek32.MulNumber_Inplace}
)

// fastest returns the first of ms, or no kernel where ms is empty.
func fastest[T float](ms []micro[T]) micro[T] {
	if len(ms) == 0 {
		return micro[T]{}
	}
	return ms[0]
}

// product is Dgemm and Sgemm: gonum's where the CPU has no kernel, a
// matrix-vector product for a single column, the packed kernel otherwise.
func product[T float](ker kernel[T], tA, tB blas.Transpose, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	if !available {
		ker.gemm(gonum.Implementation{}, tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	checkGemm(tA, tB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc)
	if n == 1 && m > 0 && k > 0 {
		if vecMatMul(tA, tB, m, k, float64(alpha), lda, ldb, float64(beta), ldc) {
			ker.matMul(c[:m], a[:m*k], b[:k], k)
			if alpha != 1 {
				ker.scale(c[:m], alpha)
			}
			return
		}
		rows, cols, incB := gemvShape(tA, tB, m, k, ldb)
		ker.gemv(tA, rows, cols, alpha, a, lda, b, incB, beta, c, ldc)
		return
	}
	gemm(ker, tA != blas.NoTrans, tB != blas.NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// gemvShape returns the stored shape of A and the stride of op(B)'s one
// column for a product with n = 1 (the last layer, N×64·64×1, and its
// gradient), which is a matrix-vector product: a micro-tile 8 or 16
// columns wide would waste most of its work, and gonum's Dgemv and Sgemv
// run vector dot products and axpys.
func gemvShape(tA, tB blas.Transpose, m, k, ldb int) (rows, cols, incB int) {
	rows, cols, incB = m, k, ldb
	if tA != blas.NoTrans {
		rows, cols = k, m
	}
	if tB != blas.NoTrans {
		incB = 1
	}
	return rows, cols, incB
}

// vecMatMul reports whether a product with n = 1 is C = α A b with A,
// b and C contiguous and β = 0 (Gorgonia's last layer): vek's MatMul, one
// AVX2 loop over A's rows, runs it 2 to 3 times as fast as gonum's
// Dgemv and Sgemv, which call a dot product per row.
func vecMatMul(tA, tB blas.Transpose, m, k int, alpha float64, lda, ldb int, beta float64, ldc int) bool {
	return tA == blas.NoTrans && lda == k && (tB != blas.NoTrans || ldb == 1) && ldc == 1 && alpha != 0 && beta == 0
}

// checkGemm panics, with gonum's messages, where gonum's Dgemm would.
func checkGemm(tA, tB blas.Transpose, m, n, k, la, lda, lb, ldb, lc, ldc int) {
	isTrans := func(t blas.Transpose) bool {
		switch t {
		case blas.NoTrans:
			return false
		case blas.Trans, blas.ConjTrans:
			return true
		}
		panic("blas: illegal transpose")
	}
	aT, bT := isTrans(tA), isTrans(tB)
	switch {
	case m < 0:
		panic("blas: m < 0")
	case n < 0:
		panic("blas: n < 0")
	case k < 0:
		panic("blas: k < 0")
	case aT && lda < max(1, m) || !aT && lda < max(1, k):
		panic("blas: bad leading dimension of A")
	case bT && ldb < max(1, k) || !bT && ldb < max(1, n):
		panic("blas: bad leading dimension of B")
	case ldc < max(1, n):
		panic("blas: bad leading dimension of C")
	case m == 0 || n == 0:
		return
	case aT && la < (k-1)*lda+m || !aT && la < (m-1)*lda+k:
		panic("blas: insufficient length of a")
	case bT && lb < (n-1)*ldb+k || !bT && lb < (k-1)*ldb+n:
		panic("blas: insufficient length of b")
	case lc < (m-1)*ldc+n:
		panic("blas: insufficient length of c")
	}
}
