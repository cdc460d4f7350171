//go:build !amd64

package gemm

// available is false: there are no kernels for this architecture, and
// Dgemm and Sgemm are gonum's.
const available = false

func kern64(k int, a *float64, rs, ss int, b, c *float64, ldc int, alpha float64, add int) {}

func kern32(k int, a *float32, rs, ss int, b, c *float32, ldc int, alpha float32, add int) {}
