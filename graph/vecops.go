package graph

import (
	"github.com/viterin/vek"
	"github.com/viterin/vek/vek32"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/pinngo/pinn/graph/internal/vecmath"
)

// Vector loops under the row ops and the per-sample products: vecmath's
// one-pass kernels and vek's AVX2 accumulation (chosen at run time, pure
// Go on other CPUs), which run a row of 64 values in a few instructions
// where Go's compiler emits one scalar operation per value, and BLAS level
// 2 for the two matrix-vector products. dst may be an operand itself, but
// must not overlap one otherwise.

// addVec sets dst = x + y (equal lengths).
func addVec[T float](dst, x, y []T) {
	switch d := any(dst).(type) {
	case []float64:
		vecmath.Add64(d, any(x).([]float64), any(y).([]float64))
	case []float32:
		vecmath.Add32(d, any(x).([]float32), any(y).([]float32))
	}
}

// subVec sets dst = x − y (equal lengths).
func subVec[T float](dst, x, y []T) {
	switch d := any(dst).(type) {
	case []float64:
		vecmath.Sub64(d, any(x).([]float64), any(y).([]float64))
	case []float32:
		vecmath.Sub32(d, any(x).([]float32), any(y).([]float32))
	}
}

// accVec sets dst += x (equal lengths).
func accVec[T float](dst, x []T) {
	switch d := any(dst).(type) {
	case []float64:
		vek.Add_Inplace(d, any(x).([]float64))
	case []float32:
		vek32.Add_Inplace(d, any(x).([]float32))
	}
}

// scaleVec sets dst = c·x (equal lengths).
func scaleVec[T float](dst, x []T, c T) {
	switch d := any(dst).(type) {
	case []float64:
		vecmath.Scale64(d, any(x).([]float64), float64(c))
	case []float32:
		vecmath.Scale32(d, any(x).([]float32), float32(c))
	}
}

// mulVec sets dst = x ⊙ y (equal lengths).
func mulVec[T float](dst, x, y []T) {
	switch d := any(dst).(type) {
	case []float64:
		vecmath.Mul64(d, any(x).([]float64), any(y).([]float64))
	case []float32:
		vecmath.Mul32(d, any(x).([]float32), any(y).([]float32))
	}
}

// gemv sets y = op(A) x for the row-major r×c matrix a, through the BLAS
// the build uses.
func gemv[T float](tA blas.Transpose, r, c int, a, x, y []T) {
	switch yd := any(y).(type) {
	case []float64:
		blas64.Implementation().Dgemv(tA, r, c, 1, any(a).([]float64), c, any(x).([]float64), 1, 0, yd, 1)
	case []float32:
		blas32.Implementation().Sgemv(tA, r, c, 1, any(a).([]float32), c, any(x).([]float32), 1, 0, yd, 1)
	}
}
