package study_test

import (
	"testing"

	"github.com/pinngo/pinn/experiments/study"
)

// TestBudgetConfigs checks the runs the AutoBalance paper's budget makes of
// its three PDEs, term by term, and that the "paper" budget, whose runs
// another study reuses, still makes the runs it made.
func TestBudgetConfigs(t *testing.T) {
	type term struct{ pool, batch int } // -1: the term keeps its own points
	cases := []struct {
		budget, pde, variant string
		steps, every, ckpt   int
		balance              string
		terms                map[string]term
	}{
		{"autobalance-paper", "reaction-diffusion", "autobalance-adamw", 30000, 1000, 3000, "",
			map[string]term{"pde": {10000, 1024}, "ic": {1000, 0}, "bc": {1000, 0}}},
		{"autobalance-paper", "helmholtz", "adam", 30000, 1000, 3000, "",
			map[string]term{"pde": {10000, 1024}, "bc_x": {1000, 0}, "bc_y": {1000, 0}}},
		{"autobalance-paper", "poisson-inverse", "adam+lra", 30000, 1000, 3000, "lra",
			map[string]term{"pde": {10000, 1024}, "data": {-1, -1}, "bc_x": {1000, 0}, "bc_y": {1000, 0}}},
		{"paper", "burgers", "adam", 10000, 1000, 1000, "",
			map[string]term{"pde": {10000, 1024}, "ic": {1000, 0}, "bc": {1000, 0}}},
	}
	for _, c := range cases {
		t.Run(c.budget+"/"+c.pde, func(t *testing.T) {
			b, err := study.LookupBudget(c.budget)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := b.Config(c.pde, c.variant, 3)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Steps != c.steps || cfg.Eval.Every != c.every || cfg.CheckpointEvery != c.ckpt || cfg.Seed != 3 {
				t.Errorf("steps %d, eval every %d, checkpoint every %d, seed %d; want %d, %d, %d, 3",
					cfg.Steps, cfg.Eval.Every, cfg.CheckpointEvery, cfg.Seed, c.steps, c.every, c.ckpt)
			}
			n := cfg.Network
			if n.Width != 64 || n.Depth != 3 || n.Activation != "tanh" || n.Fourier != nil || n.Modified || n.Normalize {
				t.Errorf("network %+v, want a plain 3×64 tanh MLP", n)
			}
			if cfg.HardConstraints || cfg.Causal != nil || cfg.LRDecay != nil || cfg.ResampleEvery != 0 || cfg.Dtype != "float64" {
				t.Errorf("techniques on or dtype %q: %+v", cfg.Dtype, cfg)
			}
			if cfg.Balance.Method != c.balance {
				t.Errorf("balance %q, want %q", cfg.Balance.Method, c.balance)
			}
			if len(cfg.Terms) != len(c.terms) {
				t.Errorf("terms %v, want %v", cfg.Terms, c.terms)
			}
			for name, want := range c.terms {
				tc, ok := cfg.Terms[name]
				if !ok {
					t.Errorf("term %s missing", name)
					continue
				}
				if tc.Weight == nil || *tc.Weight != 1 {
					t.Errorf("term %s: weight %v, want 1", name, tc.Weight)
				}
				if want.pool < 0 {
					if tc.Pool != nil || tc.Batch != nil {
						t.Errorf("term %s: pool %v batch %v, want its own points", name, tc.Pool, tc.Batch)
					}
					continue
				}
				if tc.Pool == nil || tc.Batch == nil || *tc.Pool != want.pool || *tc.Batch != want.batch {
					t.Errorf("term %s: pool %v batch %v, want %d and %d", name, tc.Pool, tc.Batch, want.pool, want.batch)
				}
			}
		})
	}
}
