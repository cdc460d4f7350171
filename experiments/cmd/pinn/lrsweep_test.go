package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestTrainLRSweep runs pinn train -lr-sweep on a tiny Burgers run and
// checks that it reports every trial and trains at the learning rate it
// reports choosing.
func TestTrainLRSweep(t *testing.T) {
	cfg := writeFile(t, `{"pde": "burgers", "network": {"width": 8, "depth": 1, "modified": false}, "hard_constraints": false,
		"terms": {"pde": {"pool": 64, "batch": 16}, "ic": {"pool": 16}, "bc": {"pool": 16}}, "eval": {"nx": 21, "nt": 11, "every": 0}}`)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"train", "-config", cfg, "-solver", "adam", "-steps", "5", "-lr-sweep", "1e-4,1e-2", "-lr-sweep-steps", "10", "-out", out}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("status %d: %s", code, stderr.String())
	}
	text := stdout.String()
	for _, want := range []string{"lr sweep: 10 steps at each of [0.0001 0.01]", "lr 0.0001 ", "lr 0.01 ", "lr sweep: training at lr "} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	raw, err := os.ReadFile(filepath.Join(out, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	var saved struct {
		Hyper map[string]float64 `json:"hyper"`
	}
	if err := json.Unmarshal(raw, &saved); err != nil {
		t.Fatal(err)
	}
	line := text[strings.Index(text, "training at lr "):]
	if chosen := strings.Fields(line)[3]; chosen != strconv.FormatFloat(saved.Hyper["lr"], 'g', -1, 64) {
		t.Errorf("the run trained at lr %v, the sweep chose %s", saved.Hyper["lr"], chosen)
	}
}
