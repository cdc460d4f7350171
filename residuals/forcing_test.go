package residuals_test

import (
	"math"
	"testing"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
)

// TestProblemForcingMatchesGraphOps builds −Δu + u³ = f on [0,1]², f
// once a Go function (Problem.Forcing) and once graph ops, and checks that
// the interior losses agree to 1e-12 relative over two steps of points.
func TestProblemForcingMatchesGraphOps(t *testing.T) {
	const tol = 1e-12
	dom := graph.Domain{Coords: []string{"x", "y"}, Min: []float64{0, 0}, Max: []float64{1, 1}}
	lhs := func(f *graph.Fields) *graph.Node {
		return f.Add(f.Neg(f.Add(f.D("x", "x"), f.D("y", "y"))), f.Pow(f.U(), 3))
	}
	source := func(x, y float64) float64 { return 2 * math.Pi * math.Pi * math.Sin(math.Pi*x) * math.Sin(math.Pi*y) }
	column := residuals.Problem{Name: "column", Domain: dom, Interior: graph.Sampling{Batch: 64},
		Residual: func(f *graph.Fields) *graph.Node { return f.Sub(lhs(f), f.X("f")) },
		Forcing:  []graph.Forcing{{Name: "f", Coords: []string{"x", "y"}, F: func(p []float64) float64 { return source(p[0], p[1]) }}},
	}
	ops := column
	ops.Forcing = nil
	ops.Residual = func(f *graph.Fields) *graph.Node {
		sx, sy := f.Sin(f.Scale(math.Pi, f.X("x"))), f.Sin(f.Scale(math.Pi, f.X("y")))
		return f.Sub(lhs(f), f.Scale(2*math.Pi*math.Pi, f.Mul(sx, sy)))
	}
	var losses [2]*graph.Loss
	for k, p := range []residuals.Problem{ops, column} {
		m, err := p.Build(residuals.Setup{Network: graph.MLPConfig{Width: 8, Depth: 2, Seed: 3}})
		if err != nil {
			t.Fatal(err)
		}
		if losses[k], err = graph.NewLoss(m.Net, m.Terms, graph.Options{Seed: 5}); err != nil {
			t.Fatal(err)
		}
	}
	for step := 0; step < 2; step++ {
		var v [2]float64
		for k, l := range losses {
			gr, err := l.Compute()
			if err != nil {
				t.Fatal(err)
			}
			v[k] = gr.Losses[0]
			if err := l.Next(); err != nil {
				t.Fatal(err)
			}
		}
		if !(math.Abs(v[0]-v[1]) <= tol*v[0]) || v[0] == 0 {
			t.Errorf("step %d: loss %.17g with graph ops, %.17g with a forcing", step, v[0], v[1])
		}
	}
}
