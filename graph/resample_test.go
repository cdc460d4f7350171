package graph_test

import (
	"testing"

	"github.com/pinngo/pinn/graph"
)

// TestRedrawReplacesPools checks that Redraw gives pooled terms new points
// determined by its source alone, and leaves data terms alone.
func TestRedrawReplacesPools(t *testing.T) {
	build := func() *graph.Loss {
		pde := graph.Interior("pde", box, func(f *graph.Fields) *graph.Node { return f.D("t") })
		pde.Sampling = graph.Sampling{Pool: 40, Batch: 8}
		data := graph.Data("data", graph.Points{"x": {0.1, 0.2}, "t": {0.3, 0.4}, "u": {1, 2}}, func(f *graph.Fields) *graph.Node {
			return f.Sub(f.U(), f.X("u"))
		})
		return newLoss(t, []graph.Term{pde, data})
	}
	a, b := build(), build()
	if err := a.Next(); err != nil { // a and b at different places in their epochs
		t.Fatal(err)
	}
	before := a.Batch(0)[0]["x"]
	for _, l := range []*graph.Loss{a, b} {
		if err := l.Redraw(graph.NewSource(9, graph.Uniform)); err != nil {
			t.Fatal(err)
		}
	}
	pa, pb := a.Batch(0)[0], b.Batch(0)[0]
	same := true
	for i := range pa["x"] {
		if pa["x"][i] != pb["x"][i] || pa["t"][i] != pb["t"][i] {
			t.Fatalf("point %d after redrawing from the same source: (%v, %v) and (%v, %v)", i, pa["x"][i], pa["t"][i], pb["x"][i], pb["t"][i])
		}
		same = same && pa["x"][i] == before[i]
	}
	if same {
		t.Error("Redraw kept the batch")
	}
	if d := a.Batch(1)[0]["u"]; d[0] != 1 || d[1] != 2 {
		t.Errorf("data term changed to %v", d)
	}
	seen := map[float64]bool{}
	for step := 0; step < 5; step++ {
		for _, x := range a.Batch(0)[0]["x"] {
			if seen[x] {
				t.Fatalf("point %v twice in the first epoch after Redraw", x)
			}
			seen[x] = true
		}
		if err := a.Next(); err != nil {
			t.Fatal(err)
		}
	}
}
