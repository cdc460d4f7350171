package experiments_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/solvers"
)

// TestDivergedRunKeepsHistory trains at a learning rate that overflows the
// loss at step 2 and checks what the run leaves: an error naming the step,
// history.csv without NaN, a checkpoint of step 1 and a metrics.json
// marked diverged with null errors.
func TestDivergedRunKeepsHistory(t *testing.T) {
	cfg := tinyConfig(t, "adam", 20)
	cfg.Hyper = solvers.Hyper{"lr": 1e300}
	dir := t.TempDir()
	_, err := experiments.Run(context.Background(), cfg, dir, nil)
	var d *experiments.DivergedError
	if !errors.As(err, &d) || d.Step != 2 || d.What != "loss" {
		t.Fatalf("error %v, want divergence of the loss at step 2", err)
	}
	hist, err := os.ReadFile(filepath.Join(dir, "history.csv"))
	if err != nil || bytes.Count(hist, []byte("\n")) != 2 || bytes.Contains(bytes.ToLower(hist), []byte("nan")) {
		t.Errorf("history.csv %q (%v), want a header and step 1 without NaN", hist, err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "metrics.json"))
	if err != nil || !strings.Contains(string(raw), `"final_loss": null`) || !strings.Contains(string(raw), `"diverged": "diverged: non-finite loss at step 2`) {
		t.Errorf("metrics.json %s (%v), want a null final loss and the divergence", raw, err)
	}
	tr, err := experiments.ResumeTrainer(cfg, dir)
	if err != nil || tr.StepCount() != 1 {
		t.Fatalf("the kept checkpoint: %v, want step 1", err)
	}
}

// TestBlowUpWarns checks that a loss 10⁴ times its first value warns once
// and that the run, whose numbers stay finite, still finishes.
func TestBlowUpWarns(t *testing.T) {
	cfg := tinyConfig(t, "adam", 20)
	cfg.Hyper = solvers.Hyper{"lr": 1e6}
	var log bytes.Buffer
	if _, err := experiments.Run(context.Background(), cfg, t.TempDir(), &log); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(log.String(), "warning: the loss"); n != 1 {
		t.Errorf("%d warnings in %q, want 1", n, log.String())
	}
}
