package solvers_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/pinngo/pinn/solvers"
)

// TestAdamLBFGSIsAdamThenLBFGS runs adam+lbfgs for eight updates across
// its switch at 3 beside Adam and L-BFGS built by hand and applied in
// turn, as adam+lbfgs did before every first-order solver got an L-BFGS
// finish, and requires the same parameters to the last bit after every
// update and, after each one, the same state bytes as that composition
// encoded in adam+lbfgs's original layout.
func TestAdamLBFGSIsAdamThenLBFGS(t *testing.T) {
	// adamLBFGSState is the layout of adam+lbfgs's state in its checkpoints.
	type adamLBFGSState struct {
		Step        int
		Adam, LBFGS []byte
	}
	const sw = 3
	x0 := []float64{-1.2, 1, -1.2, 1}
	s, err := solvers.New("adam+lbfgs", solvers.Hyper{"switch": sw, "lr": 1e-2, "history": 5})
	if err != nil {
		t.Fatal(err)
	}
	gs, es := objective(x0, rosenbrock)
	s.(solvers.NeedsObjective).SetObjective(es)
	adam, err := solvers.NewAdam(1e-2, 0.9, 0.999, 1e-8, 0)
	if err != nil {
		t.Fatal(err)
	}
	lbfgs, err := solvers.NewLBFGS(1, 5, 25, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	gh, eh := objective(x0, rosenbrock)
	lbfgs.SetObjective(eh)
	for k := 1; k <= 8; k++ {
		step(t, s, gs, es)
		if k <= sw {
			step(t, adam, gh, eh)
		} else {
			step(t, lbfgs, gh, eh)
		}
		ws, wh := gs.Params[0].Value.Data().([]float64), gh.Params[0].Value.Data().([]float64)
		for i := range ws {
			if math.Float64bits(ws[i]) != math.Float64bits(wh[i]) {
				t.Fatalf("update %d: w[%d] adam+lbfgs %.17g, Adam then L-BFGS %.17g", k, i, ws[i], wh[i])
			}
		}
		if gs.Loss != gh.Loss {
			t.Fatalf("update %d: loss %.17g and %.17g", k, gs.Loss, gh.Loss)
		}
		b, err := s.State()
		if err != nil {
			t.Fatal(err)
		}
		var got adamLBFGSState
		if err := solvers.DecodeState("adam+lbfgs", b, &got); err != nil {
			t.Fatal(err)
		}
		as, _ := adam.State()
		ls, _ := lbfgs.State()
		if got.Step != k || !bytes.Equal(got.Adam, as) || !bytes.Equal(got.LBFGS, ls) {
			t.Fatalf("update %d: the state read in adam+lbfgs's layout holds step %d and other solver states", k, got.Step)
		}
	}
}

// TestFinishSpecs checks that every first-order solver has an L-BFGS
// finish whose hyper-parameters are its own and the finish's, with no name
// in both, and that the finish passes on the first-order phase's
// per-sample needs and diagnostics and then L-BFGS's.
func TestFinishSpecs(t *testing.T) {
	specs := map[string]solvers.Spec{}
	for _, s := range solvers.Specs() {
		specs[s.Name] = s
	}
	lbfgs := specs["adam+lbfgs"].Defaults // adam's four and the finish's
	finishOwn := len(lbfgs) - len(specs["adam"].Defaults)
	n := 0
	for name, s := range specs {
		first, ok := solvers.FirstOrder(name)
		if !ok {
			continue
		}
		n++
		f, known := specs[first]
		if !known {
			t.Errorf("%s: no solver %q", name, first)
			continue
		}
		if len(s.Defaults) != len(f.Defaults)+finishOwn {
			t.Errorf("%s: %d hyper-parameters, want %s's %d and the finish's %d", name, len(s.Defaults), first, len(f.Defaults), finishOwn)
		}
		for k, v := range f.Defaults {
			if s.Defaults[k] != v {
				t.Errorf("%s: %s = %v, %s's is %v", name, k, s.Defaults[k], first, v)
			}
		}
	}
	if want := len(specs) - n - 1; n != want { // all but lbfgs and the finishes
		t.Errorf("%d solvers with an L-BFGS finish, want %d", n, want)
	}

	s, err := solvers.New("pde-aware+lbfgs", solvers.Hyper{"switch": 2, "centred": 1})
	if err != nil {
		t.Fatal(err)
	}
	gr, eval := objective([]float64{-1.2, 1, -1.2, 1}, rosenbrock)
	s.(solvers.NeedsObjective).SetObjective(eval)
	type diag interface{ Diagnostics() map[string]float64 }
	for k := 0; k < 4; k++ {
		sq, mean := solvers.PerSample(s)
		if want := k < 2; sq != want || mean != want {
			t.Errorf("before update %d: per-sample %v, %v, want %v (centred reads the mean)", k+1, sq, mean, want)
		}
		step(t, s, gr, eval)
		_, isLBFGS := s.(diag).Diagnostics()["lbfgs_step"]
		if want := k >= 2; isLBFGS != want {
			t.Errorf("after update %d: L-BFGS diagnostics %v, want %v", k+1, isLBFGS, want)
		}
	}
	if _, err := solvers.New("soap+lbfgs", solvers.Hyper{"precondition_frequency": 0}); err == nil || !strings.Contains(err.Error(), "soap+lbfgs") {
		t.Errorf("bad first-order hyper-parameter: error %v, want one naming soap+lbfgs", err)
	}
	for _, c := range []struct {
		in, first string
		finish    bool
	}{{"soap+lbfgs", "soap", true}, {"soap", "soap", false}, {"+lbfgs", "+lbfgs", false}, {"lbfgs", "lbfgs", false}} {
		if f, ok := solvers.FirstOrder(c.in); f != c.first || ok != c.finish {
			t.Errorf("FirstOrder(%q) = %q, %v, want %q, %v", c.in, f, ok, c.first, c.finish)
		}
	}
}

// TestWithFirstOrder checks the swap of a solver's first-order phase:
// the L-BFGS finish and its hyper-parameters stay, the replaced solver's
// go.
func TestWithFirstOrder(t *testing.T) {
	cases := []struct {
		name      string
		h         solvers.Hyper
		first     string
		fh        solvers.Hyper
		want      string
		wantHyper solvers.Hyper
		bad       bool
	}{
		{name: "adam+lbfgs", h: solvers.Hyper{"switch": 300, "lr": 0.01, "history": 10}, first: "soap", fh: solvers.Hyper{"beta1": 0.9},
			want: "soap+lbfgs", wantHyper: solvers.Hyper{"switch": 300, "history": 10, "beta1": 0.9}},
		{name: "adam+lbfgs", h: solvers.Hyper{"switch": 300}, first: "pde-aware", fh: solvers.Hyper{"switch": 100, "centred": 1},
			want: "pde-aware+lbfgs", wantHyper: solvers.Hyper{"switch": 100, "centred": 1}},
		{name: "adam", h: solvers.Hyper{"lr": 0.01}, first: "dwa-adamw", want: "dwa-adamw", wantHyper: solvers.Hyper{}},
		{name: "adam+lbfgs", first: "lbfgs", bad: true},
		{name: "adam+lbfgs", first: "soap+lbfgs", bad: true},
		{name: "adam+lbfgs", first: "sgd", bad: true},
	}
	for _, c := range cases {
		got, h, err := solvers.WithFirstOrder(c.name, c.h, c.first, c.fh)
		if c.bad {
			if err == nil {
				t.Errorf("%s with %s: no error", c.name, c.first)
			}
			continue
		}
		if err != nil || got != c.want || h.String() != c.wantHyper.String() {
			t.Errorf("%s with %s: %s (%s), %v; want %s (%s)", c.name, c.first, got, h, err, c.want, c.wantHyper)
		}
	}
}
