package graph_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/pinngo/pinn/graph"
)

// stateTerms returns a pooled term (reshuffled every epoch) and a term that
// draws fresh points every step.
func stateTerms() []graph.Term {
	pde := graph.Interior("pde", box, func(f *graph.Fields) *graph.Node { return f.Add(f.D("t"), f.D("x")) })
	pde.Sampling = graph.Sampling{Pool: 20, Batch: 8}
	ic := graph.Initial("ic", box, "t", func(f *graph.Fields) *graph.Node { return f.Add(f.U(), f.Sin(f.Scale(math.Pi, f.X("x")))) })
	ic.Sampling = graph.Sampling{Batch: 5}
	return []graph.Term{pde, ic}
}

// TestLossStateResumes checks that a fresh loss restored from a saved state
// draws exactly the batches the saved loss goes on to draw.
func TestLossStateResumes(t *testing.T) {
	a := newLoss(t, stateTerms())
	for i := 0; i < 4; i++ { // past the end of the first epoch of the pool
		if err := a.Next(); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.SetWeight(1, 2.5); err != nil {
		t.Fatal(err)
	}
	s, err := a.State()
	if err != nil {
		t.Fatal(err)
	}
	b := newLoss(t, stateTerms())
	if err := b.Restore(s); err != nil {
		t.Fatal(err)
	}
	if w := b.Weights(); !reflect.DeepEqual(w, []float64{1, 2.5}) {
		t.Fatalf("restored weights %v, want [1 2.5]", w)
	}
	for step := 0; step < 6; step++ {
		for k := range a.Terms() {
			if !reflect.DeepEqual(a.Batch(k), b.Batch(k)) {
				t.Fatalf("step %d term %d: batches differ after restore", step, k)
			}
		}
		ga, err := a.Compute()
		if err != nil {
			t.Fatal(err)
		}
		la := append([]float64(nil), ga.Losses...)
		gb, err := b.Compute()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(la, gb.Losses) || gb.Weights[1] != 2.5 {
			t.Fatalf("step %d: losses %v and %v, weight %v", step, la, gb.Losses, gb.Weights[1])
		}
		if err := a.Next(); err != nil {
			t.Fatal(err)
		}
		if err := b.Next(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLossStateMismatch checks that a state from other terms is refused and
// leaves the loss as it was.
func TestLossStateMismatch(t *testing.T) {
	a := newLoss(t, stateTerms())
	good, err := a.State()
	if err != nil {
		t.Fatal(err)
	}
	other := stateTerms()
	other[0].Sampling = graph.Sampling{Pool: 30, Batch: 8}
	s, err := newLoss(t, other).State()
	if err != nil {
		t.Fatal(err)
	}
	renamed := stateTerms()
	renamed[1].Name = "init"
	r, err := newLoss(t, renamed).State()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		state graph.LossState
	}{
		{"pool size", s},
		{"term name", r},
		{"term count", graph.LossState{Source: good.Source, Terms: good.Terms[:1]}},
		{"corrupt source", graph.LossState{Source: []byte("x"), Terms: good.Terms}},
	}
	for _, c := range cases {
		if err := a.Restore(c.state); err == nil {
			t.Errorf("%s: restore succeeded", c.name)
		}
		after, _ := a.State()
		if !reflect.DeepEqual(after, good) {
			t.Errorf("%s: failed restore changed the loss", c.name)
		}
	}
}
