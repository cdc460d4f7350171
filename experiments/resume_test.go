package experiments_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/solvers"
)

// tinyConfig returns a Burgers run small enough for a test to train in
// well under a second.
func tinyConfig(t *testing.T, solver string, steps int) experiments.Config {
	t.Helper()
	cfg, err := experiments.Default("burgers")
	if err != nil {
		t.Fatal(err)
	}
	// The machinery under test, not the preset's techniques: the solver's
	// own defaults, soft initial and boundary terms, uniform points.
	cfg.Solver, cfg.Hyper = solver, nil
	cfg.HardConstraints, cfg.Sampling = false, "uniform"
	cfg.Network = experiments.NetworkConfig{Width: 8, Depth: 2, Activation: "tanh"}
	cfg.Steps = steps
	pool, batch, bc := 64, 16, 8
	cfg.Terms = map[string]experiments.TermConfig{"pde": {Pool: &pool, Batch: &batch}, "ic": {Pool: &bc}, "bc": {Pool: &pool, Batch: &bc}}
	cfg.Eval = experiments.EvalConfig{NX: 21, NT: 11, Every: 10}
	cfg.CheckpointEvery = 10
	return cfg
}

// cancelAt is a Progress that cancels its context after a given step, as
// Ctrl-C would.
type cancelAt struct {
	step   int
	cancel context.CancelFunc
}

func (c cancelAt) Begin(int, int, []string) {}
func (c cancelAt) End()                     {}
func (c cancelAt) Update(s experiments.Status) {
	if s.Step == c.step {
		c.cancel()
	}
}

// finalParams returns the parameters saved in the run directory's checkpoint.
func finalParams(t *testing.T, cfg experiments.Config, dir string) [][]float64 {
	t.Helper()
	tr, err := experiments.ResumeTrainer(cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]float64
	for _, p := range tr.Net.Params() {
		switch d := p.Value.Data().(type) {
		case []float64:
			out = append(out, append([]float64(nil), d...))
		case []float32:
			v := make([]float64, len(d))
			for i, x := range d {
				v[i] = float64(x)
			}
			out = append(out, v)
		}
	}
	return out
}

// sameBits reports the first parameter value that differs in any bit.
func sameBits(a, b [][]float64) error {
	if len(a) != len(b) {
		return errors.Errorf("%d and %d parameters", len(a), len(b))
	}
	for i := range a {
		for j := range a[i] {
			if math.Float64bits(a[i][j]) != math.Float64bits(b[i][j]) {
				return errors.Errorf("parameter %d value %d: %v and %v", i, j, a[i][j], b[i][j])
			}
		}
	}
	return nil
}

// TestResumeBitIdentical trains 40 steps in one go, in two runs of 20
// (finish, then resume with more steps), and with an interruption at step
// 13, for every registered solver, and requires the same parameters to the
// last bit.
func TestResumeBitIdentical(t *testing.T) {
	type variant struct {
		name   string
		solver string
		edit   func(*experiments.Config)
	}
	var cases []variant
	for _, s := range solvers.Names() {
		if _, finish := solvers.FirstOrder(s); finish && s != "adam+lbfgs" {
			continue // at its default switch, its first-order solver: the switch cases below
		}
		cases = append(cases, variant{s, s, nil})
	}
	cases = append(cases,
		variant{"adam float32", "adam", func(c *experiments.Config) { c.Dtype = "float32" }},
		variant{"adam lra", "adam", func(c *experiments.Config) { c.Balance = experiments.BalanceConfig{Method: "lra", Every: 3} }},
		// Switches at 15: the interruption at 13 and the halves at 20
		// straddle it, so the full-batch loss is rebuilt on resume.
		variant{"adam+lbfgs switch", "adam+lbfgs", func(c *experiments.Config) { c.Hyper = map[string]float64{"switch": 15} }},
		variant{"soap+lbfgs switch", "soap+lbfgs", func(c *experiments.Config) { c.Hyper = map[string]float64{"switch": 15} }},
		// Per-sample statistics stop at the switch, so the rebuilt loss differs.
		variant{"pde-aware+lbfgs switch", "pde-aware+lbfgs", func(c *experiments.Config) {
			c.Hyper = map[string]float64{"switch": 15, "m_from_residual": 1}
		}},
		// The unknown coefficients are parameters: saved, restored, and
		// in float32 too.
		variant{"burgers-inverse noisy", "lbfgs", inverse("float64")},
		variant{"burgers-inverse float32", "adam+lbfgs", inverse("float32")},
	)
	const total = 40
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := tinyConfig(t, c.solver, total)
			if c.edit != nil {
				c.edit(&cfg)
			}
			ctx := context.Background()
			whole := t.TempDir()
			if _, err := experiments.Run(ctx, cfg, whole, nil); err != nil {
				t.Fatal(err)
			}
			want := finalParams(t, cfg, whole)

			halves := t.TempDir()
			half := cfg
			half.Steps = total / 2
			if _, err := experiments.Run(ctx, half, halves, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := experiments.Resume(ctx, halves, total, nil); err != nil {
				t.Fatal(err)
			}
			if err := sameBits(finalParams(t, cfg, halves), want); err != nil {
				t.Errorf("finished at %d, resumed to %d: %v", total/2, total, err)
			}

			interrupted := t.TempDir()
			cctx, cancel := context.WithCancel(ctx)
			defer cancel()
			tr, err := experiments.NewTrainer(cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, err = tr.Train(cctx, interrupted, total, cancelAt{13, cancel})
			if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "step 13") {
				t.Fatalf("interrupted run: error %v, want a cancellation at step 13", err)
			}
			if _, err := experiments.Resume(ctx, interrupted, 0, nil); err != nil {
				t.Fatal(err)
			}
			if err := sameBits(finalParams(t, cfg, interrupted), want); err != nil {
				t.Errorf("interrupted at 13, resumed: %v", err)
			}
			hw, _ := os.ReadFile(filepath.Join(whole, "history.csv"))
			hi, _ := os.ReadFile(filepath.Join(interrupted, "history.csv"))
			if lossColumns(hw) != lossColumns(hi) {
				t.Error("history.csv losses differ between the whole and the interrupted run")
			}
		})
	}
}

