package graph

import (
	"math"
	"math/rand/v2"
	"testing"

	"gorgonia.org/tensor"
)

// TestScaledSumsExactly checks addScaled and copyScaled bit for bit
// against the scalar loops they replaced (a product rounded, then the
// sum), at lengths around the vector width and the block of addScaledVec,
// for scales 1 (the sum of terms) and others (the shards' shares), with
// zeros, infinities and NaN among the values.
func TestScaledSumsExactly(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.NaN(), 1e-40, 3e38}
	for _, dt := range []tensor.Dtype{tensor.Float64, tensor.Float32} {
		for _, n := range []int{1, 7, 8, 9, 63, 64, 511, 512, 513, 1100, 4096} {
			for _, c := range []float64{1, 0.5, 0.3, -2.7} {
				x, y := make([]float64, n), make([]float64, n)
				for i := range x {
					x[i], y[i] = r.NormFloat64(), r.NormFloat64()*100
					if i%13 == 5 {
						x[i] = special[i%len(special)]
					}
				}
				dst, src := denseOf(dt, y), denseOf(dt, x)
				addScaled(dst, src, c)
				copied := denseOf(dt, y)
				copyScaled(copied, src, c)
				sums, prods := floatsOf(dst), floatsOf(copied)
				for i := range x {
					var sum, prod float64
					if dt == tensor.Float64 {
						sum, prod = y[i]+c*x[i], c*x[i]
					} else {
						p := float32(c) * float32(x[i])
						sum, prod = float64(float32(y[i])+p), float64(p)
					}
					if got := sums[i]; !sameFloat(got, sum) {
						t.Fatalf("%v n=%d c=%v: addScaled [%d] = %v, want %v", dt, n, c, i, got, sum)
					}
					if got := prods[i]; !sameFloat(got, prod) {
						t.Fatalf("%v n=%d c=%v: copyScaled [%d] = %v, want %v", dt, n, c, i, got, prod)
					}
				}
			}
		}
	}
}

// denseOf returns a 1×n tensor of dtype dt holding vs.
func denseOf(dt tensor.Dtype, vs []float64) *tensor.Dense {
	d := tensor.New(tensor.WithShape(1, len(vs)), tensor.Of(dt))
	setColumn(d, func(i int) float64 { return vs[i] })
	return d
}

// sameFloat reports whether a and b are equal with one sign, or both NaN.
func sameFloat(a, b float64) bool {
	return a == b && math.Signbit(a) == math.Signbit(b) || math.IsNaN(a) && math.IsNaN(b)
}
