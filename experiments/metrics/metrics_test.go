package metrics_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/pinngo/pinn/experiments/metrics"
)

func TestCompute(t *testing.T) {
	s, err := metrics.Compute([]float64{1, 2, 2}, []float64{1, 2, 4})
	if err != nil {
		t.Fatal(err)
	}
	want := metrics.Summary{RelL2: 2 / math.Sqrt(21), LInf: 2, MSE: 4.0 / 3}
	if math.Abs(s.RelL2-want.RelL2) > 1e-15 || s.LInf != want.LInf || math.Abs(s.MSE-want.MSE) > 1e-15 {
		t.Errorf("got %+v, want %+v", s, want)
	}
	for _, c := range []struct{ p, r []float64 }{
		{nil, nil}, {[]float64{1}, []float64{1, 2}}, {[]float64{1}, []float64{0}}, {[]float64{math.NaN()}, []float64{1}},
	} {
		if _, err := metrics.Compute(c.p, c.r); err == nil {
			t.Errorf("Compute(%v, %v): no error", c.p, c.r)
		}
	}
}

func ExampleCompute() {
	s, _ := metrics.Compute([]float64{0.9, 2.1}, []float64{1, 2})
	fmt.Printf("rel_l2 %.4f linf %.1f mse %.3f\n", s.RelL2, s.LInf, s.MSE)
	// Output: rel_l2 0.0632 linf 0.1 mse 0.010
}
