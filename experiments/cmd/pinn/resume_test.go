package main

import (
	"bytes"
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

const tinyRun = `{"pde": "burgers", "network": {"width": 8, "depth": 2, "activation": "tanh"}, "steps": 20,
 "terms": {"pde": {"pool": 64, "batch": 16}, "ic": {"pool": 8}, "bc": {"pool": 8}},
 "eval": {"nx": 21, "nt": 11, "every": 10}, "checkpoint_every": 10}`

// trainCommand returns a function that runs pinn train with args, requires
// the exit status want and returns what it printed (stdout, then stderr).
func trainCommand(t *testing.T) func(ctx context.Context, want int, args ...string) string {
	return func(ctx context.Context, want int, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(ctx, append([]string{"train"}, args...), &stdout, &stderr); code != want {
			t.Fatalf("pinn train %v: status %d, want %d: %s%s", args, code, want, stdout.String(), stderr.String())
		}
		return stdout.String() + stderr.String()
	}
}

// TestTrainResume continues a finished run and an interrupted one with
// -resume and checks both end bit for bit where an uninterrupted run ends.
func TestTrainResume(t *testing.T) {
	cfgPath := writeFile(t, tinyRun)
	ctx := context.Background()
	train := trainCommand(t)
	whole, finished, interrupted := t.TempDir(), t.TempDir(), t.TempDir()
	train(ctx, 0, "-config", cfgPath, "-steps", "30", "-out", whole)
	train(ctx, 0, "-config", cfgPath, "-out", finished)
	train(ctx, 0, "-resume", finished, "-steps", "30")

	// Ctrl-C after step 10, as the progress line of step 10 is printed.
	stopped, cancel := context.WithCancel(ctx)
	var stdout, stderr bytes.Buffer
	code := run(stopped, []string{"train", "-config", cfgPath, "-out", interrupted}, cancelOn{&stdout, "step 10/", cancel}, &stderr)
	if code != 130 || !strings.Contains(stdout.String(), "pinn train -resume "+interrupted) {
		t.Errorf("an interrupted run: status %d, %q, want 130 and how to resume it", code, stdout.String()+stderr.String())
	}
	train(ctx, 0, "-resume", interrupted, "-steps", "30")

	want := params(t, whole)
	for _, dir := range []string{finished, interrupted} {
		got := params(t, dir)
		for i := range want {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Fatalf("%s: parameter value %d is %v, the uninterrupted run's %v", dir, i, got[i], want[i])
			}
		}
		var m experiments.Metrics
		raw, _ := os.ReadFile(filepath.Join(dir, "metrics.json"))
		if err := json.Unmarshal(raw, &m); err != nil || m.Steps != 30 {
			t.Errorf("%s: metrics.json says %d steps (%v), want 30", dir, m.Steps, err)
		}
	}

	// Fewer steps than done, and a damaged checkpoint, are bad input and
	// leave the checkpoint as it was.
	ckpt := filepath.Join(finished, experiments.CheckpointFile)
	train(ctx, 2, "-resume", finished, "-steps", "10")
	raw, _ := os.ReadFile(ckpt)
	os.WriteFile(ckpt, raw[:len(raw)-1], 0o644)
	train(ctx, 2, "-resume", finished, "-steps", "40")
	if after, _ := os.ReadFile(ckpt); !bytes.Equal(after, raw[:len(raw)-1]) {
		t.Error("a failed resume rewrote the damaged checkpoint")
	}
}

// params returns every network parameter of the run in dir, in order.
func params(t *testing.T, dir string) []float64 {
	t.Helper()
	cfg, err := experiments.LoadConfig(filepath.Join(dir, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := experiments.ResumeTrainer(cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []float64
	for _, p := range tr.Net.Params() {
		out = append(out, p.Value.Data().([]float64)...)
	}
	return out
}

const tinyMarch = `{"pde": "allen-cahn", "solver": "adam", "hyper": null, "causal": null, "lr_decay": null,
 "network": {"width": 8, "depth": 2, "activation": "tanh", "fourier": {"modes": 2}}, "steps": 10,
 "time_marching": {"windows": 2, "warm_start": true},
 "terms": {"pde": {"pool": 64, "batch": 16}, "ic": {"pool": 16}},
 "eval": {"nx": 16, "nt": 11, "every": 5}, "checkpoint_every": 5}`

// TestTrainMarchResume interrupts a time-marching run, resumes it and
// checks that it ends where an uninterrupted run ends, and that a window's
// own directory is refused as a run to resume.
func TestTrainMarchResume(t *testing.T) {
	cfgPath := writeFile(t, tinyMarch)
	ctx := context.Background()
	train := trainCommand(t)
	whole, interrupted := t.TempDir(), t.TempDir()
	if out := train(ctx, 0, "-config", cfgPath, "-out", whole); !strings.Contains(out, "2 time windows × 10 steps") {
		t.Errorf("pinn train says %q", out)
	}
	stopped, cancel := context.WithCancel(ctx)
	var stdout, stderr bytes.Buffer
	// Ctrl-C in the first window, after its step 5.
	if code := run(stopped, []string{"train", "-config", cfgPath, "-out", interrupted}, cancelOn{&stdout, "step  5/10", cancel}, &stderr); code != 130 {
		t.Fatalf("interrupted: status %d: %s", code, stderr.String())
	}
	train(ctx, 0, "-resume", interrupted)
	metrics := func(dir string) experiments.Metrics {
		var m experiments.Metrics
		raw, _ := os.ReadFile(filepath.Join(dir, "metrics.json"))
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	a, b := metrics(whole), metrics(interrupted)
	if a.RelL2 != b.RelL2 || a.FinalLoss != b.FinalLoss || a.Steps != 20 || len(a.Windows) != 2 {
		t.Errorf("resumed run: rel_l2 %v, final loss %v; uninterrupted: %v, %v (%d steps, %d windows)", b.RelL2, b.FinalLoss, a.RelL2, a.FinalLoss, a.Steps, len(a.Windows))
	}
	if out := train(ctx, 2, "-resume", filepath.Join(whole, "window-01")); !strings.Contains(out, "window 1 of a time-marching run") {
		t.Errorf("resuming a window's directory says %q", out)
	}
	// More steps for finished windows would leave the later windows
	// trained from another start: refused before anything is written.
	ckpt, cfg := filepath.Join(whole, "window-01", experiments.CheckpointFile), filepath.Join(whole, "config.json")
	before, _ := os.ReadFile(ckpt)
	cfgBefore, _ := os.ReadFile(cfg)
	if out := train(ctx, 1, "-resume", whole, "-steps", "12"); !strings.Contains(out, "window-02 has started from its state") {
		t.Errorf("resuming with more steps says %q", out)
	}
	after, _ := os.ReadFile(ckpt)
	cfgAfter, _ := os.ReadFile(cfg)
	if !bytes.Equal(before, after) || !bytes.Equal(cfgBefore, cfgAfter) {
		t.Error("a refused resume rewrote the first window's checkpoint or the run's config")
	}
}

// cancelOn is a writer that calls cancel once a write contains text.
type cancelOn struct {
	w      io.Writer
	text   string
	cancel context.CancelFunc
}

func (c cancelOn) Write(p []byte) (int, error) {
	if strings.Contains(string(p), c.text) {
		c.cancel()
	}
	return c.w.Write(p)
}
