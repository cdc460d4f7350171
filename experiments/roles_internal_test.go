package experiments

import (
	"math"
	"slices"
	"testing"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
)

// TestDiagnosticsFindTheInterior gives the gradient diagnostics and the
// LRA weights the same two terms in both orders: they must find the
// interior residual by its role, not its position. The interior gradient
// is (3, 4), the boundary's (1, 0): ratio 5, cosine 3/5.
func TestDiagnosticsFindTheInterior(t *testing.T) {
	grads := func(interiorFirst bool) *graph.Gradients {
		in := tensor.New(tensor.WithShape(1, 2), tensor.WithBacking([]float64{3, 4}))
		bc := tensor.New(tensor.WithShape(1, 2), tensor.WithBacking([]float64{1, 0}))
		gr := &graph.Gradients{Total: []*tensor.Dense{in}, Weights: []float64{1, 1}}
		if interiorFirst {
			gr.Terms, gr.Roles = [][]*tensor.Dense{{in}, {bc}}, []graph.Role{graph.RoleInterior, graph.RoleBoundary}
		} else {
			gr.Terms, gr.Roles = [][]*tensor.Dense{{bc}, {in}}, []graph.Role{graph.RoleBoundary, graph.RoleInterior}
		}
		return gr
	}
	for _, first := range []bool{true, false} {
		d := gradientDiag(grads(first))
		if math.Abs(d["grad_ratio"]-5) > 1e-12 || math.Abs(d["grad_cos"]-0.6) > 1e-12 {
			t.Errorf("interior first %v: %v, want ratio 5 and cosine 0.6", first, d)
		}
	}
}

// TestMarchNeedsOneInitialTerm adds an initial velocity to Allen–Cahn: a
// marching run replaces one initial term by each window's data, so a
// second one is refused.
func TestMarchNeedsOneInitialTerm(t *testing.T) {
	cfg, err := Default("allen-cahn")
	if err != nil {
		t.Fatal(err)
	}
	p, err := residuals.Lookup("allen-cahn")
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.validateFor(p); err != nil {
		t.Fatalf("the preset: %v", err)
	}
	ut := graph.Initial("ic_t", p.Domain, p.Domain.Time, func(f *graph.Fields) *graph.Node { return f.D("t") })
	ut.Sampling = graph.Sampling{Batch: 64}
	p.Conditions = append(slices.Clone(p.Conditions), ut)
	if err := cfg.validateFor(p); err == nil {
		t.Error("a second initial term under time marching: no error")
	}
}