// inverse edits a tiny config into one of burgers-inverse with 1 % noise
// and the given dtype.
func inverse(dtype string) func(*experiments.Config) {
	return func(c *experiments.Config) {
		pool := 64
		c.PDE, c.Dtype, c.Noise = "burgers-inverse", dtype, 0.01
		c.Terms = map[string]experiments.TermConfig{"pde": {Pool: &pool}}
		c.Hyper = nil
		if c.Solver == "adam+lbfgs" {
			c.Hyper = map[string]float64{"switch": 15}
		}
	}
}

// lossColumns keeps the step and loss columns of history.csv, dropping the
// wall time and what follows it.
func lossColumns(csv []byte) string {
	var b strings.Builder
	lines := strings.Split(string(csv), "\n")
	wall := slices.Index(strings.Split(lines[0], ","), "wall_s")
	for _, line := range lines {
		f := strings.Split(line, ",")
		if wall >= 0 && len(f) > wall {
			f = f[:wall] // step, the terms, total, rel_l2
		}
		b.WriteString(strings.Join(f, ",") + "\n")
	}
	return b.String()
}

// TestResumeRefusesBadCheckpoint checks that a damaged checkpoint, or one
// from another experiment, is an error naming the problem, and that neither
// the checkpoint nor config.json is touched.
func TestResumeRefusesBadCheckpoint(t *testing.T) {
	ctx := context.Background()
	other := t.TempDir()
	otherCfg := tinyConfig(t, "adamw", 10)
	if _, err := experiments.Run(ctx, otherCfg, other, nil); err != nil {
		t.Fatal(err)
	}
	wider := t.TempDir()
	widerCfg := tinyConfig(t, "adam", 10)
	widerCfg.Network.Width = 9
	if _, err := experiments.Run(ctx, widerCfg, wider, nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		damage func(ckpt string)
		want   string
	}{
		{"truncated", func(p string) {
			raw, _ := os.ReadFile(p)
			os.WriteFile(p, raw[:len(raw)/2], 0o644)
		}, "checksum"},
		{"not a checkpoint", func(p string) { os.WriteFile(p, []byte("hello"), 0o644) }, "not a pinn checkpoint"},
		{"other solver", func(p string) { copyFile(t, filepath.Join(other, experiments.CheckpointFile), p) }, `"solver"`},
		{"other network", func(p string) { copyFile(t, filepath.Join(wider, experiments.CheckpointFile), p) }, `"network"`},
		{"missing", func(p string) { os.Remove(p) }, "no such file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := experiments.Run(ctx, tinyConfig(t, "adam", 10), dir, nil); err != nil {
				t.Fatal(err)
			}
			ckpt := filepath.Join(dir, experiments.CheckpointFile)
			c.damage(ckpt)
			before := snapshot(dir)
			_, err := experiments.Resume(ctx, dir, 20, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one mentioning %s", err, c.want)
			}
			if after := snapshot(dir); after != before {
				t.Error("a failed resume changed the run directory")
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	raw, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot returns the names and contents of the files in dir.
func snapshot(dir string) string {
	var b bytes.Buffer
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		raw, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		b.WriteString(e.Name() + "\n")
		b.Write(raw)
	}
	return b.String()
}
