package graph_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// elementary are the element-wise functions with domains of their own,
// each applied to s = u² + 1/2 > 0 (Abs to u itself, which changes sign
// in the box but not at the test points), with the math function it must
// equal.
var elementary = []struct {
	name string
	op   func(f *graph.Fields, u, s *graph.Node) *graph.Node
	ref  func(u, s float64) float64
}{
	{"log", func(f *graph.Fields, _, s *graph.Node) *graph.Node { return f.Log(s) }, func(_, s float64) float64 { return math.Log(s) }},
	{"sqrt", func(f *graph.Fields, _, s *graph.Node) *graph.Node { return f.Sqrt(s) }, func(_, s float64) float64 { return math.Sqrt(s) }},
	{"abs", func(f *graph.Fields, u, _ *graph.Node) *graph.Node { return f.Abs(u) }, func(u, _ float64) float64 { return math.Abs(u) }},
	{"pow1.5", func(f *graph.Fields, _, s *graph.Node) *graph.Node { return f.PowReal(s, 1.5) }, func(_, s float64) float64 { return math.Pow(s, 1.5) }},
	{"pow-0.7", func(f *graph.Fields, _, s *graph.Node) *graph.Node { return f.PowReal(s, -0.7) }, func(_, s float64) float64 { return math.Pow(s, -0.7) }},
	{"pow2", func(f *graph.Fields, u, _ *graph.Node) *graph.Node { return f.PowReal(u, 2) }, func(u, _ float64) float64 { return u * u }},
}

// TestElementaryOpsMatchFiniteDifferences checks the value of each of
// Log, Sqrt, Abs and PowReal against package math, and its first,
// second and mixed derivatives against central differences of the
// derivative one order lower, to 1e-6 relative.
func TestElementaryOpsMatchFiniteDifferences(t *testing.T) {
	const tol = 1e-6
	pts := [][2]float64{{-0.7, 0.1}, {0.3, 0.9}, {0.05, 0.5}, {0.95, 0.25}}
	derivs := [][]string{{"x"}, {"x", "x"}, {"t"}, {"x", "t"}, {"x", "x", "x"}}
	lower := []int{0, 1, 0, 1, 2} // output index of each derivative's lower order (0 is the value)
	net := newNet(t, []string{"x", "t"}, "tanh", tensor.Float64)
	for _, e := range elementary {
		t.Run(e.name, func(t *testing.T) {
			pred, err := graph.NewPredictor(net, 1, func(f *graph.Fields) []*graph.Node {
				u := f.U()
				v := e.op(f, u, f.Shift(f.Square(u), 0.5))
				out := []*graph.Node{v, u}
				for _, d := range derivs {
					out = append(out, f.DOf(v, d...))
				}
				return out
			})
			if err != nil {
				t.Fatal(err)
			}
			eval := func(p [2]float64, k int) float64 {
				v, err := pred.Predict(graph.Points{"x": {p[0]}, "t": {p[1]}})
				if err != nil {
					t.Fatal(err)
				}
				if k > 0 {
					k++ // skip u
				}
				return v[k][0]
			}
			for _, p := range pts {
				u := func() float64 {
					v, err := pred.Predict(graph.Points{"x": {p[0]}, "t": {p[1]}})
					if err != nil {
						t.Fatal(err)
					}
					return v[1][0]
				}()
				if math.Abs(u) < 1e-2 {
					t.Fatalf("u(%v) = %g: too close to Abs's kink for a finite difference", p, u)
				}
				if got, want := eval(p, 0), e.ref(u, u*u+0.5); math.Abs(got-want) > 1e-14*math.Abs(want) {
					t.Errorf("%s at %v = %.17g, want %.17g", e.name, p, got, want)
				}
				for k, d := range derivs {
					axis := 0
					if d[len(d)-1] == "t" {
						axis = 1
					}
					got := eval(p, k+1)
					want := fd.Derivative(func(s float64) float64 {
						q := p
						q[axis] = s
						return eval(q, lower[k])
					}, p[axis], &fd.Settings{Formula: fd.Central, Step: 1e-5})
					if rel := math.Abs(got-want) / math.Max(math.Abs(want), 1e-3); rel > tol {
						t.Errorf("%s_%v at %v = %.12g, finite difference %.12g (rel %.2g > %g)", e.name, d, p, got, want, rel, tol)
					}
				}
			}
		})
	}
}
