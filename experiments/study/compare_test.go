package study_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/study"
)

// TestCompare runs a 1 PDE × 2 solver × 2 seed grid at the smoke budget,
// checks the table and figure, and that running it again reuses the runs.
func TestCompare(t *testing.T) {
	out := t.TempDir()
	spec := study.CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam", "adam+lra"},
		Seeds: []uint64{1, 2}, Budget: "smoke", Workers: 2}
	results, err := study.Compare(context.Background(), spec, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 4 {
		t.Fatalf("%d results, want 4", len(results))
	}
	md, err := os.ReadFile(filepath.Join(out, "results.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| PDE | solver | rel. L2 | L∞ | MSE | wall (s) | step (ms) | seeds |", "| burgers | adam | ", "| burgers | adam+lra | ", " ± ", "![errors](compare.png)"} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("results.md lacks %q:\n%s", want, md)
		}
	}
	for _, png := range []string{"compare.png", "diagnostics.png"} {
		if fi, err := os.Stat(filepath.Join(out, png)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", png, err)
		}
	}
	if !bytes.Contains(md, []byte("![diagnostics](diagnostics.png)")) {
		t.Error("results.md does not show the diagnostics")
	}
	for _, r := range results {
		if r.Metrics.Steps != 30 || !(r.Metrics.RelL2 > 0) || r.Dir != r.Case.Dir(out) {
			t.Errorf("%s %s seed %d: %+v in %s", r.Case.Group, r.Case.Label, r.Case.Seed, r.Metrics, r.Dir)
		}
	}

	// A second call finds every run finished and trains nothing.
	ckpt := filepath.Join(results[0].Dir, experiments.CheckpointFile)
	before, _ := os.ReadFile(ckpt)
	again, err := study.Compare(context.Background(), spec, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(ckpt)
	if !bytes.Equal(before, after) || again[0].Metrics.RelL2 != results[0].Metrics.RelL2 {
		t.Error("the second Compare retrained a finished run")
	}
}

