package graph_test

import (
	"math"
	"testing"

	"github.com/pinngo/pinn/graph"
)

// TestUnknownGradientsMatchFiniteDifferences checks every term's gradient,
// the unknowns' components included, against central differences of its
// loss, with the interior term in one graph and in two shards (512 points).
func TestUnknownGradientsMatchFiniteDifferences(t *testing.T) {
	const tol, h = 1e-6, 1e-6
	for _, shards := range []int{1, 2} {
		net, err := graph.NewMLP(graph.MLPConfig{Inputs: box.Coords, Width: 6, Depth: 2, Seed: 5, Unknowns: graph.TestUnknowns})
		if err != nil {
			t.Fatal(err)
		}
		pde := graph.Interior("pde", box, graph.UnknownBurgers)
		pde.Sampling = graph.Sampling{Batch: 512}
		ic := graph.Initial("ic", box, "t", func(f *graph.Fields) *graph.Node { return f.Sub(f.U(), f.UnknownAt("c", 0)) })
		ic.Sampling = graph.Sampling{Batch: 16}
		l, err := graph.NewLoss(net, []graph.Term{pde, ic}, graph.Options{Seed: 2, Shards: shards})
		if err != nil {
			t.Fatal(err)
		}
		ps := net.Params()
		if n := len(ps); !ps[n-4].Unknown || ps[n-4].Name != "lambda1" || ps[n-2].Name != "c[1]" || ps[n-1].Name != "nu" || ps[n-5].Unknown {
			t.Fatalf("the last parameters are %v %v %v %v, want the unknowns lambda1, c[0], c[1], nu after the weights", ps[n-4].Name, ps[n-3].Name, ps[n-2].Name, ps[n-1].Name)
		}
		numeric := centralDifferences(t, l, h)
		gr, err := l.Compute() // at the unperturbed parameters
		if err != nil {
			t.Fatal(err)
		}
		for k := range numeric {
			for i, p := range ps {
				for j, got := range gr.Terms[k][i].Data().([]float64) {
					if want := numeric[k][i][j]; math.Abs(got-want) > tol*math.Max(1, math.Abs(want)) {
						t.Errorf("shards %d, term %s, %s[%d]: gradient %v, finite difference %v", shards, gr.Names[k], p.Name, j, got, want)
					}
				}
			}
		}
		// The initial condition reads c₀ only: its gradient of λ₁ is zero.
		if g := gr.Terms[1][len(ps)-4].Data().([]float64)[0]; g != 0 {
			t.Errorf("shards %d: the ic term's gradient of lambda1 is %v, want 0", shards, g)
		}
	}
}
