//go:build !amd64

package vecmath

// available is false: there are no kernels for this architecture.
const available = false

func tanh32(dst, x *float32, n int) {}

func tanh64(dst, x *float64, n int) {}
