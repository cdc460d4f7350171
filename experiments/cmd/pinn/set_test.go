package main

import (
	"path/filepath"
	"testing"

	"github.com/pinngo/pinn/experiments"
)

// TestSetOverrides trains with -set and the shortcut flags and checks the
// run's config.json: each override is there, -set after the shortcuts.
func TestSetOverrides(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := pinn(t, nil, "train", "-pde", "burgers", "-set", "network.width=16", "-set", "pde.nu=0.02",
		"-set", "eval.nx=16", "-set", "eval.nt=5", "-depth", "3", "-set", "network.depth=2", "-steps", "5", "-out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	cfg, err := experiments.LoadConfig(filepath.Join(dir, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Network.Width != 16 || cfg.Network.Depth != 2 || cfg.Coefficients["nu"] != 0.02 || cfg.Steps != 5 || cfg.Eval.NX != 16 {
		t.Errorf("config.json: %+v", cfg)
	}
}
