package vecmath

// The coefficients of tanh x ≈ x·p(x²)/q(x²) on |x| ≤ tanhClamp, the
// rational function Eigen evaluates for float32 (within a few units in the
// last place; beyond the clamp tanh rounds to ±1 in float32). The
// assembly reads them from its own copies in tanh_amd64.s.
const (
	tanhClamp = 7.90531110763549805
	tanhA1    = 4.89352455891786e-03
	tanhA3    = 6.37261928875436e-04
	tanhA5    = 1.48572235717979e-05
	tanhA7    = 5.12229709037114e-08
	tanhA9    = -8.60467152213735e-11
	tanhA11   = 2.00018790482477e-13
	tanhA13   = -2.76076847742355e-16
	tanhB0    = 4.89352518554385e-03
	tanhB2    = 2.26843463243900e-03
	tanhB4    = 1.18534705686654e-04
	tanhB6    = 1.19825839466702e-06
)

// Tanh32 sets dst[i] = tanh(x[i]) for i < len(dst); x must be at least as
// long. NaN gives NaN.
func Tanh32(dst, x []float32) { apply(dst, x, 8, tanh32, tanh32Go) }

// apply sets dst[i] = f(x[i]) for i < len(dst): kernel over the largest
// multiple of width values, f over the rest (all of them where the CPU
// has no kernels).
func apply[T float32 | float64](dst, x []T, width int, kernel func(dst, x *T, n int), f func(T) T) {
	x = x[:len(dst)]
	n := 0
	if available {
		n = len(dst) / width * width
		if n > 0 {
			kernel(&dst[0], &x[0], n)
		}
	}
	for i := n; i < len(dst); i++ {
		dst[i] = f(x[i])
	}
}

// tanh32Go is the kernel's rational function for one value, in the same
// order of operations.
func tanh32Go(x float32) float32 {
	if x != x {
		return x
	}
	x = min(max(x, -tanhClamp), tanhClamp)
	x2 := x * x
	p := float32(tanhA13)
	p = p*x2 + tanhA11
	p = p*x2 + tanhA9
	p = p*x2 + tanhA7
	p = p*x2 + tanhA5
	p = p*x2 + tanhA3
	p = p*x2 + tanhA1
	p *= x
	q := float32(tanhB6)
	q = q*x2 + tanhB4
	q = q*x2 + tanhB2
	q = q*x2 + tanhB0
	return p / q
}
