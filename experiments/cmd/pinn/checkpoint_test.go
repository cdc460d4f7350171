package main

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// shardedRun is tinyRun with an interior batch of 512 points, which a step
// splits into one graph per core: its rounding depends on the shard count.
const shardedRun = `{"pde": "burgers", "network": {"width": 8, "depth": 2, "activation": "tanh"}, "steps": 10,
 "terms": {"pde": {"pool": 1024, "batch": 512}, "ic": {"pool": 8}, "bc": {"pool": 8}},
 "eval": {"nx": 21, "nt": 11, "every": 0}, "checkpoint_every": 0}`

// TestResumeOtherCores trains 10 steps on 2 cores and continues to 20 on 1:
// the result is bit-identical to 20 steps on 2 cores, which differ from
// 20 steps on 1 core (so the shard count matters and is taken over).
func TestResumeOtherCores(t *testing.T) {
	cfg := writeFile(t, shardedRun)
	two, one, moved := []string{"GOMAXPROCS=2"}, []string{"GOMAXPROCS=1"}, t.TempDir()
	whole2, whole1 := t.TempDir(), t.TempDir()
	for _, r := range []struct {
		env  []string
		args []string
	}{
		{two, []string{"train", "-config", cfg, "-steps", "20", "-out", whole2}},
		{one, []string{"train", "-config", cfg, "-steps", "20", "-out", whole1}},
		{two, []string{"train", "-config", cfg, "-out", moved}},
		{one, []string{"train", "-resume", moved, "-steps", "20"}},
	} {
		if code, _, stderr := pinn(t, r.env, r.args...); code != 0 {
			t.Fatalf("%v: status %d: %s", r.args, code, stderr)
		}
	}
	want, got, other := params(t, whole2), params(t, moved), params(t, whole1)
	same := func(a, b []float64) bool {
		for i := range a {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
				return false
			}
		}
		return true
	}
	if !same(got, want) {
		t.Error("resumed on 1 core, the run differs from the one trained on 2 cores throughout")
	}
	if same(other, want) {
		t.Error("1 and 2 shards give the same bits: the test cannot tell whether the shard count is taken over")
	}
}

// TestOldCheckpointResumes resumes a run directory written before
// checkpoints recorded their shard count (testdata/oldrun, 10 steps of
// tinyRun's config on one core) to 20 steps.
func TestOldCheckpointResumes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "oldrun")
	if err := os.CopyFS(dir, os.DirFS("testdata/oldrun")); err != nil {
		t.Fatal(err)
	}
	old := params(t, dir)
	if code, _, stderr := pinn(t, nil, "train", "-resume", dir, "-steps", "20"); code != 0 {
		t.Fatalf("resuming the old checkpoint: status %d: %s", code, stderr)
	}
	if m := readMetrics(t, dir); m.Steps != 20 {
		t.Errorf("metrics.json says %d steps, want 20", m.Steps)
	}
	if now := params(t, dir); len(now) != len(old) {
		t.Errorf("%d parameters after resuming, %d before", len(now), len(old))
	}
}

// TestStrayTempRemoved checks that the temporary file of a killed write
// is removed when the run starts again.
func TestStrayTempRemoved(t *testing.T) {
	cfg := writeFile(t, tinyRun)
	dir := t.TempDir()
	if code, _, stderr := pinn(t, nil, "train", "-config", cfg, "-steps", "2", "-out", dir); code != 0 {
		t.Fatalf("status %d: %s", code, stderr)
	}
	stray := filepath.Join(dir, ".checkpoint.ckpt.tmp12345")
	os.WriteFile(stray, []byte("half"), 0o644)
	if code, _, stderr := pinn(t, nil, "train", "-resume", dir, "-steps", "3"); code != 0 {
		t.Fatalf("status %d: %s", code, stderr)
	}
	if _, err := os.Stat(stray); err == nil {
		t.Error("the stray temp file is still there")
	}
}
