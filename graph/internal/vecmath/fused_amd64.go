package vecmath

// The kernels of fused_amd64.s, for i < n, a multiple of the register
// width: tanhGrad dst = (1 − x·x)·y, slope 1 − x·x, mulScale (x·y)·c,
// scaleMul (x·c)·y, mulScaled x·(y·c), mulAdd x·y + z·w.

//go:noescape
func tanhGrad64(dst, x, y *float64, n int)

//go:noescape
func tanhGrad32(dst, x, y *float32, n int)

//go:noescape
func mulScale64(dst, x, y *float64, c float64, n int)

//go:noescape
func mulScale32(dst, x, y *float32, c float32, n int)

//go:noescape
func scaleMul64(dst, x, y *float64, c float64, n int)

//go:noescape
func scaleMul32(dst, x, y *float32, c float32, n int)

//go:noescape
func mulAdd64(dst, x, y, z, w *float64, n int)

//go:noescape
func mulAdd32(dst, x, y, z, w *float32, n int)

//go:noescape
func slope64(dst, x *float64, n int)

//go:noescape
func slope32(dst, x *float32, n int)

//go:noescape
func mulScaled64(dst, x, y *float64, c float64, n int)

//go:noescape
func mulScaled32(dst, x, y *float32, c float32, n int)
