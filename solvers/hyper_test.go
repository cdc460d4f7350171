package solvers_test

import (
	"testing"

	"github.com/pinngo/pinn/solvers"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in    string
		name  string
		hyper solvers.Hyper
		bad   bool
	}{
		{in: "adam", name: "adam"},
		{in: "soap:lr=0.003:beta1=0.95", name: "soap", hyper: solvers.Hyper{"lr": 0.003, "beta1": 0.95}},
		{in: "soap:lr=0.003,beta1=0.95", name: "soap", hyper: solvers.Hyper{"lr": 0.003, "beta1": 0.95}},
		{in: "adam+lbfgs:switch=300", name: "adam+lbfgs", hyper: solvers.Hyper{"switch": 300}},
		{in: "adam:lr=1e+3", name: "adam", hyper: solvers.Hyper{"lr": 1000}},
		{in: "adam:lr", bad: true},
		{in: "adam:lr=x", bad: true},
		{in: "adam:=1", bad: true},
		{in: "adam:", bad: true},
		{in: ":lr=1", bad: true},
	} {
		name, h, err := solvers.Parse(c.in)
		if c.bad {
			if err == nil {
				t.Errorf("%s: no error", c.in)
			}
			continue
		}
		if err != nil || name != c.name || len(h) != len(c.hyper) {
			t.Errorf("%s: %q %v, %v", c.in, name, h, err)
			continue
		}
		for k, v := range c.hyper {
			if h[k] != v {
				t.Errorf("%s: %s = %v, want %v", c.in, k, h[k], v)
			}
		}
	}
}

func TestParseHyperIsTheFlagGrammar(t *testing.T) {
	h, err := solvers.ParseHyper(" lr = 2e-3 ,beta1=0.8")
	if err != nil || len(h) != 2 || h["lr"] != 2e-3 || h["beta1"] != 0.8 {
		t.Fatalf("%v, %v", h, err)
	}
	if h, err := solvers.ParseHyper(""); err != nil || len(h) != 0 {
		t.Errorf("empty: %v, %v", h, err)
	}
}

func TestCheck(t *testing.T) {
	s, err := solvers.Check("soap+lbfgs", solvers.Hyper{"switch": 10, "lr": 1e-3})
	if err != nil || !s.LineSearch || s.Name != "soap+lbfgs" {
		t.Errorf("soap+lbfgs: %+v, %v", s.Name, err)
	}
	if s, err := solvers.Check("adam", nil); err != nil || s.LineSearch {
		t.Errorf("adam: line search %v, %v", s.LineSearch, err)
	}
	for _, c := range []struct {
		name string
		h    solvers.Hyper
	}{{"adam", solvers.Hyper{"momentum": 0.9}}, {"nosuch", nil}, {"adam", solvers.Hyper{"lr": -1}}, {"adam+lbfgs", solvers.Hyper{"switch": 0.5}}} {
		if _, err := solvers.Check(c.name, c.h); err == nil {
			t.Errorf("%s %v: no error", c.name, c.h)
		}
	}
}

// TestLineSearchIsFullBatch checks the spec's flag against the solver: a
// solver that can take full batches is one with a line search.
func TestLineSearchIsFullBatch(t *testing.T) {
	for _, s := range solvers.Specs() {
		sv, err := s.New(s.Defaults)
		if err != nil {
			t.Fatal(err)
		}
		_, full := sv.(solvers.FullBatch)
		_, objective := sv.(solvers.NeedsObjective)
		if s.LineSearch != full || s.LineSearch != objective {
			t.Errorf("%s: LineSearch %v, FullBatch %v, NeedsObjective %v", s.Name, s.LineSearch, full, objective)
		}
	}
}
