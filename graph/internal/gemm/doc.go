// Package gemm holds the matrix product of the default build: a BLAS whose
// Dgemm and Sgemm pack B into panels and run a register-blocked
// micro-kernel in Go assembly over A in place (transposed or not, through
// its strides), and which is gonum's pure-Go BLAS everywhere else (other
// routines, other CPUs and architectures). The kernel is chosen at run
// time: AVX-512 (12×16 float64, 12×32 float32 tiles) where the CPU has
// AVX512F, else AVX2 and FMA (6×8, 6×16). Both give each element of C the
// same operations in the same order (one FMA per step of k from zero, for
// each block of 256 steps, then α·acc added to C), so products, and runs,
// are bit-identical whichever runs. A single-column product is a
// matrix-vector product: vek's MatMul where the operands are contiguous,
// Dgemv or Sgemv otherwise, which are gonum's but for y = Aᵀx (vecmath's
// GemvT, in gonum's order of sums).
//
// It is a package of its own because Go assembly cannot sit in a package
// that uses cgo, as graph does with OpenBLAS.
package gemm
