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

// adaptiveLoss has a pde term whose residual exp(8(x − 1)) is largest at
// x = 1, with a pool of 200 points.
func adaptiveLoss(t *testing.T) *graph.Loss {
	t.Helper()
	pde := graph.Interior("pde", box, func(f *graph.Fields) *graph.Node {
		return f.Add(f.Scale(1e-9, f.U()), f.Exp(f.Scale(8, f.Shift(f.X("x"), -1))))
	})
	pde.Sampling = graph.Sampling{Pool: 200, Batch: 50}
	return newLoss(t, []graph.Term{pde})
}

// TestRedrawAdaptiveFollowsTheResidual checks that the redrawn pool
// crowds where the residual is large (K = 1, C = 0), stays in the domain,
// and that C alone gives a uniform pool.
func TestRedrawAdaptiveFollowsTheResidual(t *testing.T) {
	meanX := func(l *graph.Loss) float64 {
		s, err := l.State()
		if err != nil {
			t.Fatal(err)
		}
		xs := s.Terms[0].Pool[0]["x"]
		if len(xs) != 200 {
			t.Fatalf("pool of %d points, want 200", len(xs))
		}
		var m float64
		for i, x := range xs {
			if tt := s.Terms[0].Pool[0]["t"][i]; x < -1 || x > 1 || tt < 0 || tt > 1 {
				t.Fatalf("pool point (%v, %v) outside the domain", x, tt)
			}
			m += x / float64(len(xs))
		}
		return m
	}
	for _, c := range []struct {
		name   string
		k, c   float64
		lo, hi float64 // bounds on the pool's mean x
	}{
		// Density ∝ e^{8x} on [−1, 1] has mean x = 1 − 1/8 (up to e^{−16}).
		{"residual only", 1, 0, 0.8, 0.95},
		{"uniform only", 0, 1, -0.15, 0.15},
	} {
		l := adaptiveLoss(t)
		a := graph.Adaptive{Term: "pde", Candidates: 20000, K: c.k, C: c.c}
		if err := l.RedrawAdaptive(graph.NewSource(4, graph.Uniform), a); err != nil {
			t.Fatal(err)
		}
		if m := meanX(l); m < c.lo || m > c.hi {
			t.Errorf("%s: pool mean x %.3f, want in [%v, %v]", c.name, m, c.lo, c.hi)
		}
	}
}

// TestAdaptivePoolRestores checks that a restored loss continues over the
// adaptively drawn pool exactly as the original does.
func TestAdaptivePoolRestores(t *testing.T) {
	a := adaptiveLoss(t)
	if err := a.RedrawAdaptive(graph.NewSource(4, graph.Uniform), graph.Adaptive{Term: "pde", Candidates: 1000, K: 1, C: 1}); err != nil {
		t.Fatal(err)
	}
	if err := a.Next(); err != nil {
		t.Fatal(err)
	}
	s, err := a.State()
	if err != nil {
		t.Fatal(err)
	}
	b := adaptiveLoss(t)
	if err := b.Restore(s); err != nil {
		t.Fatal(err)
	}
	for step := 0; step < 6; step++ { // past the end of the epoch
		pa, pb := a.Batch(0)[0], b.Batch(0)[0]
		for i := range pa["x"] {
			if pa["x"][i] != pb["x"][i] || pa["t"][i] != pb["t"][i] {
				t.Fatalf("step %d point %d: (%v, %v) and restored (%v, %v)", step, i, pa["x"][i], pa["t"][i], pb["x"][i], pb["t"][i])
			}
		}
		if err := a.Next(); err != nil {
			t.Fatal(err)
		}
		if err := b.Next(); err != nil {
			t.Fatal(err)
		}
	}
	bad := s
	bad.Terms = append([]graph.TermState(nil), s.Terms...)
	bad.Terms[0].Pool = []graph.Points{{"x": {1}, "t": {0}}}
	if err := b.Restore(bad); err == nil {
		t.Error("a one-point pool restored into a 200-point loss")
	}
}

func TestRedrawAdaptiveRejectsBadInput(t *testing.T) {
	l := adaptiveLoss(t)
	src := graph.NewSource(1, graph.Uniform)
	for _, a := range []graph.Adaptive{
		{Term: "nosuch", Candidates: 1000, K: 1, C: 1},
		{Term: "pde", Candidates: 100, K: 1, C: 1}, // fewer candidates than the pool
		{Term: "pde", Candidates: 1000, K: 0, C: 0},
		{Term: "pde", Candidates: 1000, K: -1, C: 1},
	} {
		if err := l.RedrawAdaptive(src, a); err == nil {
			t.Errorf("%+v: no error", a)
		}
	}
}
