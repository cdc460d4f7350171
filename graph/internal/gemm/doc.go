// Package gemm holds the matrix product of the default build: a BLAS whose
// Dgemm and Sgemm pack their operands into panels and run a register-
// blocked AVX2+FMA micro-kernel in Go assembly, chosen at run time, and
// which is gonum's pure-Go BLAS everywhere else (other routines, other
// CPUs and architectures, and the products too thin for the kernel).
//
// It is a package of its own because Go assembly cannot sit in a package
// that uses cgo, as graph does with OpenBLAS.
package gemm
