package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyPresets writes presets of Burgers (hard constraints, an L-BFGS
// finish at step 4 of 8) and Allen-Cahn (two time-marching windows of 6
// steps, Fourier features, normalized t, L-BFGS from step 3) at a size
// that trains in seconds, and returns their directory.
func tinyPresets(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	presets := map[string]string{
		"burgers": `{"pde": "burgers", "solver": "adam+lbfgs", "hyper": {"switch": 4, "history": 5},
			"network": {"width": 8, "depth": 2, "activation": "tanh", "modified": true}, "steps": 8, "sampling": "lhs",
			"hard_constraints": true, "terms": {"pde": {"pool": 64, "batch": 16}, "ic": {"pool": 8}, "bc": {"pool": 8}},
			"eval": {"nx": 21, "nt": 11, "every": 4}, "checkpoint_every": 4}`,
		"allen-cahn": `{"pde": "allen-cahn", "solver": "adam+lbfgs", "hyper": {"switch": 3},
			"network": {"width": 8, "depth": 2, "activation": "tanh", "fourier": {"modes": 2}, "normalize": true}, "steps": 6,
			"sampling": "lhs", "time_marching": {"windows": 2, "warm_start": true},
			"terms": {"pde": {"pool": 64, "batch": 16}, "ic": {"weight": 100, "pool": 16}},
			"eval": {"nx": 32, "nt": 11, "every": 3}}`,
	}
	for pde, text := range presets {
		if err := os.WriteFile(filepath.Join(dir, pde+".json"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestComparePresets runs the study of solvers with each PDE's techniques
// end to end on tiny presets, one of them time marching, and checks that
// only the first-order solver was swapped; then reports it with -partial.
func TestComparePresets(t *testing.T) {
	out := t.TempDir()
	args := []string{"compare", "-presets", tinyPresets(t), "-pdes", "burgers,allen-cahn", "-solvers", "adam,soap,pde-aware:centred=1", "-seeds", "1,2", "-out", out}
	mustRun(t, args...)
	raw, err := os.ReadFile(filepath.Join(out, "results.md"))
	if err != nil {
		t.Fatal(err)
	}
	md := string(raw)
	for _, want := range []string{
		"# Solvers with each PDE's techniques (each PDE's preset)", "its error over the steps is that of the window being trained", "with its first-order solver replaced by each solver in turn",
		"- allen-cahn: MLP 2×8 tanh, Fourier features (2 modes), coordinates mapped to [−1, 1], time marching: 2 windows of 6 steps, each warm-started from the last, lhs points, adam then L-BFGS (switch=3)",
		"- burgers: modified MLP 2×8 tanh, hard constraints, 8 steps, lhs points, adam then L-BFGS (history=5 switch=4)",
		"| PDE | solver | rel. L2 | L∞ | final loss | wall (s) | step (ms) | seeds |",
		"| burgers | soap | ", "| allen-cahn | pde-aware:centred=1 | ",
		"![curves](curves.png)", "![burgers](solutions-burgers.png)", "![allen-cahn](solutions-allen-cahn.png)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("results.md lacks %q", want)
		}
	}
	for _, line := range strings.Split(md, "\n") {
		if (strings.HasPrefix(line, "| burgers |") || strings.HasPrefix(line, "| allen-cahn |")) && !strings.HasSuffix(line, " | 2 |") {
			t.Errorf("row %q does not hold 2 seeds", line)
		}
	}
	for _, f := range []string{"compare.png", "curves.png", "solutions-burgers.png", "solutions-allen-cahn.png",
		"allen-cahn/soap/seed-2/window-02/metrics.json", "allen-cahn/soap/seed-2/metrics.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	cases := []struct {
		run, solver string
		hyper       map[string]float64
	}{
		{"burgers/soap/seed-1", "soap+lbfgs", map[string]float64{"switch": 4, "history": 5}},
		{"burgers/adam/seed-2", "adam+lbfgs", map[string]float64{"switch": 4, "history": 5}},
		{"allen-cahn/pde-aware_centred=1/seed-1", "pde-aware+lbfgs", map[string]float64{"switch": 3, "centred": 1}},
	}
	for _, c := range cases {
		var cfg struct {
			Solver string             `json:"solver"`
			Hyper  map[string]float64 `json:"hyper"`
			Seed   uint64             `json:"seed"`
		}
		raw, err := os.ReadFile(filepath.Join(out, c.run, "config.json"))
		if err == nil {
			err = json.Unmarshal(raw, &cfg)
		}
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Solver != c.solver || len(cfg.Hyper) != len(c.hyper) {
			t.Errorf("%s: solver %s %v, want %s %v", c.run, cfg.Solver, cfg.Hyper, c.solver, c.hyper)
		}
		for k, v := range c.hyper {
			if cfg.Hyper[k] != v {
				t.Errorf("%s: %s = %v, want %v", c.run, k, cfg.Hyper[k], v)
			}
		}
	}

	mustRun(t, append(args, "-partial")...)
	again, _ := os.ReadFile(filepath.Join(out, "results.md"))
	if !strings.Contains(string(again), ", 0 missing.") || strings.Contains(string(again), "Missing runs") {
		t.Errorf("-partial on the finished study:\n%s", again)
	}
}
