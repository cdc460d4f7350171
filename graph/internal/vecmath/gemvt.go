package vecmath

// GemvT: y = Aᵀx for a row-major r×c matrix A, each y[j] the sum over
// the rows in order, from +0, of the products x[i]·A[i][j], every product
// rounded before its sum: what gonum's Sgemv and Dgemv (Trans, α = 1,
// β = 0) compute with one axpy per row, which loads and stores all of y
// for each row. The kernels keep a block of y in registers over all rows.

// Block widths of the kernels: 8 registers of 8 float32 or 4 float64.
const (
	gemvBlock32 = 64
	gemvBlock64 = 32
)

// GemvT32 sets y[j] = Σ_i x[i]·a[i·c+j] for j < c, over i < len(x) in order;
// len(y) ≥ c, len(a) ≥ len(x)·c.
func GemvT32(y, a, x []float32, c int) { gemvT(y, a, x, c, gemvBlock32, gemvT32) }

// GemvT64 sets y[j] = Σ_i x[i]·a[i·c+j] like GemvT32.
func GemvT64(y, a, x []float64, c int) { gemvT(y, a, x, c, gemvBlock64, gemvT64) }

// gemvT runs kernel over the blocks of width columns, then the rest in Go.
func gemvT[T float32 | float64](y, a, x []T, c, width int, kernel func(y, a, x *T, rows, cols, blocks int)) {
	r := len(x)
	y, a = y[:c], a[:r*c]
	j := 0
	if available && r > 0 {
		if blocks := c / width; blocks > 0 {
			kernel(&y[0], &a[0], &x[0], r, c, blocks)
			j = blocks * width
		}
	}
	for ; j < c; j++ {
		var s T
		for i, xi := range x {
			s += T(xi * a[i*c+j])
		}
		y[j] = s
	}
}
