package experiments_test

import (
	"math"
	"testing"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/residuals"
)

// tinyPreset shrinks a PDE's default preset, keeping its techniques, so
// that a few hundred steps take a few seconds.
func tinyPreset(t *testing.T, pde string, steps int) experiments.Config {
	t.Helper()
	cfg, err := experiments.Default(pde)
	if err != nil {
		t.Fatal(err)
	}
	cfg.March = nil // one network over the whole time range (march_test.go trains windows)
	cfg.Network.Width, cfg.Network.Depth = 32, 2
	cfg.Steps = steps
	cfg.Eval = experiments.EvalConfig{NX: 64, NT: 21}
	cfg.CheckpointEvery = 0
	cfg.LRDecay = nil
	cfg.Hyper = map[string]float64{"lr": 5e-3}
	if cfg.Causal != nil {
		cfg.Causal = &experiments.CausalConfig{Chunks: 8, Epsilon: cfg.Causal.Epsilon}
	}
	if cfg.Adaptive != nil {
		cfg.Adaptive.Candidates = 2048
	}
	p, err := residuals.Lookup(pde)
	if err != nil {
		t.Fatal(err)
	}
	terms := map[string]experiments.TermConfig{}
	for _, term := range p.Terms() {
		tc := cfg.Terms[term.Name] // the preset's weight stays
		if term.Sampling.Pool != 0 && term.Name != "data" {
			pool := 512
			tc.Pool = &pool
		}
		batch := 128
		tc.Batch = &batch
		terms[term.Name] = tc
	}
	cfg.Terms = terms
	return cfg
}

// TestEveryPDETrains trains a tiny version of each built-in PDE's preset
// for a few hundred steps and requires the loss to fall (the mean of the
// last 20 steps below 3/4 of that of the first 20; a causally weighted
// loss gains weight on later times as it trains) and the relative L2
// error, and for an inverse problem that of the recovered field, to be
// finite and below its value before training.
func TestEveryPDETrains(t *testing.T) {
	const steps, window = 300, 20
	for _, pde := range residuals.Names() {
		t.Run(pde, func(t *testing.T) {
			cfg := tinyPreset(t, pde, steps)
			tr, err := experiments.NewTrainer(cfg)
			if err != nil {
				t.Fatal(err)
			}
			before, err := tr.Eval.Score()
			if err != nil {
				t.Fatal(err)
			}
			fieldBefore, hasField, err := tr.Eval.ScoreField()
			if err != nil {
				t.Fatal(err)
			}
			var first, last float64
			for s := 0; s < steps; s++ {
				gr, err := tr.Step()
				if err != nil {
					t.Fatal(err)
				}
				if s < window {
					first += gr.Loss / window
				}
				if s >= steps-window {
					last += gr.Loss / window
				}
			}
			after, err := tr.Eval.Score()
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("loss %.3g -> %.3g, rel_l2 %.3g -> %.3g", first, last, before.RelL2, after.RelL2)
			if !(last < 0.75*first) {
				t.Errorf("loss fell from %.3g to %.3g only, want below 3/4", first, last)
			}
			if math.IsNaN(after.RelL2) || math.IsInf(after.RelL2, 0) || !(after.RelL2 < before.RelL2) {
				t.Errorf("rel_l2 %.3g after training, %.3g before", after.RelL2, before.RelL2)
			}
			if hasField {
				fieldAfter, _, err := tr.Eval.ScoreField()
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("field rel_l2 %.3g -> %.3g", fieldBefore.RelL2, fieldAfter.RelL2)
				if math.IsNaN(fieldAfter.RelL2) || !(fieldAfter.RelL2 < fieldBefore.RelL2) {
					t.Errorf("field rel_l2 %.3g after training, %.3g before", fieldAfter.RelL2, fieldBefore.RelL2)
				}
			}
		})
	}
}
