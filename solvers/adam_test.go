package solvers_test

import (
	"math"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/solvers"
)

var _ gorgonia.Solver = (*solvers.Adam)(nil)

// fixedGradients returns gradients with fixed values per step, for
// comparing an update against a hand computation.
func fixedGradients(w []float64) *graph.Gradients {
	p := tensor.New(tensor.WithShape(1, len(w)), tensor.WithBacking(append([]float64(nil), w...)))
	g := tensor.New(tensor.WithShape(1, len(w)), tensor.Of(tensor.Float64))
	// Per-sample statistics ride along so that solvers needing them
	// (pde-aware) run in the table tests too.
	sq := tensor.New(tensor.WithShape(1, len(w)), tensor.Of(tensor.Float64))
	mean := tensor.New(tensor.WithShape(1, len(w)), tensor.Of(tensor.Float64))
	// A single loss term shares its gradient with Total, so that per-term
	// solvers (autobalance) run in the table tests too.
	return &graph.Gradients{Params: []graph.Param{{Name: "w", Value: p}}, Total: []*tensor.Dense{g},
		Terms: [][]*tensor.Dense{{g}}, Names: []string{"pde"}, Weights: []float64{1}, Losses: []float64{0},
		SampleSq: []*tensor.Dense{sq}, SampleMean: []*tensor.Dense{mean}}
}

// gradSeq is the gradient fed at step k, a smooth function of w so that the
// three steps differ.
func gradSeq(w []float64, k int) []float64 {
	g := make([]float64, len(w))
	for i := range w {
		g[i] = math.Sin(w[i]+float64(k)) + 0.1*float64(i)
	}
	return g
}

// TestAdamMatchesHandComputation checks three steps of Adam and AdamW
// against the update rule written out in scalar code.
func TestAdamMatchesHandComputation(t *testing.T) {
	for _, c := range []struct {
		name string
		wd   float64
	}{{"adam", 0}, {"adamw", 0.01}} {
		t.Run(c.name, func(t *testing.T) {
			const lr, b1, b2, eps = 1e-2, 0.9, 0.999, 1e-8
			w0 := []float64{0.3, -1.2, 2.5}
			s, err := solvers.New(c.name, solvers.Hyper{"lr": lr})
			if err != nil {
				t.Fatal(err)
			}
			gr := fixedGradients(w0)
			want := append([]float64(nil), w0...)
			m, v := make([]float64, 3), make([]float64, 3)
			for k := 1; k <= 3; k++ {
				g := gradSeq(want, k)
				copy(gr.Total[0].Data().([]float64), g)
				if err := s.Update(gr); err != nil {
					t.Fatal(err)
				}
				for i := range want {
					m[i] = b1*m[i] + (1-b1)*g[i]
					v[i] = b2*v[i] + (1-b2)*g[i]*g[i]
					mh := m[i] / (1 - math.Pow(b1, float64(k)))
					vh := v[i] / (1 - math.Pow(b2, float64(k)))
					want[i] = want[i] - lr*c.wd*want[i] - lr*mh/(math.Sqrt(vh)+eps)
				}
				got := gr.Params[0].Value.Data().([]float64)
				for i := range want {
					if math.Abs(got[i]-want[i]) > 1e-12 {
						t.Fatalf("step %d w[%d] = %.17g, want %.17g", k, i, got[i], want[i])
					}
				}
			}
		})
	}
}

// TestRestoreContinuesBitIdentically saves a solver after two steps of a
// three-term loss, restores it into a fresh one, and checks the next steps
// agree exactly.
func TestRestoreContinuesBitIdentically(t *testing.T) {
	for _, name := range solvers.Names() {
		t.Run(name, func(t *testing.T) {
			w0 := []float64{0.3, -1.2, 2.5}
			a, _ := solvers.New(name, nil)
			if fb, ok := a.(solvers.FullBatch); ok && fb.FullBatch() {
				t.Skip("needs an objective; TestLBFGSRestoreBitIdentical covers it")
			}
			ga := termGradients(w0, 3)
			step := func(s solvers.Solver, gr *graph.Gradients, k int) {
				setTerms(gr, k)
				for i, gi := range gr.Total[0].Data().([]float64) {
					gr.SampleSq[0].Data().([]float64)[i] = 2 * gi * gi
					gr.SampleMean[0].Data().([]float64)[i] = 0.5 * gi
				}
				if err := s.Update(gr); err != nil {
					t.Fatal(err)
				}
			}
			step(a, ga, 1)
			step(a, ga, 2)
			b, state := restored(t, name, a)
			gb := termGradients(ga.Params[0].Value.Data().([]float64), 3)
			for k := 3; k <= 5; k++ {
				step(a, ga, k)
				step(b, gb, k)
			}
			wa, wb := ga.Params[0].Value.Data().([]float64), gb.Params[0].Value.Data().([]float64)
			for i := range wa {
				if wa[i] != wb[i] {
					t.Fatalf("w[%d]: uninterrupted %.17g, restored %.17g", i, wa[i], wb[i])
				}
			}
			if err := b.Restore(state[:len(state)/2]); err == nil {
				t.Error("truncated state restored without error")
			}
		})
	}
}

// restored returns a fresh solver called name with a's state restored,
// and the state.
func restored(t *testing.T, name string, a solvers.Solver) (solvers.Solver, []byte) {
	t.Helper()
	state, err := a.State()
	if err != nil {
		t.Fatal(err)
	}
	b, err := solvers.New(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Restore(state); err != nil {
		t.Fatal(err)
	}
	return b, state
}

func TestNewRejectsBadInput(t *testing.T) {
	cases := []struct {
		name string
		h    solvers.Hyper
	}{
		{"nosuch", nil},
		{"adam", solvers.Hyper{"momentum": 0.9}},
		{"adam", solvers.Hyper{"lr": -1}},
		{"adam", solvers.Hyper{"beta1": 1}},
	}
	for _, c := range cases {
		if _, err := solvers.New(c.name, c.h); err == nil {
			t.Errorf("New(%q, %v): no error", c.name, c.h)
		}
	}
}

// TestAdamAsGorgoniaSolver drives Adam through gorgonia's own interface.
func TestAdamAsGorgoniaSolver(t *testing.T) {
	g := gorgonia.NewGraph()
	w := gorgonia.NewVector(g, tensor.Float64, gorgonia.WithShape(2), gorgonia.WithValue(tensor.New(tensor.WithBacking([]float64{1, -2}))), gorgonia.WithName("w"))
	cost := gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.Square(w))))
	if _, err := gorgonia.Grad(cost, w); err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g, gorgonia.BindDualValues(w))
	defer vm.Close()
	s, _ := solvers.NewAdam(0.1, 0.9, 0.999, 1e-8, 0)
	if err := vm.RunAll(); err != nil {
		t.Fatal(err)
	}
	if err := s.Step(gorgonia.NodesToValueGrads(gorgonia.Nodes{w})); err != nil {
		t.Fatal(err)
	}
	// First Adam step moves each weight by lr against its gradient's sign.
	got := w.Value().Data().([]float64)
	want := []float64{0.9, -1.9}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Errorf("w[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}
