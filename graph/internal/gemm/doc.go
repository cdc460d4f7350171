// Package gemm holds the matrix product of the default build: a BLAS whose
// Dgemm and Sgemm pack B into panels and run a register-blocked AVX2+FMA
// micro-kernel in Go assembly over A in place (transposed or not, through
// its strides), chosen at run time, and which is gonum's pure-Go BLAS
// everywhere else (other routines, other CPUs and architectures). A
// single-column product is a matrix-vector product: vek's MatMul where the
// operands are contiguous, gonum's Dgemv or Sgemv otherwise.
//
// It is a package of its own because Go assembly cannot sit in a package
// that uses cgo, as graph does with OpenBLAS.
package gemm
