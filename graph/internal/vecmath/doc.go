// Package vecmath holds element-wise functions over whole vector
// registers: tanh of float32 and float64 values in AVX2+FMA assembly,
// chosen at run time, with the same functions in Go elsewhere (float32:
// the kernel's rational function; float64: math.Tanh, whose formulas the
// kernel follows).
//
// It is a package of its own because Go assembly cannot sit in a package
// that uses cgo, as graph does with OpenBLAS.
package vecmath
