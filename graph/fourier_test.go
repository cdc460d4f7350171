package graph_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

func newFourier(t *testing.T, period float64, modes int) graph.Network {
	t.Helper()
	coords := []string{"x", "t"}
	inner, err := graph.NewMLP(graph.MLPConfig{Inputs: graph.FourierInputs(coords, "x", modes), Width: 12, Depth: 2, Dtype: tensor.Float64, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	net, err := graph.NewFourier(inner, coords, "x", period, modes)
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// TestFourierIsExactlyPeriodic compares u and its x- and t-derivatives at
// both ends of the period, at several times.
func TestFourierIsExactlyPeriodic(t *testing.T) {
	const tol = 1e-12
	derivs := [][]string{{}, {"x"}, {"x", "x"}, {"x", "x", "x"}, {"t"}, {"x", "t"}}
	for _, c := range []struct {
		name   string
		lo, hi float64
		modes  int
	}{{"[-1,1)", -1, 1, 4}, {"[0,2π)", 0, 2 * math.Pi, 3}} {
		t.Run(c.name, func(t *testing.T) {
			net := newFourier(t, c.hi-c.lo, c.modes)
			pred, err := graph.NewPredictor(net, 8, func(f *graph.Fields) []*graph.Node {
				var out []*graph.Node
				for _, d := range derivs {
					out = append(out, f.D(d...))
				}
				return out
			})
			if err != nil {
				t.Fatal(err)
			}
			ts := []float64{0, 0.3, 0.77, 1}
			lo, hi := graph.Points{"t": ts}, graph.Points{"t": ts}
			for range ts {
				lo["x"] = append(lo["x"], c.lo)
				hi["x"] = append(hi["x"], c.hi)
			}
			a, err := pred.Predict(lo)
			if err != nil {
				t.Fatal(err)
			}
			b, err := pred.Predict(hi)
			if err != nil {
				t.Fatal(err)
			}
			for k, d := range derivs {
				for i := range ts {
					if diff := math.Abs(a[k][i] - b[k][i]); !(diff <= tol*math.Max(1, math.Abs(a[k][i]))) {
						t.Errorf("u%v at t=%v: %.17g at %v, %.17g at %v (diff %.3g)", d, ts[i], a[k][i], c.lo, b[k][i], c.hi, diff)
					}
				}
			}
		})
	}
}

// TestFourierDerivativesMatchFiniteDifferences checks that D goes through
// the embedding: u_x and u_xx against central differences.
func TestFourierDerivativesMatchFiniteDifferences(t *testing.T) {
	const tol = 1e-6
	net := newFourier(t, 2, 3)
	pred, err := graph.NewPredictor(net, 1, func(f *graph.Fields) []*graph.Node {
		return []*graph.Node{f.U(), f.D("x"), f.D("x", "x")}
	})
	if err != nil {
		t.Fatal(err)
	}
	eval := func(x, tt float64, k int) float64 {
		v, err := pred.Predict(graph.Points{"x": {x}, "t": {tt}})
		if err != nil {
			t.Fatal(err)
		}
		return v[k][0]
	}
	for _, p := range [][2]float64{{-0.9, 0.2}, {0.1, 0.5}, {0.8, 0.95}} {
		for k := 1; k <= 2; k++ {
			num := fd.Derivative(func(x float64) float64 { return eval(x, p[1], k-1) }, p[0], &fd.Settings{Formula: fd.Central, Step: 1e-5})
			got := eval(p[0], p[1], k)
			if rel := math.Abs(got-num) / math.Max(1, math.Abs(num)); !(rel <= tol) {
				t.Errorf("order %d at %v: %v, finite difference %v (rel %.3g)", k, p, got, num, rel)
			}
		}
	}
}

func TestFourierRejectsBadInput(t *testing.T) {
	coords := []string{"x", "t"}
	inner, err := graph.NewMLP(graph.MLPConfig{Inputs: graph.FourierInputs(coords, "x", 2), Width: 4, Depth: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		coord  string
		period float64
		modes  int
	}{
		{"no such coordinate", "y", 2, 2},
		{"zero period", "x", 0, 2},
		{"no modes", "x", 2, 0},
		{"modes the inner network does not read", "x", 2, 3},
	} {
		if _, err := graph.NewFourier(inner, coords, c.coord, c.period, c.modes); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}
