package study

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
)

func TestLRLabel(t *testing.T) {
	cases := []struct {
		variant string
		lr      float64
		label   string
		dir     string // safeName(label): the run directory
	}{
		{"adam", 0.0003, "adam:lr=0.0003", "adam_lr=0.0003"},
		{"adam", 1e-3, "adam:lr=0.001", "adam_lr=0.001"},
		{"pde-aware:m_from_residual=1", 0.001, "pde-aware:m_from_residual=1:lr=0.001", "pde-aware_m_from_residual=1_lr=0.001"},
		{"pde-aware:centred=1", 0.01, "pde-aware:centred=1:lr=0.01", "pde-aware_centred=1_lr=0.01"},
		{"soap", 3e-3, "soap:lr=0.003", "soap_lr=0.003"},
		{"adam", 1e-5, "adam:lr=1e-05", "adam_lr=1e-05"},
		{"adam+lra", 0.01, "adam:lr=0.01+lra", "adam_lr=0.01+lra"},
		{"adam+lbfgs", 0.01, "adam+lbfgs:lr=0.01", "adam+lbfgs_lr=0.01"},
		{"adam+lbfgs+lra", 0.01, "adam+lbfgs:lr=0.01+lra", "adam+lbfgs_lr=0.01+lra"},
	}
	for _, c := range cases {
		got := lrLabel(c.variant, c.lr)
		if got != c.label || safeName(got) != c.dir {
			t.Errorf("lrLabel(%q, %v) = %q in %q, want %q in %q", c.variant, c.lr, got, safeName(got), c.label, c.dir)
			continue
		}
		// The label reads back as the variant with lr set exactly.
		v, err := ParseVariant(got)
		base, _ := ParseVariant(c.variant)
		if err != nil || v.Hyper["lr"] != c.lr || v.Solver != base.Solver || v.Balance != base.Balance || len(v.Hyper) != len(base.Hyper)+1 {
			t.Errorf("%q reads back as %+v, %v", got, v, err)
		}
	}
}

// TestTuneLabelMatchesGrid checks that a tuned study's config of a label
// is the one an explicit grid gives it, so its finished runs are reused.
func TestTuneLabelMatchesGrid(t *testing.T) {
	tuned := CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"pde-aware:m_from_residual=1"}, Seeds: []uint64{1}, Budget: "paper", TuneLR: []float64{0.001}}
	grid := CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"pde-aware:m_from_residual=1:lr=0.001"}, Seeds: []uint64{1}, Budget: "paper"}
	a, err := tuned.Cases()
	if err != nil {
		t.Fatal(err)
	}
	b, err := grid.Cases()
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 1 || len(b) != 1 || !reflect.DeepEqual(a[0], b[0]) || a[0].Dir("o") != filepath.Join("o", "burgers", "pde-aware_m_from_residual=1_lr=0.001", "seed-1") {
		t.Errorf("tuned case %+v, grid case %+v", a, b)
	}
}

func TestChooseLR(t *testing.T) {
	done := func(lr, loss float64) Trial { return Trial{LR: lr, Metrics: &experiments.Metrics{FinalLoss: loss}} }
	missing := func(lr float64) Trial { return Trial{LR: lr} }
	cases := []struct {
		name   string
		trials []Trial
		best   int
	}{
		{"lowest", []Trial{done(3e-4, 0.5), done(1e-3, 0.2), done(3e-3, 0.3), done(1e-2, 0.9)}, 1},
		{"tie goes to the smaller lr", []Trial{done(1e-2, 0.2), done(1e-3, 0.2), done(3e-3, 0.3)}, 1},
		{"missing skipped", []Trial{done(3e-4, 0.5), missing(1e-3), done(3e-3, 0.4)}, 2},
		{"diverged ranks last", []Trial{done(3e-4, math.NaN()), done(1e-3, math.Inf(1)), done(3e-3, 7)}, 2},
		{"all diverged: smallest lr", []Trial{done(1e-2, math.NaN()), done(1e-3, math.Inf(1))}, 1},
		{"none finished", []Trial{missing(1e-3), missing(1e-2)}, -1},
	}
	for _, c := range cases {
		if got := chooseLR(c.trials); got != c.best {
			t.Errorf("%s: chose %d, want %d", c.name, got, c.best)
		}
	}
}

