package graph

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gorgonia.org/gorgonia"
)

// blasSwap serialises CountFLOPs calls: the BLAS they wrap is process-wide.
var blasSwap sync.Mutex

// CountFLOPs runs f with the BLAS of Gorgonia and of gonum wrapped by a
// counter and returns the floating-point operations of the matrix products
// f made: 2mnk for each GEMM, 2mn for each GEMV and rank-one update.
// Element-wise work is not counted, so the figure is a lower bound of a
// step's work, and the part of it a BLAS can speed up.
//
// The BLAS is process-wide: other goroutines' products during f are counted
// too, and f must not call CountFLOPs.
func CountFLOPs(f func() error) (float64, error) {
	blasSwap.Lock()
	defer blasSwap.Unlock()
	var n atomic.Uint64
	g, d, s := gorgonia.WhichBLAS(), blas64.Implementation(), blas32.Implementation()
	c := counted{BLAS: g, f64: counted64{Float64: g, n: &n}, f32: counted32{Float32: g, n: &n}}
	gorgonia.Use(c)
	blas64.Use(counted64{Float64: d, n: &n})
	blas32.Use(counted32{Float32: s, n: &n})
	defer func() {
		gorgonia.Use(g)
		blas64.Use(d)
		blas32.Use(s)
	}()
	err := f()
	return float64(n.Load()), err
}

// PeakGFLOPs measures the BLAS's matrix-product rate on square n×n
// products in float64 (or float32 when single is true), repeating them for
// at least d: the ceiling a step's products could reach on this CPU.
func PeakGFLOPs(n int, single bool, d time.Duration) (float64, error) {
	if n < 1 || n > 4096 {
		return 0, errors.Errorf("graph: peak product size must be in [1, 4096], got %d", n)
	}
	product := func() {}
	if single {
		a, c := make([]float32, n*n), make([]float32, n*n)
		for i := range a {
			a[i] = float32(i%7) / 7
		}
		product = func() { blas32.Implementation().Sgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, a, n, a, n, 0, c, n) }
	} else {
		a, c := make([]float64, n*n), make([]float64, n*n)
		for i := range a {
			a[i] = float64(i%7) / 7
		}
		product = func() { blas64.Implementation().Dgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, a, n, a, n, 0, c, n) }
	}
	product() // warm caches and the kernels' scratch pools
	reps, begin := 0, time.Now()
	for reps == 0 || time.Since(begin) < d {
		product()
		reps++
	}
	return 2 * float64(n) * float64(n) * float64(n) * float64(reps) / time.Since(begin).Seconds() / 1e9, nil
}

// counted is Gorgonia's BLAS with its products counted.
type counted struct {
	gorgonia.BLAS
	f64 counted64
	f32 counted32
}

func (c counted) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, cc []float64, ldc int) {
	c.f64.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, cc, ldc)
}

func (c counted) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, cc []float32, ldc int) {
	c.f32.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, cc, ldc)
}

func (c counted) Dgemv(tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	c.f64.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
}

func (c counted) Sgemv(tA blas.Transpose, m, n int, alpha float32, a []float32, lda int, x []float32, incX int, beta float32, y []float32, incY int) {
	c.f32.Sgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
}

func (c counted) Dger(m, n int, alpha float64, x []float64, incX int, y []float64, incY int, a []float64, lda int) {
	c.f64.Dger(m, n, alpha, x, incX, y, incY, a, lda)
}

func (c counted) Sger(m, n int, alpha float32, x []float32, incX int, y []float32, incY int, a []float32, lda int) {
	c.f32.Sger(m, n, alpha, x, incX, y, incY, a, lda)
}

// counted64 is a float64 BLAS with its products counted in n.
type counted64 struct {
	blas.Float64
	n *atomic.Uint64
}

func (c counted64) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, cc []float64, ldc int) {
	c.n.Add(uint64(2 * m * n * k))
	c.Float64.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, cc, ldc)
}

func (c counted64) Dgemv(tA blas.Transpose, m, n int, alpha float64, a []float64, lda int, x []float64, incX int, beta float64, y []float64, incY int) {
	c.n.Add(uint64(2 * m * n))
	c.Float64.Dgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
}

func (c counted64) Dger(m, n int, alpha float64, x []float64, incX int, y []float64, incY int, a []float64, lda int) {
	c.n.Add(uint64(2 * m * n))
	c.Float64.Dger(m, n, alpha, x, incX, y, incY, a, lda)
}

// counted32 is a float32 BLAS with its products counted in n.
type counted32 struct {
	blas.Float32
	n *atomic.Uint64
}

func (c counted32) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, cc []float32, ldc int) {
	c.n.Add(uint64(2 * m * n * k))
	c.Float32.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, cc, ldc)
}

func (c counted32) Sgemv(tA blas.Transpose, m, n int, alpha float32, a []float32, lda int, x []float32, incX int, beta float32, y []float32, incY int) {
	c.n.Add(uint64(2 * m * n))
	c.Float32.Sgemv(tA, m, n, alpha, a, lda, x, incX, beta, y, incY)
}

func (c counted32) Sger(m, n int, alpha float32, x []float32, incX int, y []float32, incY int, a []float32, lda int) {
	c.n.Add(uint64(2 * m * n))
	c.Float32.Sger(m, n, alpha, x, incX, y, incY, a, lda)
}
