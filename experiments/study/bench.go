package study

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/graph"
)

// BenchSpec selects the cases of a step benchmark: every combination of
// solver, PDE, dtype and interior batch size N.
type BenchSpec struct {
	Solvers []string
	PDEs    []string
	Dtypes  []string // float64, float32
	Sizes   []int    // interior points N per step
	// MaxMemory bounds a case's estimated memory in bytes (0: the
	// machine's physical memory).
	MaxMemory uint64
	Steps     int // timed steps per case; 0 means 20
	Warmup    int // untimed steps before them; 0 means 3
}

// BenchRow is one case of a step benchmark.
type BenchRow struct {
	Solver, PDE, Dtype string
	N                  int
	StepMS             float64 // median step time
	AllocMB            float64 // heap allocated per step (runtime.MemStats.TotalAlloc)
	// GFLOPs is the rate of the step's matrix products: their
	// floating-point operations (graph.CountFLOPs) over the median step.
	GFLOPs float64
}

// Validate checks the names, sizes and step counts of spec, and each
// case's config (its memory estimate included) without building it.
func (spec BenchSpec) Validate() error {
	if spec.Steps < 0 || spec.Warmup < 0 {
		return errors.Errorf("bench: step counts must be non-negative, got %d timed and %d warm-up", spec.Steps, spec.Warmup)
	}
	if len(spec.Solvers) == 0 || len(spec.PDEs) == 0 || len(spec.Dtypes) == 0 || len(spec.Sizes) == 0 {
		return errors.New("bench: at least one solver, PDE, dtype and size needed")
	}
	for _, n := range spec.Sizes {
		if n < 4 {
			return errors.Errorf("bench: N must be at least 4, got %d", n)
		}
	}
	for _, solver := range spec.Solvers {
		for _, pde := range spec.PDEs {
			for _, dtype := range spec.Dtypes {
				for _, n := range spec.Sizes {
					if _, err := spec.config(solver, pde, dtype, n); err != nil {
						return errors.Wrapf(err, "bench: -n %d", n)
					}
				}
			}
		}
	}
	return nil
}

// config returns the run a case times: the plain PINN of a Budget (every
// weight 1, no technique) with an MLP 2→64×3→1 (tanh) and fresh points
// each step, N interior ones, N/4 for each of the PDE's own initial terms
// and N/2 for each boundary term (N/4 at each end of a Dirichlet one, as
// in the PyTorch peer's workload, experiments/peer/torch_step.py);
// observations keep their points.
func (spec BenchSpec) config(solver, pde, dtype string, n int) (experiments.Config, error) {
	// Conditions only tell the terms drawing their own points from
	// observations here (Budget.Config samples that many): sized below.
	b := Budget{Name: "bench", Width: 64, Depth: 3, Batch: n, Conditions: 4, Steps: 1}
	cfg, err := b.Config(pde, solver, 1)
	if err != nil {
		return cfg, err
	}
	p, err := cfg.Problem()
	if err != nil {
		return cfg, err
	}
	for _, t := range p.Terms() {
		tc := cfg.Terms[t.Name]
		if tc.Pool == nil { // observations
			continue
		}
		size := n / 4
		switch t.Role {
		case graph.RoleInterior:
			size = n
		case graph.RoleBoundary:
			size = 2 * (n / 4)
		}
		tc.Pool, tc.Batch = intPtr(0), intPtr(size)
		cfg.Terms[t.Name] = tc
	}
	cfg.Dtype, cfg.Eval.Every, cfg.CheckpointEvery, cfg.MaxMemory = dtype, 0, 0, spec.MaxMemory
	return cfg, cfg.Validate()
}

// Bench times training steps for each case of spec: the trainer of pinn
// train on the case's config (BenchSpec.config), each step the loss and its
// gradients, the solver's update and the next points, timed as
// Trainer.TimeSteps times it.
func Bench(ctx context.Context, spec BenchSpec) ([]BenchRow, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	steps, warm := spec.Steps, spec.Warmup
	if steps == 0 {
		steps = 20
	}
	if warm == 0 {
		warm = 3
	}
	var rows []BenchRow
	for _, solver := range spec.Solvers {
		for _, pde := range spec.PDEs {
			for _, dtype := range spec.Dtypes {
				for _, n := range spec.Sizes {
					if err := ctx.Err(); err != nil {
						return rows, err
					}
					cfg, err := spec.config(solver, pde, dtype, n)
					if err != nil {
						return rows, err
					}
					row, err := benchCase(ctx, cfg, warm, steps)
					if err != nil {
						return rows, errors.Wrapf(err, "bench %s %s %s N=%d", solver, pde, dtype, n)
					}
					row.N = n
					rows = append(rows, row)
				}
			}
		}
	}
	return rows, nil
}

// benchCase runs warm untimed and steps timed steps of cfg's trainer.
func benchCase(ctx context.Context, cfg experiments.Config, warm, steps int) (BenchRow, error) {
	t, err := experiments.NewTrainer(cfg)
	if err != nil {
		return BenchRow{}, err
	}
	if _, err := t.TimeSteps(ctx, warm, nil); err != nil {
		return BenchRow{}, err
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	mid, err := t.TimeSteps(ctx, steps, nil)
	if err != nil {
		return BenchRow{}, err
	}
	runtime.ReadMemStats(&after)
	flops, err := graph.CountFLOPs(func() error { _, err := t.Step(); return err })
	if err != nil {
		return BenchRow{}, err
	}
	return BenchRow{Solver: cfg.Solver, PDE: cfg.PDE, Dtype: cfg.Dtype,
		StepMS:  float64(mid.Microseconds()) / 1e3,
		AllocMB: float64(after.TotalAlloc-before.TotalAlloc) / 1e6 / float64(steps),
		GFLOPs:  flops / mid.Seconds() / 1e9}, nil
}

// WriteBenchTable writes rows as a Markdown table, with each step time
// also as a multiple of Adam's in the same PDE, dtype and N when that row
// is there.
func WriteBenchTable(w io.Writer, rows []BenchRow) error {
	adam := map[string]float64{}
	key := func(r BenchRow) string { return fmt.Sprintf("%s/%s/%d", r.PDE, r.Dtype, r.N) }
	for _, r := range rows {
		if r.Solver == "adam" {
			adam[key(r)] = r.StepMS
		}
	}
	sorted := append([]BenchRow(nil), rows...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.PDE != b.PDE {
			return a.PDE < b.PDE
		}
		if a.Dtype != b.Dtype {
			return a.Dtype > b.Dtype // float64 first
		}
		return a.N < b.N
	})
	var sb strings.Builder
	fmt.Fprintf(&sb, "| solver | PDE | dtype | N | step (ms) | ÷ adam | alloc (MB/step) | products (GFLOP/s) |\n|---|---|---|---:|---:|---:|---:|---:|\n")
	for _, r := range sorted {
		ratio := "–"
		if a, ok := adam[key(r)]; ok && a > 0 {
			ratio = fmt.Sprintf("%.2f", r.StepMS/a)
		}
		fmt.Fprintf(&sb, "| %s | %s | %s | %d | %.1f | %s | %.1f | %.2f |\n", r.Solver, r.PDE, r.Dtype, r.N, r.StepMS, ratio, r.AllocMB, r.GFLOPs)
	}
	_, err := io.WriteString(w, sb.String())
	return errors.Wrap(err, "bench: writing the table")
}