// writeFakeRun writes the metrics.json of a finished run of case c.
func writeFakeRun(t *testing.T, c Case, out string, finalLoss float64) {
	t.Helper()
	dir := c.Dir(out)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	m := experiments.Metrics{PDE: c.Config.PDE, Solver: c.Config.Solver, Seed: c.Seed, Steps: c.Config.Steps, FinalLoss: finalLoss, RelL2: 1 / finalLoss}
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "metrics.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTunings chooses lrs from fake finished runs (metrics.json only) and
// checks the seeded runs that follow.
func TestTunings(t *testing.T) {
	out := t.TempDir()
	spec := CompareSpec{PDEs: []string{"burgers", "kdv"}, Variants: []string{"adam", "soap", "pde-aware:centred=1"},
		Seeds: []uint64{1, 2, 3}, Budget: "paper", TuneLR: []float64{3e-4, 1e-3, 3e-3, 1e-2}}
	fake := map[string]float64{ // final losses by PDE and label; absent: not run
		"burgers adam:lr=0.0003": 0.5, "burgers adam:lr=0.001": 0.2, "burgers adam:lr=0.003": 0.2, "burgers adam:lr=0.01": 0.3,
		"burgers soap:lr=0.0003": 0.4, "burgers soap:lr=0.003": 0.1, "burgers soap:lr=0.01": 0.05, // 0.001 missing
		"kdv adam:lr=0.0003": 0.9, "kdv adam:lr=0.001": 0.8, "kdv adam:lr=0.003": 0.7, "kdv adam:lr=0.01": 0.6,
		"kdv soap:lr=0.0003": 0.01, "kdv soap:lr=0.001": 0.02, "kdv soap:lr=0.003": 0.03, "kdv soap:lr=0.01": 0.04,
		"kdv pde-aware:centred=1:lr=0.001": 0.3,
	}
	cases, err := spec.Cases()
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2*3*4 {
		t.Fatalf("%d tuning cases, want 24", len(cases))
	}
	for _, c := range cases {
		if loss, ok := fake[c.Group+" "+c.Label]; ok {
			writeFakeRun(t, c, out, loss)
		}
	}
	// A run of another length is not finished.
	short := cases[len(cases)-1] // kdv pde-aware:centred=1:lr=0.01
	short.Config.Steps = 500
	writeFakeRun(t, short, out, 1e-9)

	ts, err := spec.Tunings(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		best     string
		complete bool
	}{
		{"adam:lr=0.001", true}, // tie with 0.003: the smaller lr
		{"soap:lr=0.01", false}, // 0.001 missing
		{"", false},             // nothing ran
		{"adam:lr=0.01", true},
		{"soap:lr=0.0003", true},
		{"pde-aware:centred=1:lr=0.001", false}, // the only finished lr (0.01 ran 500 steps)
	}
	if len(ts) != len(want) {
		t.Fatalf("%d tunings, want %d", len(ts), len(want))
	}
	for i, w := range want {
		if ts[i].BestLabel() != w.best || ts[i].Complete() != w.complete {
			t.Errorf("%s %s: chose %q (complete %v), want %q (%v)", ts[i].PDE, ts[i].Variant, ts[i].BestLabel(), ts[i].Complete(), w.best, w.complete)
		}
	}

	seeded, waiting, err := spec.seedCases(ts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range seeded {
		got = append(got, fmt.Sprintf("%s %s %d", c.Group, c.Label, c.Seed))
	}
	wantSeeded := []string{
		// adam's choice is its default: one set of seeded runs.
		"burgers adam:lr=0.001 2", "burgers adam:lr=0.001 3",
		"burgers soap:lr=0.01 2", "burgers soap:lr=0.01 3", "burgers soap:lr=0.003 2", "burgers soap:lr=0.003 3",
		"burgers pde-aware:centred=1:lr=0.001 2", "burgers pde-aware:centred=1:lr=0.001 3",
		"kdv adam:lr=0.01 2", "kdv adam:lr=0.01 3", "kdv adam:lr=0.001 2", "kdv adam:lr=0.001 3",
		"kdv soap:lr=0.0003 2", "kdv soap:lr=0.0003 3", "kdv soap:lr=0.003 2", "kdv soap:lr=0.003 3",
		"kdv pde-aware:centred=1:lr=0.001 2", "kdv pde-aware:centred=1:lr=0.001 3",
	}
	if !reflect.DeepEqual(got, wantSeeded) {
		t.Errorf("seeded runs\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantSeeded, "\n"))
	}
	if len(waiting) != 1 || waiting[0].PDE != "burgers" || waiting[0].Variant != "pde-aware:centred=1" {
		t.Errorf("waiting %+v, want burgers pde-aware:centred=1", waiting)
	}
}

// TestDefaultOutsideGrid checks that a registry default lr the grid lacks
// is trained on every seed, as its own label.
func TestDefaultOutsideGrid(t *testing.T) {
	out := t.TempDir()
	spec := CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam"}, Seeds: []uint64{4, 5}, Budget: "smoke", TuneLR: []float64{0.01, 0.1}}
	cases, err := spec.Cases()
	if err != nil {
		t.Fatal(err)
	}
	writeFakeRun(t, cases[0], out, 2)
	writeFakeRun(t, cases[1], out, 1)
	ts, err := spec.Tunings(out)
	if err != nil {
		t.Fatal(err)
	}
	seeded, _, err := spec.seedCases(ts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range seeded {
		got = append(got, fmt.Sprintf("%s %d lr %v", c.Label, c.Seed, c.Config.Hyper["lr"]))
	}
	want := []string{"adam:lr=0.1 5 lr 0.1", "adam:lr=0.001 4 lr 0.001", "adam:lr=0.001 5 lr 0.001"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("seeded runs %q, want %q", got, want)
	}
}

func TestTuneSpecErrors(t *testing.T) {
	spec := func(variant string, lrs ...float64) CompareSpec {
		return CompareSpec{PDEs: []string{"burgers"}, Variants: []string{variant}, Seeds: []uint64{1}, Budget: "smoke", TuneLR: lrs}
	}
	cases := []struct {
		name string
		spec CompareSpec
		want string
	}{
		{"zero lr", spec("adam", 0.001, 0), "positive"},
		{"negative lr", spec("adam", -0.001), "positive"},
		{"NaN lr", spec("adam", math.NaN()), "positive"},
		{"infinite lr", spec("adam", math.Inf(1)), "positive"},
		{"repeated lr", spec("adam", 0.001, 0.01, 0.001), "twice"},
		{"variant sets lr", spec("adam:lr=0.001", 0.01), "already sets lr"},
		{"variant sets lr before a balance", spec("adam:lr=0.001+lra", 0.01), "already sets lr"},
		{"line search", spec("lbfgs", 0.01), "line search"},
		{"unknown solver", spec("sgd9", 0.01), "sgd9"},
	}
	for _, c := range cases {
		if _, err := c.spec.Cases(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
	if _, err := spec("adam+lbfgs", 0.01).Cases(); err != nil {
		t.Errorf("adam+lbfgs (Adam until its switch): %v", err)
	}
}

func TestMeanStd(t *testing.T) {
	// Mean 2.5; sample variance ((1.5² + 0.5²)·2)/3 = 5/3.
	m, s := meanStd([]float64{1, 2, 3, 4})
	if math.Abs(m-2.5) > 1e-15 || math.Abs(s-math.Sqrt(5.0/3)) > 1e-15 {
		t.Errorf("meanStd = %v, %v, want 2.5, %v", m, s, math.Sqrt(5.0/3))
	}
	cases := []struct {
		xs   []float64
		sci  bool
		want string
	}{
		{[]float64{1, 2, 3, 4}, true, "2.50e+00 ± 1.29e+00"},
		{[]float64{0.001, 0.003}, true, "2.00e-03 ± 1.41e-03"}, // std √2·1e-3
		{[]float64{12.25, 13.75}, false, "13.0 ± 1.1"},         // std 1.5/√2
		{[]float64{3}, false, "3.0"},
		{[]float64{0.1, math.NaN(), 0.3}, true, "2.00e-01 ± 1.41e-01 (1 of 3 not finite)"},
		{[]float64{0.1, math.Inf(1)}, true, "1.00e-01 (1 of 2 not finite)"},
		{[]float64{math.Inf(1)}, true, "not finite"},
		{[]float64{math.NaN(), math.NaN()}, true, "–"},
	}
	for _, c := range cases {
		if got := formatMeanStd(c.xs, c.sci); got != c.want {
			t.Errorf("formatMeanStd(%v) = %q, want %q", c.xs, got, c.want)
		}
	}
}
