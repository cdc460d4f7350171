package study_test

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
	"github.com/pinngo/pinn/experiments/study"
)

// TestCompactKeepsStudyOutput trains a study's runs with full checkpoints,
// as pinn train or an older version leaves them, and requires the study
// to reuse them unchanged; then compacts a copy and requires the study on
// it to give the same results, figures and results.md.
func TestCompactKeepsStudyOutput(t *testing.T) {
	ctx := context.Background()
	spec := study.CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam", "adam+lbfgs:switch=5"},
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
	want, err := study.Compare(ctx, spec, full, nil)
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
	got, err := study.Compare(ctx, spec, small, nil)
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
	spec := study.CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam+lbfgs:switch=5"},
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
	rs, err := study.RunCases(ctx, cases, out, 1, nil)
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
	if a, b := params(t, c.Config, c.Dir(out)), params(t, c.Config, full); a != b {
		t.Errorf("the compacted run's parameters\n%s\ndiffer from the full run's\n%s", a, b)
	}
	if m, _ := experiments.ReadMetrics(full); rs[0].Metrics.RelL2 != m.RelL2 {
		t.Errorf("rel_l2 %v, the full run's %v", rs[0].Metrics.RelL2, m.RelL2)
	}
	// The same study with a larger budget cannot continue the run.
	longer := slices.Clone(cases)
	longer[0].Config.Steps = 12
	var done *experiments.CompactedError
	if _, err := study.RunCases(ctx, longer, out, 1, nil); !errors.As(err, &done) || done.Step != 10 || done.Dir != c.Dir(out) {
		t.Errorf("a study of 12 steps on the compacted run of 10: %v, want a CompactedError", err)
	}
}

// params prints the final parameters of the run in dir; %v prints a
// float exactly, so equal strings are equal bits.
func params(t *testing.T, cfg experiments.Config, dir string) string {
	t.Helper()
	tr, err := experiments.ResumeTrainer(cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range tr.Net.Params() {
		fmt.Fprintln(&b, p.Value.Data())
	}
	return b.String()
}
