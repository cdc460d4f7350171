package vecmath

import "math"

// Tanh64 sets dst[i] = tanh(x[i]) for i < len(dst); x must be at least as
// long. It computes math.Tanh's formulas four values at a time, to within
// a few units in the last place of math.Tanh. NaN gives NaN.
func Tanh64(dst, x []float64) {
	x = x[:len(dst)]
	n := 0
	if available {
		n = len(dst) &^ 3
		if n > 0 {
			tanh64(&dst[0], &x[0], n)
		}
	}
	for i := n; i < len(dst); i++ {
		dst[i] = math.Tanh(x[i])
	}
}
