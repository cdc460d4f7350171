//go:build !amd64

package vecmath

// available is false: there are no kernels for this architecture.
const available = false

func tanh32(dst, x *float32, n int) {}

func tanh64(dst, x *float64, n int) {}

func add64(dst, x, y *float64, n int)           {}
func sub64(dst, x, y *float64, n int)           {}
func mul64(dst, x, y *float64, n int)           {}
func scale64(dst, x *float64, c float64, n int) {}
func add32(dst, x, y *float32, n int)           {}
func sub32(dst, x, y *float32, n int)           {}
func mul32(dst, x, y *float32, n int)           {}
func scale32(dst, x *float32, c float32, n int) {}
