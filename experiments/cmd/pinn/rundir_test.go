package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/pinngo/pinn/experiments"
)

// TestOutHoldsRun checks that train -out refuses a directory holding
// another run, touching nothing in it, and that -force starts over.
func TestOutHoldsRun(t *testing.T) {
	cfg := writeFile(t, tinyRun)
	dir := t.TempDir()
	if code, _, stderr := pinn(t, nil, "train", "-config", cfg, "-out", dir); code != 0 {
		t.Fatalf("first run: status %d: %s", code, stderr)
	}
	before := snapshot(t, dir)
	for _, args := range [][]string{
		{"train", "-config", cfg, "-out", dir},                           // the same command again
		{"train", "-pde", "kdv", "-steps", "1", "-out", dir},             // another PDE
		{"train", "-config", cfg, "-hyper", "lr=1e300", "-out", dir},     // a run that would fail
		{"train", "-config", cfg, "-out", dir, "-force", "-width", "-1"}, // -force, but invalid
		{"train", "-resume", dir, "-force"},                              // -force does not resume
	} {
		code, _, stderr := pinn(t, nil, args...)
		if code != 2 {
			t.Errorf("%v: status %d, want 2", args, code)
		}
		oneLine(t, strings.Join(args, " "), stderr)
		if !strings.Contains(args[len(args)-1], "force") && !strings.Contains(stderr, "-resume "+dir) && !strings.Contains(stderr, "width") {
			t.Errorf("%v: %q names neither -resume nor the bad field", args, stderr)
		}
		if after := snapshot(t, dir); !equalFiles(before, after) {
			t.Fatalf("%v changed the run in %s", args, dir)
		}
	}
	if code, _, stderr := pinn(t, nil, "train", "-config", cfg, "-steps", "5", "-out", dir, "-force"); code != 0 {
		t.Fatalf("-force: status %d: %s", code, stderr)
	}
	m := readMetrics(t, dir)
	if m.Steps != 5 {
		t.Errorf("after -force metrics.json says %d steps, want 5", m.Steps)
	}
}

// TestSecondWriterFails checks that a second process writing a run
// directory in use fails at once with one line, and that SIGTERM then
// stops the first with a checkpoint and status 143.
func TestSecondWriterFails(t *testing.T) {
	cfg := writeFile(t, tinyRun)
	dir := t.TempDir()
	first := start(t, nil, "train", "-config", cfg, "-steps", "1000000", "-checkpoint-every", "0", "-eval-every", "0", "-out", dir)
	waitFor(t, filepath.Join(dir, "config.json"))
	for _, args := range [][]string{
		{"train", "-resume", dir},
		{"train", "-config", cfg, "-out", dir, "-force"},
	} {
		code, _, stderr := pinn(t, nil, args...)
		if code != 2 || !strings.Contains(stderr, "in use by another process (pid ") {
			t.Errorf("%v while another process trains there: status %d, %q", args, code, stderr)
		}
		oneLine(t, strings.Join(args, " "), stderr)
	}
	first.signal(t, syscall.SIGTERM)
	if code := first.wait(t); code != 143 {
		t.Fatalf("SIGTERM: status %d, want 143: %s", code, first.stderr.String())
	}
	if !strings.Contains(first.stdout.String(), "pinn train -resume "+dir) {
		t.Errorf("SIGTERM output %q lacks the resume command", first.stdout.String())
	}
	if _, err := os.Stat(filepath.Join(dir, experiments.CheckpointFile)); err != nil {
		t.Errorf("no checkpoint after SIGTERM: %v", err)
	}
}

// snapshot returns the content of every file in dir by name.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() && e.Name() != ".pinn.lock" {
			files[e.Name()], _ = os.ReadFile(filepath.Join(dir, e.Name()))
		}
	}
	return files
}

func equalFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// readMetrics reads the metrics.json of the run in dir.
func readMetrics(t *testing.T, dir string) experiments.Metrics {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m experiments.Metrics
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
