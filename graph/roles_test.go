package graph_test

import (
	"testing"

	"github.com/pinngo/pinn/graph"
)

// TestRoles checks the role each constructor gives, that per-sample
// statistics find the interior residual by its role whatever its name and
// position, and that a domain's time coordinate must be one of its own.
func TestRoles(t *testing.T) {
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{0, 0}, Max: []float64{1, 1}, Time: "t"}
	u := func(f *graph.Fields) *graph.Node { return f.U() }
	bc := graph.Dirichlet("walls", dom, "x", u)
	ic := graph.Initial("start", dom, "t", u)
	interior := graph.Interior("residual", dom, func(f *graph.Fields) *graph.Node { return f.D("t") })
	data := graph.Data("obs", graph.Points{"x": {0.5, 0.2}, "t": {0.5, 0.1}}, u)
	per := graph.Periodic("ends", dom, "x", 0)
	terms := []graph.Term{bc, ic, interior, data, per}
	want := []graph.Role{graph.RoleBoundary, graph.RoleInitial, graph.RoleInterior, graph.RoleData, graph.RoleBoundary}
	for k, term := range terms {
		if term.Role != want[k] {
			t.Errorf("%s: role %v, want %v", term.Name, term.Role, want[k])
		}
	}
	if k := graph.RoleIndex(terms, graph.RoleInterior); k != 2 {
		t.Errorf("RoleIndex(interior) = %d, want 2", k)
	}
	if k := graph.RoleIndex(terms[:2], graph.RoleData); k != -1 {
		t.Errorf("RoleIndex of an absent role = %d, want -1", k)
	}
	net, err := graph.NewMLP(graph.MLPConfig{Inputs: dom.Coords, Width: 4, Depth: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for k := range terms[:3] {
		terms[k].Sampling = graph.Sampling{Batch: 8}
	}
	loss, err := graph.NewLoss(net, terms[:3], graph.Options{Seed: 1, PerSample: true})
	if err != nil {
		t.Fatal(err)
	}
	gr, err := loss.Compute()
	if err != nil {
		t.Fatal(err)
	}
	if len(gr.SampleSq) == 0 || len(gr.Roles) != 3 || gr.Roles[2] != graph.RoleInterior {
		t.Errorf("per-sample statistics %d tensors, roles %v", len(gr.SampleSq), gr.Roles)
	}
	if _, err := graph.NewLoss(net, terms[:2], graph.Options{Seed: 1, PerSample: true}); err == nil {
		t.Error("per-sample statistics without an interior term: no error")
	}
	bad := dom
	bad.Time = "tau"
	if err := bad.Validate(); err == nil {
		t.Error("a time coordinate outside the domain: no error")
	}
}
