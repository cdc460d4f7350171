package experiments_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
)

// TestTechniquesResumeBitIdentical checks that runs with the techniques,
// interrupted at step 9 (two steps into a resampling round) and resumed,
// end with the same parameters as uninterrupted runs: the causal chunk
// losses, the resampled pools (uniform from seeds, adaptive from the
// checkpoint) and the decay all come back.
func TestTechniquesResumeBitIdentical(t *testing.T) {
	const total = 30
	cases := []struct {
		name string
		edit func(*experiments.Config)
	}{
		{"hard causal uniform-resample decay", func(c *experiments.Config) {
			c.HardConstraints = true
			c.Causal = &experiments.CausalConfig{Chunks: 4, Epsilon: 1}
			c.ResampleEvery = 7
			c.LRDecay = &experiments.LRDecayConfig{Rate: 0.5, Every: 10, Min: 0.6}
		}},
		{"soft adaptive-resample", func(c *experiments.Config) {
			c.ResampleEvery = 7
			c.Adaptive = &experiments.AdaptiveConfig{Candidates: 500, K: 1, C: 1}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := tinyConfig(t, "adam", total)
			c.edit(&cfg)
			ctx := context.Background()
			whole := t.TempDir()
			if _, err := experiments.Run(ctx, cfg, whole, nil); err != nil {
				t.Fatal(err)
			}
			want := finalParams(t, cfg, whole)

			interrupted := t.TempDir()
			cctx, cancel := context.WithCancel(ctx)
			defer cancel()
			tr, err := experiments.NewTrainer(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tr.Train(cctx, interrupted, total, cancelAt{9, cancel}); !errors.Is(err, context.Canceled) {
				t.Fatalf("interrupted run: error %v, want a cancellation", err)
			}
			if _, err := experiments.Resume(ctx, interrupted, 0, nil); err != nil {
				t.Fatal(err)
			}
			if err := sameBits(finalParams(t, cfg, interrupted), want); err != nil {
				t.Errorf("interrupted at 9, resumed: %v", err)
			}
		})
	}
}

// TestLRDecayScalesTheStep compares a step with decay factor 1/2 with the
// same step without decay, from the same parameters and points.
func TestLRDecayScalesTheStep(t *testing.T) {
	const tol = 1e-15
	plain := tinyConfig(t, "adam", 2)
	decayed := plain
	decayed.LRDecay = &experiments.LRDecayConfig{Rate: 0.5, Every: 1}
	var runs [2][3][][]float64 // per config: parameters at steps 0, 1, 2
	for r, cfg := range []experiments.Config{plain, decayed} {
		tr, err := experiments.NewTrainer(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for s := 0; s < 3; s++ {
			for _, p := range tr.Net.Params() {
				runs[r][s] = append(runs[r][s], append([]float64(nil), p.Value.Data().([]float64)...))
			}
			if s < 2 {
				if _, err := tr.Step(); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	// Step 1 has factor 0.5⁰ = 1: both runs agree after it.
	if err := sameBits(runs[0][1], runs[1][1]); err != nil {
		t.Fatalf("after the first step: %v", err)
	}
	// Step 2 has factor 0.5¹: the decayed run moves half as far.
	for i := range runs[0][2] {
		for j := range runs[0][2][i] {
			full := runs[0][2][i][j] - runs[0][1][i][j]
			half := runs[1][2][i][j] - runs[1][1][i][j]
			if math.Abs(half-full/2) > tol*math.Max(1, math.Abs(runs[0][1][i][j])) {
				t.Fatalf("parameter %d[%d]: step %v with decay, %v without", i, j, half, full)
			}
		}
	}
}

func TestTechniqueConfigErrorsNameTheField(t *testing.T) {
	cases := []struct{ json, field string }{
		{`{"pde": "burgers", "network": {"width": 8, "depth": 2, "fourier": {"modes": 4}}}`, "network.fourier"},
		{`{"pde": "kdv", "network": {"width": 8, "depth": 2, "fourier": {"modes": 0}}}`, "network.fourier"},
		{`{"pde": "allen-cahn", "hard_constraints": true}`, "hard_constraints"},
		{`{"pde": "helmholtz", "causal": {"chunks": 8, "epsilon": 1}}`, "causal"},
		{`{"pde": "burgers", "causal": {"chunks": 0, "epsilon": 1}}`, "causal"},
		{`{"pde": "burgers", "resample_every": -1}`, "resample_every"},
		{`{"pde": "burgers", "lr_decay": {"rate": 1.5, "every": 100}}`, "lr_decay"},
		{`{"pde": "burgers", "lr_decay": {"rate": 0.9, "every": 0}}`, "lr_decay"},
		{`{"pde": "burgers", "adaptive": {"candidates": 20000, "k": 1, "c": 1}}`, "adaptive"},
		{`{"pde": "burgers", "resample_every": 100, "adaptive": {"candidates": 5000, "k": 1, "c": 1}}`, "adaptive"},
	}
	for _, c := range cases {
		_, err := experiments.ReadConfig(strings.NewReader(c.json))
		if err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: error %v, want one naming %q", c.json, err, c.field)
		}
	}
}
