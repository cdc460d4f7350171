package vecmath

import "math"

// Tanh64 sets dst[i] = tanh(x[i]) for i < len(dst); x must be at least as
// long. It computes math.Tanh's formulas four values at a time, to within
// a few units in the last place of math.Tanh. NaN gives NaN.
func Tanh64(dst, x []float64) { apply(dst, x, 4, tanh64, math.Tanh) }
