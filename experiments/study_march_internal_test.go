package experiments

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyMarchCase is Allen–Cahn in two windows of 4 steps, Adam then
// L-BFGS, on a tiny network: a time-marching case of a study.
func tinyMarchCase(t *testing.T) Case {
	t.Helper()
	cfg, err := Default("allen-cahn")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Network.Width, cfg.Network.Depth, cfg.Network.Fourier.Modes = 8, 2, 2
	cfg.Hyper, cfg.Steps, cfg.CheckpointEvery = map[string]float64{"switch": 2}, 4, 0
	pool, batch, ic := 64, 16, 16
	cfg.Terms = map[string]TermConfig{"pde": {Pool: &pool, Batch: &batch}, "ic": {Weight: cfg.Terms["ic"].Weight, Pool: &ic}}
	cfg.Eval = EvalConfig{NX: 16, NT: 11}
	cfg.March = &MarchConfig{Windows: 2, WarmStart: true}
	return Case{Group: "allen-cahn", Label: cfg.Solver, Seed: cfg.Seed, Config: cfg}
}

// TestStudyKeepsDivergedMarchingRuns runs a time-marching case whose first
// window diverges: the study does not fail, the run is a diverged result
// with metrics.json marked so in its directory, and the study run again
// reuses it.
func TestStudyKeepsDivergedMarchingRuns(t *testing.T) {
	c := tinyMarchCase(t)
	c.Config.Solver, c.Config.Hyper, c.Label = "adam", map[string]float64{"lr": 1e300}, "adam:lr=1e300"
	out := t.TempDir()
	rs, err := RunCases(context.Background(), []Case{c}, out, 1, nil)
	if err != nil {
		t.Fatalf("the study failed on a diverging time-marching run: %v", err)
	}
	if why := rs[0].Metrics.Diverged; !strings.HasPrefix(why, "window 1 of 2: diverged: non-finite") {
		t.Errorf("diverged %q, want the window and the cause", why)
	}
	before, err := os.ReadFile(filepath.Join(c.Dir(out), "metrics.json"))
	if err != nil || !bytes.Contains(before, []byte(`"diverged": "window 1 of 2`)) || !finishedRun(c.Dir(out)) {
		t.Fatalf("the run's metrics.json: %s (%v)", before, err)
	}
	var log bytes.Buffer
	again, err := RunCases(context.Background(), []Case{c}, out, 1, &log)
	if err != nil || again[0].Metrics.Diverged != rs[0].Metrics.Diverged || len(again[0].Pred) != len(again[0].Ref.U) {
		t.Fatalf("the second study: %v, %+v", err, again)
	}
	if after, _ := os.ReadFile(filepath.Join(c.Dir(out), "metrics.json")); !bytes.Equal(after, before) {
		t.Errorf("the second study trained the diverged run again: %s", log.String())
	}
	results, missing, err := loadCases([]Case{c}, out)
	if err != nil || len(missing) != 0 || len(results) != 1 || results[0].Metrics.Diverged == "" {
		t.Errorf("loading the study: %d results, missing %v (%v)", len(results), missing, err)
	}
}
