package experiments_test

import (
	"context"
	"testing"

	"github.com/pinngo/pinn/experiments"
)

// TestSweepLRPicksLowestLoss checks that every trial's loss is the mean
// training loss of the last tenth of its steps, as a run of its own at
// that learning rate gives it, that the lowest one is chosen, and that the
// config's other hyper-parameters are kept.
func TestSweepLRPicksLowestLoss(t *testing.T) {
	const steps = 30
	cfg := tinyConfig(t, "adam", 100)
	cfg.Hyper = map[string]float64{"beta1": 0.8}
	lrs := []float64{1e-4, 3e-2, 3e-3}
	chosen, trials, err := experiments.SweepLR(context.Background(), cfg, lrs, steps)
	if err != nil {
		t.Fatal(err)
	}
	if len(trials) != len(lrs) {
		t.Fatalf("%d trials, want %d", len(trials), len(lrs))
	}
	best := 0
	for i, trial := range trials {
		if trial.LR != lrs[i] {
			t.Errorf("trial %d at lr %v, want %v", i, trial.LR, lrs[i])
		}
		own := cfg
		own.Hyper = map[string]float64{"beta1": 0.8, "lr": lrs[i]}
		own.Eval.Every = 0
		tr, err := experiments.NewTrainer(own)
		if err != nil {
			t.Fatal(err)
		}
		var want float64
		for s := range steps {
			gr, err := tr.Step()
			if err != nil {
				t.Fatal(err)
			}
			if s >= steps-steps/10 {
				want += gr.Loss / (steps / 10)
			}
		}
		if trial.Loss != want {
			t.Errorf("lr %v: trial loss %v, its own run's last-tenth mean %v", lrs[i], trial.Loss, want)
		}
		if trial.Loss < trials[best].Loss {
			best = i
		}
	}
	t.Logf("trials %+v", trials)
	if chosen.Hyper["lr"] != lrs[best] || chosen.Hyper["beta1"] != 0.8 || chosen.Steps != cfg.Steps {
		t.Errorf("chosen hyper %v, steps %d; want lr %v, beta1 0.8 and steps %d", chosen.Hyper, chosen.Steps, lrs[best], cfg.Steps)
	}
	if cfg.Hyper["lr"] != 0 {
		t.Error("SweepLR changed the caller's hyper-parameters")
	}
}
