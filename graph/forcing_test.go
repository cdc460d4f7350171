package graph_test

import (
	"math"
	"testing"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// TestForcingMatchesGraphOps trains nothing but compares, over three steps
// of points, the loss and gradient of u_xx + u_t = sin(πx)·e^(−t) with the
// right side as a Forcing and as graph ops: they see the same points and
// must agree to rounding (1e-12 relative), with fresh points every step, a
// pool, a pool redrawn by residual, per-sample statistics and shards.
func TestForcingMatchesGraphOps(t *testing.T) {
	const tol = 1e-12
	lhs := func(f *graph.Fields) *graph.Node { return f.Add(f.D("x", "x"), f.D("t")) }
	asOps := func(f *graph.Fields) *graph.Node {
		return f.Sub(lhs(f), f.Mul(f.Sin(f.Scale(math.Pi, f.X("x"))), f.Exp(f.Neg(f.X("t")))))
	}
	asColumn := func(f *graph.Fields) *graph.Node { return f.Sub(lhs(f), f.X("f")) }
	forcing := graph.Forcing{Name: "f", Coords: []string{"x", "t"}, F: func(p []float64) float64 {
		return math.Sin(math.Pi*p[0]) * math.Exp(-p[1])
	}}
	// The boundary term carries g(t) = t² as a forcing on both faces.
	bcOps := func(f *graph.Fields) *graph.Node { return f.Sub(f.U(), f.Square(f.X("t"))) }
	bcColumn := func(f *graph.Fields) *graph.Node { return f.Sub(f.U(), f.X("g")) }
	square := graph.Forcing{Name: "g", Coords: []string{"t"}, F: func(p []float64) float64 { return p[0] * p[0] }}
	for _, c := range []struct {
		name     string
		sampling graph.Sampling
		opt      graph.Options
		adaptive bool // redraw the pool by residual (RAD) before each step
	}{
		{"fresh", graph.Sampling{Batch: 32}, graph.Options{Seed: 4}, false},
		{"pool", graph.Sampling{Pool: 96, Batch: 32}, graph.Options{Seed: 4}, false},
		{"adaptive", graph.Sampling{Pool: 96, Batch: 32}, graph.Options{Seed: 4}, true},
		{"per-sample", graph.Sampling{Pool: 96, Batch: 32}, graph.Options{Seed: 4, PerSample: true}, false},
		{"shards", graph.Sampling{Batch: 1024}, graph.Options{Seed: 4, Shards: 2}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var losses [2]*graph.Loss
			for k, r := range []graph.Residual{asOps, asColumn} {
				pde := graph.Interior("pde", box, r)
				pde.Sampling = c.sampling
				bc := graph.Dirichlet("bc", box, "x", bcOps)
				bc.Sampling = graph.Sampling{Batch: 16}
				if k == 1 {
					pde.Forcing = []graph.Forcing{forcing}
					bc = graph.Dirichlet("bc", box, "x", bcColumn)
					bc.Sampling = graph.Sampling{Batch: 16}
					bc.Forcing = []graph.Forcing{square}
				}
				net := newNet(t, []string{"x", "t"}, "tanh", tensor.Float64)
				l, err := graph.NewLoss(net, []graph.Term{pde, bc}, c.opt)
				if err != nil {
					t.Fatal(err)
				}
				losses[k] = l
			}
			for step := 0; step < 3; step++ {
				if c.adaptive {
					for _, l := range losses {
						a := graph.Adaptive{Term: "pde", Candidates: 300, K: 1, C: 1}
						if err := l.RedrawAdaptive(graph.NewSource(uint64(9+step), graph.Uniform), a); err != nil {
							t.Fatal(err)
						}
					}
				}
				var grs [2]*graph.Gradients
				var totals [2][]float64
				for k, l := range losses {
					gr, err := l.Compute()
					if err != nil {
						t.Fatal(err)
					}
					grs[k] = gr
					for _, g := range gr.Total {
						totals[k] = append(totals[k], g.Data().([]float64)...)
					}
				}
				for j := range grs[0].Losses {
					if a, b := grs[0].Losses[j], grs[1].Losses[j]; !(math.Abs(a-b) <= tol*math.Abs(a)) || a == 0 {
						t.Errorf("step %d term %s: loss %.17g with graph ops, %.17g with a forcing", step, grs[0].Names[j], a, b)
					}
				}
				var diff, norm float64
				for i := range totals[0] {
					diff += (totals[0][i] - totals[1][i]) * (totals[0][i] - totals[1][i])
					norm += totals[0][i] * totals[0][i]
				}
				if !(math.Sqrt(diff) <= tol*math.Sqrt(norm)) || norm == 0 {
					t.Errorf("step %d: gradients differ by %.3g of their norm %.3g", step, math.Sqrt(diff/norm), math.Sqrt(norm))
				}
				for _, l := range losses {
					if err := l.Next(); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	}
}
