package vecmath

// Element-wise arithmetic in one pass: Go's compiler emits one scalar
// operation per value, and vek's _Into functions copy x into dst before
// operating in place, two passes over memory. Each result is the same
// IEEE operation on the same operands as the scalar loop, so the values
// are bit for bit those of Go (and of Gorgonia's own element-wise ops).
// dst may be x or y itself, but must not overlap them otherwise; x and y
// must be at least as long as dst.

// Add64 sets dst[i] = x[i] + y[i] for i < len(dst).
func Add64(dst, x, y []float64) {
	apply2(dst, x, y, 4, add64, func(a, b float64) float64 { return a + b })
}

// Sub64 sets dst[i] = x[i] − y[i] for i < len(dst).
func Sub64(dst, x, y []float64) {
	apply2(dst, x, y, 4, sub64, func(a, b float64) float64 { return a - b })
}

// Mul64 sets dst[i] = x[i]·y[i] for i < len(dst).
func Mul64(dst, x, y []float64) {
	apply2(dst, x, y, 4, mul64, func(a, b float64) float64 { return a * b })
}

// Scale64 sets dst[i] = x[i]·c for i < len(dst).
func Scale64(dst, x []float64, c float64) { applyScale(dst, x, c, 4, scale64) }

// Add32 sets dst[i] = x[i] + y[i] for i < len(dst).
func Add32(dst, x, y []float32) {
	apply2(dst, x, y, 8, add32, func(a, b float32) float32 { return a + b })
}

// Sub32 sets dst[i] = x[i] − y[i] for i < len(dst).
func Sub32(dst, x, y []float32) {
	apply2(dst, x, y, 8, sub32, func(a, b float32) float32 { return a - b })
}

// Mul32 sets dst[i] = x[i]·y[i] for i < len(dst).
func Mul32(dst, x, y []float32) {
	apply2(dst, x, y, 8, mul32, func(a, b float32) float32 { return a * b })
}

// Scale32 sets dst[i] = x[i]·c for i < len(dst).
func Scale32(dst, x []float32, c float32) { applyScale(dst, x, c, 8, scale32) }

// apply2 sets dst[i] = f(x[i], y[i]) for i < len(dst): kernel over the
// largest multiple of width values, f over the rest.
func apply2[T float32 | float64](dst, x, y []T, width int, kernel func(dst, x, y *T, n int), f func(T, T) T) {
	x, y = x[:len(dst)], y[:len(dst)]
	n := 0
	if available {
		n = len(dst) / width * width
		if n > 0 {
			kernel(&dst[0], &x[0], &y[0], n)
		}
	}
	for i := n; i < len(dst); i++ {
		dst[i] = f(x[i], y[i])
	}
}

// applyScale sets dst[i] = x[i]·c for i < len(dst), like apply2.
func applyScale[T float32 | float64](dst, x []T, c T, width int, kernel func(dst, x *T, c T, n int)) {
	x = x[:len(dst)]
	n := 0
	if available {
		n = len(dst) / width * width
		if n > 0 {
			kernel(&dst[0], &x[0], c, n)
		}
	}
	for i := n; i < len(dst); i++ {
		dst[i] = x[i] * c
	}
}