func TestCompareSpecErrors(t *testing.T) {
	cases := []struct {
		name string
		spec study.CompareSpec
		want string
	}{
		{"unknown budget", study.CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam"}, Seeds: []uint64{1}, Budget: "huge"}, "budget"},
		{"unknown pde", study.CompareSpec{PDEs: []string{"heat"}, Variants: []string{"adam"}, Seeds: []uint64{1}, Budget: "smoke"}, "heat"},
		{"unknown solver", study.CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"sgd9"}, Seeds: []uint64{1}, Budget: "smoke"}, "sgd9"},
		{"unknown balance", study.CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam+magic"}, Seeds: []uint64{1}, Budget: "smoke"}, "magic"},
		{"no seeds", study.CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam"}, Budget: "smoke"}, "seed"},
	}
	for _, c := range cases {
		if _, err := c.spec.Cases(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
}

func TestParseVariant(t *testing.T) {
	cases := []struct {
		in      string
		solver  string
		hyper   map[string]float64
		balance string
		bad     bool
	}{
		{in: "adam", solver: "adam"},
		{in: "adam+lra", solver: "adam", balance: "lra"},
		{in: "soap:lr=0.003:beta1=0.95", solver: "soap", hyper: map[string]float64{"lr": 0.003, "beta1": 0.95}},
		{in: "adam:lr=1e+3+lra", solver: "adam", hyper: map[string]float64{"lr": 1000}, balance: "lra"},
		{in: "adam:lr=1e+3", solver: "adam", hyper: map[string]float64{"lr": 1000}},
		{in: "adam+lbfgs", solver: "adam+lbfgs"},
		{in: "adam+lbfgs+lra", solver: "adam+lbfgs", balance: "lra"},
		{in: "adam+lbfgs:switch=100", solver: "adam+lbfgs", hyper: map[string]float64{"switch": 100}},
		{in: "soap+lbfgs", solver: "soap+lbfgs"},
		{in: "pde-aware+lbfgs+lra", solver: "pde-aware+lbfgs", balance: "lra"},
		{in: "pde-aware+lbfgs:switch=300:centred=1+lra", solver: "pde-aware+lbfgs", hyper: map[string]float64{"switch": 300, "centred": 1}, balance: "lra"},
		{in: "soap:lr=0.01+lbfgs", bad: true}, // the finish belongs to the solver's name
		{in: "adam:lr", bad: true},
		{in: "adam:lr=x", bad: true},
		{in: ":lr=1", bad: true},
	}
	for _, c := range cases {
		v, err := study.ParseVariant(c.in)
		if c.bad {
			if err == nil {
				t.Errorf("%s: no error", c.in)
			}
			continue
		}
		if err != nil || v.Solver != c.solver || v.Balance != c.balance || len(v.Hyper) != len(c.hyper) {
			t.Errorf("%s: %+v, %v", c.in, v, err)
			continue
		}
		for k, x := range c.hyper {
			if v.Hyper[k] != x {
				t.Errorf("%s: %s = %v, want %v", c.in, k, v.Hyper[k], x)
			}
		}
	}
}

// missingLines returns the list items of results.md's "Missing runs".
func missingLines(md string) []string {
	_, section, ok := strings.Cut(md, "## Missing runs\n")
	if !ok {
		return nil
	}
	var items []string
	for _, line := range strings.Split(section, "\n") {
		if item, ok := strings.CutPrefix(line, "- "); ok {
			items = append(items, item)
		}
	}
	return items
}

// TestComparePartial reports a half-finished tuned grid: adam's runs
// finished, one pde-aware tuning run stopped at step 10 of 30 and the
// other not started. The report must list exactly the missing runs and
// train nothing.
func TestComparePartial(t *testing.T) {
	out := t.TempDir()
	full := study.CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam", "pde-aware"}, Seeds: []uint64{1, 2},
		Budget: "smoke", TuneLR: []float64{0.001, 0.01}, Workers: 2}
	half := full
	half.Variants = []string{"adam"}
	if _, err := study.Compare(context.Background(), half, out, nil); err != nil {
		t.Fatal(err)
	}
	cases, err := full.Cases()
	if err != nil {
		t.Fatal(err)
	}
	stopped := cases[3] // burgers pde-aware:lr=0.01 seed 1
	if stopped.Label != "pde-aware:lr=0.01" {
		t.Fatalf("case 3 is %s", stopped.Label)
	}
	cfg := stopped.Config
	cfg.Steps = 10
	if _, err := experiments.Run(context.Background(), cfg, stopped.Dir(out), nil); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(stopped.Dir(out), experiments.CheckpointFile))
	if err != nil {
		t.Fatal(err)
	}

	full.Partial = true
	var log bytes.Buffer
	results, err := study.Compare(context.Background(), full, out, &log)
	if err != nil {
		t.Fatal(err)
	}
	// adam: both lrs on seed 1, and seed 2 at the chosen lr and at the
	// default 0.001 (one run if they agree).
	var labels []string
	for _, r := range results {
		labels = append(labels, r.Case.Label)
		if !strings.HasPrefix(r.Case.Label, "adam:") {
			t.Errorf("%s seed %d reported as finished", r.Case.Label, r.Case.Seed)
		}
	}
	if len(results) < 3 || len(results) > 4 {
		t.Errorf("%d finished runs %v, want 3 or 4", len(results), labels)
	}
	md, err := os.ReadFile(filepath.Join(out, "results.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"burgers pde-aware:lr=0.001 seed 1: not started",
		"burgers pde-aware:lr=0.01 seed 1: at step 10 of 30",
		"burgers pde-aware:lr=0.001 seed 2: not started", // the default lr's, known before the tuning ends
		"burgers pde-aware at the chosen lr seed 2: waits for the tuning runs",
	}
	if got := missingLines(string(md)); !slices.Equal(got, want) {
		t.Errorf("missing runs\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(string(md), fmt.Sprintf("Partial report: %d run(s) of the grid finished, 4 missing, 1 of them at learning rates the tuning has not chosen yet", len(results))) {
		t.Errorf("results.md does not count the runs:\n%s", md)
	}
	if !strings.Contains(log.String(), want[1]) {
		t.Errorf("the log does not list the missing runs: %q", log.String())
	}
	for _, s := range []string{"## Tuned learning rate", "## Registry default learning rate", "## Tuning (seed 1)", " (chosen)", "| burgers | adam:lr=0.001 | "} {
		if !strings.Contains(string(md), s) {
			t.Errorf("results.md lacks %q", s)
		}
	}
	// Nothing was trained: the stopped run is as it was, and no run
	// directory was made for the runs not started.
	after, _ := os.ReadFile(filepath.Join(stopped.Dir(out), experiments.CheckpointFile))
	if !bytes.Equal(before, after) {
		t.Error("the stopped run was trained")
	}
	if _, err := os.Stat(cases[2].Dir(out)); !os.IsNotExist(err) {
		t.Errorf("%s: %v, want no directory", cases[2].Dir(out), err)
	}
	for _, png := range []string{"compare.png", "curves.png", "solutions-burgers.png"} {
		if fi, err := os.Stat(filepath.Join(out, png)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", png, err)
		}
	}
}
