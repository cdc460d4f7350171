package solvers_test

import (
	"bytes"
	"math"
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
