// Package vecmath holds element-wise functions over whole vector
// registers for the default build: tanh of float32 values in AVX2+FMA
// assembly, chosen at run time, with the same rational function in Go
// elsewhere.
//
// It is a package of its own because Go assembly cannot sit in a package
// that uses cgo, as graph does with OpenBLAS.
package vecmath
