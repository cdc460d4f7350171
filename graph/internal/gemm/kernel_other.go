//go:build !amd64

package gemm

// available is false: there are no kernels for this architecture, and
// Dgemm and Sgemm are gonum's.
const available = false

func micros64() []micro[float64] { return nil }

func micros32() []micro[float32] { return nil }
