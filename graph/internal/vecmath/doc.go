// Package vecmath holds element-wise functions over whole vector
// registers, in AVX2+FMA assembly chosen at run time, with the same
// functions in Go elsewhere: tanh of float32 values (the kernel's rational
// function) and of float64 values (math.Tanh's formulas), and sums,
// differences, products and scalings in one pass, bit for bit those of
// Go's scalar operations.
//
// It is a package of its own because Go assembly cannot sit in a package
// that uses cgo, as graph does with OpenBLAS.
package vecmath
