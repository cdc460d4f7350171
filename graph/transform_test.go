package graph_test

import (
	"math"
	"testing"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// burgersHard is u = −sin(πx) + t (1 − x²) N: the Burgers initial and
// boundary conditions hold whatever N is.
func burgersHard(g *graph.Graph, in map[string]*graph.Node, raw []*graph.Node) []*graph.Node {
	x, t := in["x"], in["t"]
	u0 := g.Neg(g.Sin(g.Scale(math.Pi, x)))
	return []*graph.Node{g.Add(u0, g.Mul(g.Mul(t, g.Shift(g.Neg(g.Square(x)), 1)), raw[0]))}
}

// TestTransformSatisfiesConditionsExactly checks the initial and boundary
// values of a transformed network, and that its t-derivative at t = 0 is
// (1 − x²) N(x, 0) as the product rule says.
func TestTransformSatisfiesConditionsExactly(t *testing.T) {
	const tol = 1e-14
	raw := newNet(t, []string{"x", "t"}, "tanh", tensor.Float64)
	net, err := graph.NewTransformed(raw, burgersHard)
	if err != nil {
		t.Fatal(err)
	}
	pred, err := graph.NewPredictor(net, 16, func(f *graph.Fields) []*graph.Node { return []*graph.Node{f.U(), f.D("t")} })
	if err != nil {
		t.Fatal(err)
	}
	rawPred, err := graph.NewPredictor(raw, 16, nil)
	if err != nil {
		t.Fatal(err)
	}
	xs := []float64{-1, -0.6, -0.1, 0, 0.35, 0.9, 1}
	initial := graph.Points{"x": xs, "t": make([]float64, len(xs))}
	v, err := pred.Predict(initial)
	if err != nil {
		t.Fatal(err)
	}
	n, err := rawPred.Predict(initial)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range xs {
		if d := math.Abs(v[0][i] + math.Sin(math.Pi*x)); d > tol {
			t.Errorf("u(%v, 0) off −sin πx by %.3g", x, d)
		}
		if d := math.Abs(v[1][i] - (1-x*x)*n[0][i]); d > tol {
			t.Errorf("u_t(%v, 0) off (1 − x²) N by %.3g", x, d)
		}
	}
	ts := []float64{0.1, 0.5, 1}
	for _, x := range []float64{-1, 1} {
		v, err := pred.Predict(graph.Points{"x": {x, x, x}, "t": ts})
		if err != nil {
			t.Fatal(err)
		}
		for i := range ts {
			if d := math.Abs(v[0][i]); d > tol {
				t.Errorf("u(%v, %v) = %.3g, want 0", x, ts[i], d)
			}
		}
	}
}

func TestTransformRejectsBadOutputs(t *testing.T) {
	raw := newNet(t, []string{"x", "t"}, "tanh", tensor.Float64)
	for _, c := range []struct {
		name string
		f    graph.OutputTransform
	}{
		{"too many outputs", func(g *graph.Graph, in map[string]*graph.Node, raw []*graph.Node) []*graph.Node {
			return append(raw, raw[0])
		}},
		{"nil output", func(g *graph.Graph, in map[string]*graph.Node, raw []*graph.Node) []*graph.Node {
			return []*graph.Node{nil}
		}},
		{"graph error", func(g *graph.Graph, in map[string]*graph.Node, raw []*graph.Node) []*graph.Node {
			return []*graph.Node{g.Add(raw[0], nil)}
		}},
	} {
		net, err := graph.NewTransformed(raw, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := graph.NewPredictor(net, 4, nil); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	if _, err := graph.NewTransformed(raw, nil); err == nil {
		t.Error("nil transform: no error")
	}
}

// TestDoubleNegationDifferentiates guards against a cycle in D: Gorgonia
// returns a itself for Neg(Neg(a)), which third derivatives of sin and cos
// build.
func TestDoubleNegationDifferentiates(t *testing.T) {
	const tol = 1e-12
	net := newNet(t, []string{"x", "t"}, "sin", tensor.Float64)
	pred, err := graph.NewPredictor(net, 2, func(f *graph.Fields) []*graph.Node {
		u := f.Neg(f.Neg(f.Sin(f.X("x"))))
		return []*graph.Node{f.DOf(u, "x", "x", "x"), f.D("x", "x", "x", "x")}
	})
	if err != nil {
		t.Fatal(err)
	}
	v, err := pred.Predict(graph.Points{"x": {0.3, -1.1}, "t": {0, 0}})
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range []float64{0.3, -1.1} {
		if d := math.Abs(v[0][i] + math.Cos(x)); d > tol {
			t.Errorf("d³/dx³ sin at %v off −cos by %.3g", x, d)
		}
	}
}
