package experiments_test

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
)

// TestRunLowersLoss trains a small Burgers network briefly and checks the
// loss falls and the outputs are written.
func TestRunLowersLoss(t *testing.T) {
	cfg, err := experiments.Default("burgers")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Solver, cfg.HardConstraints = "adam", false // three terms, so gradient diagnostics
	cfg.Network = experiments.NetworkConfig{Width: 16, Depth: 2, Activation: "tanh"}
	cfg.Steps = 300
	cfg.Hyper = map[string]float64{"lr": 5e-3}
	small := 128
	cfg.Terms = map[string]experiments.TermConfig{"pde": {Pool: &small, Batch: &small}, "ic": {Pool: &small}, "bc": {Pool: &small}}
	cfg.Eval = experiments.EvalConfig{NX: 41, NT: 11, Every: 100}
	dir := t.TempDir()
	m, err := experiments.Run(context.Background(), cfg, dir, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !(m.FinalLoss < m.InitialLoss/3) || math.IsNaN(m.RelL2) || !(m.RelL2 < 1) {
		t.Errorf("loss %v -> %v, rel_l2 %v: want the loss to fall 3× and a finite error below 1", m.InitialLoss, m.FinalLoss, m.RelL2)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(raw, &fields); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"pde", "solver", "steps", "seed", "dtype", "points", "final_loss", "rel_l2", "linf", "mse", "wall_s", "step_ms"} {
		if _, ok := fields[k]; !ok {
			t.Errorf("metrics.json lacks %q", k)
		}
	}
	hist, _ := os.ReadFile(filepath.Join(dir, "history.csv"))
	if lines := strings.Split(strings.TrimSpace(string(hist)), "\n"); len(lines) != 301 || lines[0] != "step,pde,ic,bc,total,rel_l2,wall_s,grad_cos,grad_ratio" {
		t.Errorf("history.csv: %d lines, header %q", len(lines), lines[0])
	}
}

func TestReadConfigNamesBadField(t *testing.T) {
	cases := []struct{ json, field string }{
		{`{"pde": "burgers", "stepz": 3}`, "stepz"},
		{`{"pde": "burgers", "steps": "many"}`, "steps"},
		{`{"pde": "burgers", "steps": -1}`, "steps"},
		{`{"pde": "burgers", "network": {"width": 0}}`, "network"},
		{`{"pde": "burgers", "terms": {"nosuch": {}}}`, "terms"},
		{`{"pde": "heat"}`, "pde"},
		{`{"pde": "burgers", "dtype": "float16"}`, "dtype"},
		{`{"pde": "burgers", "network": {"width": "wide"}}`, "width"},
		{`{"pde": "burgers", "network": {"depth": 2, "activation": "relu"}}`, "network"},
		{`{"pde": "burgers", "solver": "sgd9"}`, "solver"},
		{`{"pde": "burgers", "hyper": {"momentum": 0.9}}`, "hyper"},
		{`{"pde": "burgers", "hyper": {"lr": -1}}`, "hyper"},
		{`{"pde": "burgers", "sampling": "sobol"}`, "sampling"},
		{`{"pde": "burgers", "terms": {"ic": {"weight": -1}}}`, "terms.ic"},
		{`{"pde": "burgers", "terms": {"pde": {"batch": "all"}}}`, "batch"},
		{`{"pde": "burgers", "eval": {"nx": 1}}`, "eval"},
		{`{"pde": "burgers", "eval": {"every": -3}}`, "eval"},
		{`{"pde": "burgers", "checkpoint_every": -1}`, "checkpoint_every"},
		{`{"pde": "burgers", "balance": {"method": "magic"}}`, "balance.method"},
		{`{"pde": "burgers", "balance": {"method": "lra", "alpha": 2}}`, "balance.alpha"},
		{`{"pde": "burgers", "balance": {"metod": "lra"}}`, "metod"},
		{`{"pde": "burgers", "seed": -1}`, "seed"},
		{`{"steps": 10}`, "pde"},
		{`[1, 2]`, "config"},
	}
	for _, c := range cases {
		_, err := experiments.ReadConfig(strings.NewReader(c.json))
		if err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: error %v, want one naming %q", c.json, err, c.field)
		}
	}
}
