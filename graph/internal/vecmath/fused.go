package vecmath

// Chains of element-wise operations in one pass: the backward product of
// tanh and the chains a graph's derivative rules build, which as separate
// ops each write their result to memory and read it back. Every
// intermediate is rounded to the element type, as the separate ops round
// it (the kernels use no fused multiply-add, and the Go loops convert each
// product to T, which forbids the compiler to fuse it), so the values are
// bit for bit those of the separate ops. dst may be an operand itself but
// must not overlap one otherwise; the operands must be at least as long
// as dst.

// TanhGrad64 sets dst[i] = (1 − x[i]·x[i])·y[i]: the gradient y through a
// tanh whose value is x.
func TanhGrad64(dst, x, y []float64) { apply2(dst, x, y, 4, tanhGrad64, tanhGrad[float64]) }

// TanhGrad32 sets dst[i] = (1 − x[i]·x[i])·y[i].
func TanhGrad32(dst, x, y []float32) { apply2(dst, x, y, 8, tanhGrad32, tanhGrad[float32]) }

// Slope64 sets dst[i] = 1 − x[i]·x[i]: tanh's derivative where tanh has
// the value x.
func Slope64(dst, x []float64) { apply(dst, x, 4, slope64, slope[float64]) }

// Slope32 sets dst[i] = 1 − x[i]·x[i].
func Slope32(dst, x []float32) { apply(dst, x, 8, slope32, slope[float32]) }

// MulScaled64 sets dst[i] = x[i]·(y[i]·c).
func MulScaled64(dst, x, y []float64, c float64) {
	applyC(dst, x, y, c, 4, mulScaled64, func(a, b float64) float64 { return a * float64(b*c) })
}

// MulScaled32 sets dst[i] = x[i]·(y[i]·c).
func MulScaled32(dst, x, y []float32, c float32) {
	applyC(dst, x, y, c, 8, mulScaled32, func(a, b float32) float32 { return a * float32(b*c) })
}

// MulScale64 sets dst[i] = (x[i]·y[i])·c.
func MulScale64(dst, x, y []float64, c float64) {
	applyC(dst, x, y, c, 4, mulScale64, func(a, b float64) float64 { return float64(a*b) * c })
}

// MulScale32 sets dst[i] = (x[i]·y[i])·c.
func MulScale32(dst, x, y []float32, c float32) {
	applyC(dst, x, y, c, 8, mulScale32, func(a, b float32) float32 { return float32(a*b) * c })
}

// ScaleMul64 sets dst[i] = (x[i]·c)·y[i].
func ScaleMul64(dst, x, y []float64, c float64) {
	applyC(dst, x, y, c, 4, scaleMul64, func(a, b float64) float64 { return float64(a*c) * b })
}

// ScaleMul32 sets dst[i] = (x[i]·c)·y[i].
func ScaleMul32(dst, x, y []float32, c float32) {
	applyC(dst, x, y, c, 8, scaleMul32, func(a, b float32) float32 { return float32(a*c) * b })
}

// MulAdd64 sets dst[i] = x[i]·y[i] + z[i]·w[i].
func MulAdd64(dst, x, y, z, w []float64) { applyMulAdd(dst, x, y, z, w, 4, mulAdd64) }

// MulAdd32 sets dst[i] = x[i]·y[i] + z[i]·w[i].
func MulAdd32(dst, x, y, z, w []float32) { applyMulAdd(dst, x, y, z, w, 8, mulAdd32) }

// slope is 1 − x·x for one value.
func slope[T float32 | float64](x T) T { return 1 - T(x*x) }

// tanhGrad is (1 − x·x)·y for one value.
func tanhGrad[T float32 | float64](x, y T) T { return (1 - T(x*x)) * y }

// applyC is apply2 for a kernel with a constant c.
func applyC[T float32 | float64](dst, x, y []T, c T, width int, kernel func(dst, x, y *T, c T, n int), f func(T, T) T) {
	x, y = x[:len(dst)], y[:len(dst)]
	n := 0
	if available {
		n = len(dst) / width * width
		if n > 0 {
			kernel(&dst[0], &x[0], &y[0], c, n)
		}
	}
	for i := n; i < len(dst); i++ {
		dst[i] = f(x[i], y[i])
	}
}

// applyMulAdd sets dst[i] = x[i]·y[i] + z[i]·w[i] like apply2.
func applyMulAdd[T float32 | float64](dst, x, y, z, w []T, width int, kernel func(dst, x, y, z, w *T, n int)) {
	x, y, z, w = x[:len(dst)], y[:len(dst)], z[:len(dst)], w[:len(dst)]
	n := 0
	if available {
		n = len(dst) / width * width
		if n > 0 {
			kernel(&dst[0], &x[0], &y[0], &z[0], &w[0], n)
		}
	}
	for i := n; i < len(dst); i++ {
		dst[i] = T(x[i]*y[i]) + T(z[i]*w[i])
	}
}
