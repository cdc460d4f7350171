package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pinngo/pinn/experiments"
)

// TestSignalsStopSteps stops a training run with SIGINT and with SIGTERM
// between its steps: each writes a checkpoint, prints the -resume command
// and exits with 128 + the signal's number, and the run resumes.
func TestSignalsStopSteps(t *testing.T) {
	cfg := writeFile(t, tinyRun)
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			p := start(t, nil, "train", "-config", cfg, "-steps", "1000000", "-checkpoint-every", "0", "-eval-every", "0", "-out", dir)
			waitFor(t, filepath.Join(dir, "config.json"))
			time.Sleep(200 * time.Millisecond) // some steps
			p.signal(t, c.sig)
			sent := time.Now()
			if code := p.wait(t); code != c.code {
				t.Fatalf("status %d, want %d: %s", code, c.code, p.stderr.String())
			}
			if d := time.Since(sent); d > 2*time.Second {
				t.Errorf("stopped %v after the signal, want within a second", d)
			}
			oneLine(t, "stderr", p.stderr.String())
			if !strings.Contains(p.stdout.String(), "continue with: pinn train -resume "+dir) {
				t.Errorf("stdout %q lacks the -resume command", p.stdout.String())
			}
			cfgRun, err := experiments.LoadConfig(filepath.Join(dir, "config.json"))
			if err != nil {
				t.Fatal(err)
			}
			tr, err := experiments.ResumeTrainer(cfgRun, dir)
			if err != nil || tr.StepCount() == 0 {
				t.Fatalf("checkpoint after %v: %v", c.sig, err)
			}
		})
	}
}

// TestSignalsStopLongWork signals commands that are computing a large
// reference solution, which takes no context: they exit at once.
func TestSignalsStopLongWork(t *testing.T) {
	big := writeFile(t, `{"pde": "kdv", "network": {"width": 8, "depth": 1}, "steps": 1, "eval": {"nx": 8192, "nt": 5001}}`)
	cache := []string{"XDG_CACHE_HOME=" + t.TempDir(), "HOME=" + t.TempDir()}
	for _, c := range []struct {
		name, ready string // ready is printed once signals are handled
		sig         syscall.Signal
		code        int
		args        []string
	}{
		{"reference", "computing", syscall.SIGINT, 130, []string{"reference", "-pde", "kdv", "-nx", "8192", "-nt", "5001", "-out", filepath.Join(t.TempDir(), "kdv.csv")}},
		{"train reference", "training", syscall.SIGTERM, 143, []string{"train", "-config", big, "-out", t.TempDir()}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := start(t, cache, c.args...)
			p.waitOutput(t, c.ready)
			time.Sleep(300 * time.Millisecond) // well into the computation
			p.signal(t, c.sig)
			sent := time.Now()
			if code := p.wait(t); code != c.code {
				t.Fatalf("status %d, want %d: %s", code, c.code, p.stderr.String())
			}
			if d := time.Since(sent); d > 2*time.Second { // a second, and slack for a loaded machine
				t.Errorf("stopped %v after the signal, want within a second", d)
			}
			oneLine(t, "stderr", p.stderr.String())
			if _, err := os.Stat(c.args[len(c.args)-1]); c.name == "reference" && err == nil {
				t.Error("an interrupted reference wrote its file")
			}
		})
	}
}

// TestSignalStopsStudy interrupts a comparison while its first run
// computes a large reference solution: it exits at once with 130.
func TestSignalStopsStudy(t *testing.T) {
	cache := []string{"XDG_CACHE_HOME=" + t.TempDir(), "HOME=" + t.TempDir()}
	p := start(t, cache, "compare", "-budget", "smoke", "-pdes", "kdv", "-solvers", "adam", "-out", t.TempDir())
	p.waitOutput(t, "[1/1]")
	time.Sleep(300 * time.Millisecond)
	p.signal(t, syscall.SIGINT)
	sent := time.Now()
	if code := p.wait(t); code != 130 {
		t.Fatalf("status %d, want 130: %s", code, p.stderr.String())
	}
	if d := time.Since(sent); d > 2*time.Second { // a second, and slack for a loaded machine
		t.Errorf("stopped %v after the signal, want within a second", d)
	}
	oneLine(t, "stderr", p.stderr.String())
}
