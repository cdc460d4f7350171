package experiments_test

import (
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/residuals"
)

// tinyMarch is Allen–Cahn in two windows of a small network.
func tinyMarch(t *testing.T, steps int) experiments.Config {
	t.Helper()
	cfg := tinyPreset(t, "allen-cahn", steps)
	cfg.Solver, cfg.Hyper, cfg.Causal = "adam", map[string]float64{"lr": 5e-3}, nil
	cfg.March = &experiments.MarchConfig{Windows: 2}
	return cfg
}

// TestMarchTrainsEachWindowAndContinues trains two windows, requires each
// window's loss to fall and the whole run's error to be finite and below
// that of the untrained network, and checks that running March again on
// the same directory loads the finished windows instead of training them.
func TestMarchTrainsEachWindowAndContinues(t *testing.T) {
	const steps, window = 200, 20
	cfg := tinyMarch(t, steps)
	p, err := residuals.Lookup("allen-cahn")
	if err != nil {
		t.Fatal(err)
	}
	untrained := cfg
	untrained.Steps = 0
	m0, err := experiments.March(context.Background(), untrained, p, t.TempDir(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	m, err := experiments.Run(context.Background(), cfg, dir, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Windows) != 2 || m.Windows[0].From != 0 || m.Windows[0].To != 0.5 || m.Windows[1].To != 1 || m.Steps != 2*steps {
		t.Fatalf("windows %+v, %d steps", m.Windows, m.Steps)
	}
	hist := historyTotals(t, dir)
	if len(hist) != 2*steps {
		t.Fatalf("history.csv has %d rows, want %d", len(hist), 2*steps)
	}
	for k := range 2 {
		first, last := meanOf(hist[k*steps:k*steps+window]), meanOf(hist[(k+1)*steps-window:(k+1)*steps])
		t.Logf("window %d: loss %.3g -> %.3g, rel_l2 %.3g", k+1, first, last, m.Windows[k].RelL2)
		if !(last < 0.75*first) {
			t.Errorf("window %d: loss fell from %.3g to %.3g only, want below 3/4", k+1, first, last)
		}
	}
	t.Logf("rel_l2 %.3g untrained, %.3g trained", m0.RelL2, m.RelL2)
	if math.IsNaN(m.RelL2) || !(m.RelL2 < m0.RelL2) {
		t.Errorf("rel_l2 %.3g after training, %.3g before", m.RelL2, m0.RelL2)
	}
	again, err := experiments.Resume(context.Background(), dir, 0, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again, m) {
		t.Errorf("resuming a finished run changed its metrics:\n%+v\n%+v", again, m)
	}
}

// historyTotals returns the column "total" of dir/history.csv.
func historyTotals(t *testing.T, dir string) []float64 {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "history.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	col := slices.Index(strings.Split(lines[0], ","), "total")
	var out []float64
	for _, l := range lines[1:] {
		v, err := strconv.ParseFloat(strings.Split(l, ",")[col], 64)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func meanOf(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x / float64(len(xs))
	}
	return s
}

// TestMarchRejects checks the configs time marching cannot train.
func TestMarchRejects(t *testing.T) {
	cases := []struct {
		name, want string
		edit       func(*experiments.Config)
	}{
		{"no windows", "windows ≥ 1", func(c *experiments.Config) { c.March.Windows = 0 }},
		{"hard constraints", "hard_constraints", func(c *experiments.Config) { c.PDE, c.Network.Fourier, c.HardConstraints = "kdv", nil, true }},
		{"a boundary term", `"bc"`, func(c *experiments.Config) { c.Network.Fourier = nil }},
		{"no time", "time coordinate", func(c *experiments.Config) {
			c.PDE, c.Network.Fourier, c.Terms = "helmholtz", nil, nil
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tinyMarch(t, 10)
			tc.edit(&cfg)
			err := cfg.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error naming %s", err, tc.want)
			}
		})
	}
	if _, err := experiments.NewTrainer(tinyMarch(t, 10)); err == nil || !strings.Contains(err.Error(), "time-marching") {
		t.Errorf("NewTrainer of a time-marching config: %v", err)
	}
}
