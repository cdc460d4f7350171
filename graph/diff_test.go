package graph_test

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

func newNet(t *testing.T, inputs []string, act string, dtype tensor.Dtype) *graph.MLP {
	t.Helper()
	net, err := graph.NewMLP(graph.MLPConfig{Inputs: inputs, Width: 12, Depth: 3, Activation: act, Dtype: dtype, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// TestDerivativesMatchFiniteDifferences checks each derivative the graph
// builds against a central difference of the derivative one order lower,
// so that every nesting level of D is checked on its own.
func TestDerivativesMatchFiniteDifferences(t *testing.T) {
	const tol = 1e-6
	pts := [][2]float64{{-0.7, 0.1}, {0.3, 0.9}, {0.05, 0.5}, {0.95, 0.25}}
	cases := []struct {
		name   string
		inputs []string
		act    string
		derivs [][]string // each checked against a difference of the previous-order one along its last coordinate
	}{
		{"tanh-xt", []string{"x", "t"}, "tanh", [][]string{{"x"}, {"x", "x"}, {"x", "x", "x"}, {"t"}, {"x", "t"}, {"t", "x"}, {"t", "x", "x"}}},
		{"sin-xy", []string{"x", "y"}, "sin", [][]string{{"y"}, {"y", "y"}, {"x"}, {"x", "y"}, {"x", "x"}, {"x", "x", "x"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			net := newNet(t, c.inputs, c.act, tensor.Float64)
			pred, err := graph.NewPredictor(net, 1, func(f *graph.Fields) []*graph.Node {
				out := []*graph.Node{f.U()}
				for _, d := range c.derivs {
					out = append(out, f.D(d...))
				}
				return out
			})
			if err != nil {
				t.Fatal(err)
			}
			eval := func(p [2]float64, k int) float64 {
				v, err := pred.Predict(graph.Points{c.inputs[0]: {p[0]}, c.inputs[1]: {p[1]}})
				if err != nil {
					t.Fatal(err)
				}
				return v[k][0]
			}
			index := map[string]int{"": 0}
			for k, d := range c.derivs {
				index[strings.Join(d, ",")] = k + 1
			}
			for k, d := range c.derivs {
				lower, ok := index[strings.Join(d[:len(d)-1], ",")]
				if !ok {
					t.Fatalf("no lower derivative for %v", d)
				}
				axis := 0
				if d[len(d)-1] == c.inputs[1] {
					axis = 1
				}
				for _, p := range pts {
					got := eval(p, k+1)
					want := fd.Derivative(func(s float64) float64 {
						q := p
						q[axis] = s
						return eval(q, lower)
					}, p[axis], &fd.Settings{Formula: fd.Central, Step: 1e-5})
					if rel := math.Abs(got-want) / math.Max(math.Abs(want), 1e-3); rel > tol {
						t.Errorf("u_%v at %v = %.12g, finite difference %.12g (rel %.2g > %g)", d, p, got, want, rel, tol)
					}
				}
			}
		})
	}
}

// TestFloat32MatchesFloat64 builds the same network in both precisions.
func TestFloat32MatchesFloat64(t *testing.T) {
	var vals [2][]float64
	for i, dt := range []tensor.Dtype{tensor.Float64, tensor.Float32} {
		net := newNet(t, []string{"x", "t"}, "tanh", dt)
		pred, err := graph.NewPredictor(net, 3, func(f *graph.Fields) []*graph.Node {
			return []*graph.Node{f.U(), f.D("x", "x"), f.D("t")}
		})
		if err != nil {
			t.Fatal(err)
		}
		out, err := pred.Predict(graph.Points{"x": {-0.5, 0, 0.5}, "t": {0.1, 0.2, 0.3}})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range out {
			vals[i] = append(vals[i], o...)
		}
	}
	for i := range vals[0] {
		if d := math.Abs(vals[0][i] - vals[1][i]); d > 1e-4*math.Max(1, math.Abs(vals[0][i])) {
			t.Errorf("value %d: float64 %v float32 %v", i, vals[0][i], vals[1][i])
		}
	}
}

// TestDRejectsForeignOps checks that a node built outside graph.Graph gives
// an error naming its op rather than a wrong derivative.
func TestDRejectsForeignOps(t *testing.T) {
	g, err := graph.NewGraph(tensor.Float64)
	if err != nil {
		t.Fatal(err)
	}
	x := g.Input("x", tensor.New(tensor.WithShape(4, 1), tensor.Of(tensor.Float64)))
	foreign := gorgonia.Must(gorgonia.Log(x))
	if d := g.D(foreign, x); d != nil || g.Err() == nil || !strings.Contains(g.Err().Error(), "ln") {
		t.Fatalf("D(log x) = %v, err %v; want an error naming the op", d, g.Err())
	}
	g2, _ := graph.NewGraph(tensor.Float64)
	x2 := g2.Input("x", tensor.New(tensor.WithShape(4, 1), tensor.Of(tensor.Float64)))
	if d := g2.D(g2.Sin(x2), g2.Scalar(2)); d != nil || g2.Err() == nil {
		t.Fatalf("D with respect to a constant: %v, err %v; want an error", d, g2.Err())
	}
}
