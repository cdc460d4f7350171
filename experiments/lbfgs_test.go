package experiments_test

import (
	"testing"

	"github.com/pinngo/pinn/experiments"
)

// TestAdamLBFGSSwitchesOnBurgers trains a tiny Burgers preset with Adam for
// 100 steps and full-batch L-BFGS for 40, requiring the L-BFGS losses (on
// the fixed whole pools) never to rise, by more than 1e-12 relative, and to
// end below 3/4 of the loss at the switch (0.63 when written).
func TestAdamLBFGSSwitchesOnBurgers(t *testing.T) {
	const switchAt, steps = 100, 140
	cfg := tinyPreset(t, "burgers", steps)
	cfg.Solver = "adam+lbfgs"
	cfg.Hyper = map[string]float64{"lr": 5e-3, "switch": switchAt}
	tr, err := experiments.NewTrainer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var atSwitch, prev, adamLast float64
	for s := 1; s <= steps; s++ {
		gr, err := tr.Step()
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case s == switchAt:
			adamLast = gr.Loss
		case s == switchAt+1:
			atSwitch = gr.Loss
		case s > switchAt+1 && gr.Loss > prev*(1+1e-12):
			t.Fatalf("step %d: full-batch loss rose from %.6g to %.6g", s, prev, gr.Loss)
		}
		prev = gr.Loss
	}
	t.Logf("last Adam mini-batch loss %.4g; full-batch loss %.4g at the switch, %.4g after %d L-BFGS steps", adamLast, atSwitch, prev, steps-switchAt-1)
	if !(prev < 0.75*atSwitch) {
		t.Errorf("L-BFGS took the loss from %.4g to %.4g only, want below 3/4", atSwitch, prev)
	}
}
