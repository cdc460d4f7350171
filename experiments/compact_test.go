package experiments_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
)

// TestCompactRestoresTheFinalState trains runs with Adam then L-BFGS in
// both dtypes, compacts them and requires the checkpoint to shrink, the
// parameters and history to read back bit for bit, training further to be
// refused, and a second compaction and an unfinished run to be left alone.
func TestCompactRestoresTheFinalState(t *testing.T) {
	for _, dtype := range []string{"float64", "float32"} {
		t.Run(dtype, func(t *testing.T) {
			cfg := tinyConfig(t, "adam+lbfgs", 12)
			cfg.Hyper, cfg.Dtype = map[string]float64{"switch": 6}, dtype
			dir := t.TempDir()
			if _, err := experiments.Run(context.Background(), cfg, dir, nil); err != nil {
				t.Fatal(err)
			}
			want := finalParams(t, cfg, dir)
			full, err := experiments.ResumeTrainer(cfg, dir)
			if err != nil {
				t.Fatal(err)
			}
			cs, err := experiments.Compact(dir)
			if err != nil || len(cs) != 1 || cs[0].Skipped != "" || !(cs[0].After < cs[0].Before) {
				t.Fatalf("compaction %+v (%v): want one, smaller", cs, err)
			}
			got, err := experiments.ResumeTrainer(cfg, dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := sameBits(finalParams(t, cfg, dir), want); err != nil {
				t.Error(err)
			}
			if !got.Compacted() || got.StepCount() != 12 || fmt.Sprint(got.History) != fmt.Sprint(full.History) {
				t.Errorf("compacted %v at step %d; history equal: %v", got.Compacted(), got.StepCount(), fmt.Sprint(got.History) == fmt.Sprint(full.History))
			}
			var done *experiments.CompactedError
			if _, err := got.Train(context.Background(), dir, 20, nil); !errors.As(err, &done) || done.Step != 12 {
				t.Errorf("training the compacted run further: %v, want a CompactedError at step 12", err)
			}
			if cs, err := experiments.Compact(dir); err != nil || len(cs) != 1 || cs[0].Skipped != "already compact" {
				t.Errorf("compacting again: %+v (%v)", cs, err)
			}
		})
	}
	t.Run("unfinished", func(t *testing.T) {
		cfg := tinyConfig(t, "adam", 20)
		dir := t.TempDir()
		tr, err := experiments.NewTrainer(cfg)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if _, err := tr.Train(ctx, dir, 20, cancelAt{step: 5, cancel: cancel}); !errors.Is(err, context.Canceled) {
			t.Fatalf("interrupting: %v", err)
		}
		before := snapshot(dir)
		if cs, err := experiments.Compact(dir); err != nil || len(cs) != 1 || !strings.HasPrefix(cs[0].Skipped, "not finished") {
			t.Errorf("compacting an interrupted run: %+v (%v)", cs, err)
		}
		if snapshot(dir) != before {
			t.Error("compacting an interrupted run changed it")
		}
	})
}

// TestCompactKeepsStudyOutput trains a study's runs with full checkpoints,
// as pinn train or an older version leaves them, and requires the study
// to reuse them unchanged; then compacts a copy and requires the study on
// it to give the same results, figures and results.md.
func TestCompactKeepsStudyOutput(t *testing.T) {
	ctx := context.Background()
	spec := experiments.CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam", "adam+lbfgs:switch=5"},
		Seeds: []uint64{1, 2}, Budget: "smoke", Steps: 10, Workers: 1}
	cases, err := spec.Cases()
	if err != nil {
		t.Fatal(err)
	}
	full := t.TempDir()
	for _, c := range cases {
		if _, err := experiments.Run(ctx, c.Config, c.Dir(full), nil); err != nil {
			t.Fatal(err)
		}
	}
	ckpts := func(root string) map[string]string {
		out := map[string]string{}
		for _, c := range cases {
			rel, _ := filepath.Rel(root, c.Dir(root))
			raw, _ := os.ReadFile(filepath.Join(c.Dir(root), experiments.CheckpointFile))
			out[rel] = string(raw)
		}
		return out
	}
	before := ckpts(full)
	want, err := experiments.Compare(ctx, spec, full, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(ckpts(full), before) {
		t.Error("the study changed the full checkpoints of the runs it reused")
	}
	small := t.TempDir()
	if err := os.CopyFS(small, os.DirFS(full)); err != nil {
		t.Fatal(err)
	}
	cs, err := experiments.Compact(small)
	if err != nil || len(cs) != len(cases) {
		t.Fatalf("%d compactions (%v), want %d", len(cs), err, len(cases))
	}
	for _, c := range cs {
		if c.Skipped != "" || !(c.After < c.Before) {
			t.Errorf("%+v: want the checkpoint compacted, smaller", c)
		}
	}
	got, err := experiments.Compare(ctx, spec, small, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		w, g := want[i], got[i]
		if fmt.Sprint(w.Metrics, w.History, w.Pred) != fmt.Sprint(g.Metrics, g.History, g.Pred) {
			t.Errorf("%s %s seed %d: the compacted run's result differs", w.Case.Group, w.Case.Label, w.Case.Seed)
		}
	}
	figures, _ := filepath.Glob(filepath.Join(full, "*.png"))
	if len(figures) < 2 {
		t.Fatalf("figures %v: want the curves and solutions at least", figures)
	}
	for _, name := range append(figures, filepath.Join(full, "results.md")) {
		a, _ := os.ReadFile(name)
		b, err := os.ReadFile(filepath.Join(small, filepath.Base(name)))
		if err != nil || !bytes.Equal(withoutWall(a), withoutWall(b)) {
			t.Errorf("%s differs after compaction (%v)", filepath.Base(name), err)
		}
	}
}

// withoutWall drops the line of results.md giving the study's own wall
// time, which differs between two invocations.
func withoutWall(md []byte) []byte {
	lines := strings.Split(string(md), "\n")
	lines = slices.DeleteFunc(lines, func(l string) bool { return strings.Contains(l, "of wall time") })
	return []byte(strings.Join(lines, "\n"))
}

// TestStudyCompactsWhatItTrains requires a study's freshly finished runs
// to be compact and to give the results of full-checkpoint runs, and a
// larger budget to be refused on them.
func TestStudyCompactsWhatItTrains(t *testing.T) {
	ctx := context.Background()
	spec := experiments.CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam+lbfgs:switch=5"},
		Seeds: []uint64{1}, Budget: "smoke", Steps: 10, Workers: 1}
	cases, err := spec.Cases()
	if err != nil {
		t.Fatal(err)
	}
	full, out := t.TempDir(), t.TempDir()
	c := cases[0]
	if _, err := experiments.Run(ctx, c.Config, full, nil); err != nil {
		t.Fatal(err)
	}
	rs, err := experiments.RunCases(ctx, cases, out, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := experiments.ResumeTrainer(c.Config, c.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	if !tr.Compacted() {
		t.Error("the study kept the full checkpoint of a run it trained to its end")
	}
	if err := sameBits(finalParams(t, c.Config, c.Dir(out)), finalParams(t, c.Config, full)); err != nil {
		t.Error(err)
	}
	if m, _ := experiments.ReadMetrics(full); rs[0].Metrics.RelL2 != m.RelL2 {
		t.Errorf("rel_l2 %v, the full run's %v", rs[0].Metrics.RelL2, m.RelL2)
	}
	// The same study with a larger budget cannot continue the run.
	longer := slices.Clone(cases)
	longer[0].Config.Steps = 12
	var done *experiments.CompactedError
	if _, err := experiments.RunCases(ctx, longer, out, 1, nil); !errors.As(err, &done) || done.Step != 10 || done.Dir != c.Dir(out) {
		t.Errorf("a study of 12 steps on the compacted run of 10: %v, want a CompactedError", err)
	}
}
