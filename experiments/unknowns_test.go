package experiments_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
)

// TestUnknownsReported trains burgers-inverse a few steps and checks that
// metrics.json reports each unknown's value, true value and relative
// error, and that history.csv's columns unknown_NAME end at those values.
func TestUnknownsReported(t *testing.T) {
	cfg, err := experiments.Default("burgers-inverse")
	if err != nil {
		t.Fatal(err)
	}
	pool := 64
	cfg.Network = experiments.NetworkConfig{Width: 8, Depth: 2, Activation: "tanh"}
	cfg.Terms = map[string]experiments.TermConfig{"pde": {Pool: &pool}}
	cfg.Steps, cfg.Eval = 20, experiments.EvalConfig{NX: 21, NT: 11}
	dir := t.TempDir()
	m, err := experiments.Run(context.Background(), cfg, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var generic map[string]any
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatal(err)
	}
	unknowns, ok := generic["unknowns"].(map[string]any)
	if !ok || len(unknowns) != 2 {
		t.Fatalf("metrics.json unknowns %v, want lambda1 and lambda2", generic["unknowns"])
	}
	history, err := os.ReadFile(filepath.Join(dir, "history.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(history)), "\n")
	header, last := strings.Split(lines[0], ","), strings.Split(lines[len(lines)-1], ",")
	for name, truth := range map[string]float64{"lambda1": 1, "lambda2": 0.01 / math.Pi} {
		u := unknowns[name].(map[string]any)
		value, tv, rel := u["value"].(float64), u["true"].(float64), u["rel_error"].(float64)
		if tv != truth || math.Abs(rel-math.Abs(value-truth)/truth) > 1e-15 {
			t.Errorf("%s: value %v, true %v, rel_error %v; want true %v and rel_error |value − true|/true", name, value, tv, rel, truth)
		}
		if m.Unknowns[name].Value != value {
			t.Errorf("%s: Run returned %v, metrics.json has %v", name, m.Unknowns[name].Value, value)
		}
		col := slices.Index(header, "unknown_"+name)
		if col < 0 {
			t.Fatalf("history.csv has no column unknown_%s: %v", name, header)
		}
		got, err := strconv.ParseFloat(last[col], 64)
		if err != nil || math.Abs(got-value) > 1e-5*math.Abs(value) {
			t.Errorf("history.csv ends with %s = %q, metrics.json %v", name, last[col], value)
		}
	}
	if v := unknowns["lambda1"].(map[string]any)["value"].(float64); v == 0 {
		t.Error("lambda1 did not move from its start at 0")
	}
}

// TestNoiseRefused checks the config field "noise" against the problem.
func TestNoiseRefused(t *testing.T) {
	for _, c := range []struct {
		pde   string
		noise float64
		want  string
	}{
		{"burgers", 0.01, "burgers has no observations"},
		{"burgers-inverse", 1, "in [0, 1)"},
		{"burgers-inverse", -0.01, "in [0, 1)"},
	} {
		cfg, err := experiments.Default(c.pde)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Noise = c.noise
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), `"noise"`) {
			t.Errorf("%s with noise %v: error %v, want one naming \"noise\" and %q", c.pde, c.noise, err, c.want)
		}
	}
}
