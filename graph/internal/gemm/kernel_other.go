//go:build !amd64

package gemm

// available is false: there are no kernels for this architecture, and
// Dgemm and Sgemm are gonum's.
const available = false

var (
	kernel64 = kernel[float64]{mr: 6, nr: 8, fn: func(int, *float64, int, int, *float64, *float64, int, float64, int) {}, pool: &pool64}
	kernel32 = kernel[float32]{mr: 6, nr: 16, fn: func(int, *float32, int, int, *float32, *float32, int, float32, int) {}, pool: &pool32}
)
