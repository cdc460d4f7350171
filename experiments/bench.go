package experiments

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/solvers"
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

// Validate checks the names, sizes and step counts of spec.
func (spec BenchSpec) Validate() error {
	if spec.Steps < 0 || spec.Warmup < 0 {
		return errors.Errorf("bench: step counts must be non-negative, got %d timed and %d warm-up", spec.Steps, spec.Warmup)
	}
	if len(spec.Solvers) == 0 || len(spec.PDEs) == 0 || len(spec.Dtypes) == 0 || len(spec.Sizes) == 0 {
		return errors.New("bench: at least one solver, PDE, dtype and size needed")
	}
	for _, name := range spec.Solvers {
		if _, err := solvers.New(name, nil); err != nil {
			return err
		}
	}
	for _, name := range spec.PDEs {
		p, err := residuals.Lookup(name)
		if err != nil {
			return err
		}
		if termIndex(p.Conditions, "ic") < 0 || len(p.Domain.Coords) != 2 {
			return errors.Errorf("bench: %s has no initial condition \"ic\" on a 2-D domain, which the workload needs", name)
		}
	}
	for _, name := range spec.Dtypes {
		if _, err := parseDtype(name); err != nil {
			return err
		}
	}
	for _, n := range spec.Sizes {
		if n < 4 {
			return errors.Errorf("bench: N must be at least 4, got %d", n)
		}
		// N interior points and as many initial and boundary ones.
		need := 8*stateCopies*networkParams(2, benchWidth, benchDepth, false) + pointsMemory(2*float64(n), benchWidth, benchDepth)
		if err := checkMemory(fmt.Sprintf("bench: -n %d", n), need, spec.MaxMemory); err != nil {
			return err
		}
	}
	return nil
}

// benchWidth and benchDepth are the shape of the benchmark's network.
const benchWidth, benchDepth = 64, 3

// Bench times training steps of the comparison workload of
// experiments/peer/torch_step.py for each case of spec: an MLP 2→64×3→1
// (tanh), N fresh interior points with the PDE's residual, N/4 fresh
// initial points with its initial condition and N/4 fresh boundary times at
// each of x = ±1 with u = 0, unit weights; a step is the loss and its
// gradients, the solver's update and the next points.
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
					row, err := benchCase(solver, pde, dtype, n, warm, steps)
					if err != nil {
						return rows, errors.Wrapf(err, "bench %s %s %s N=%d", solver, pde, dtype, n)
					}
					rows = append(rows, row)
				}
			}
		}
	}
	return rows, nil
}

// benchLoss builds the comparison workload's loss for problem p.
func benchLoss(p residuals.Problem, dtype string, n int, sq, mean bool) (*graph.Loss, error) {
	dt, err := parseDtype(dtype)
	if err != nil {
		return nil, err
	}
	x := p.Domain.Coords[0]
	var ic *graph.Term
	for i, t := range p.Conditions {
		if t.Name == "ic" {
			ic = &p.Conditions[i]
		}
	}
	if ic == nil || len(p.Domain.Coords) != 2 {
		return nil, errors.Errorf("bench: %s has no initial condition \"ic\" on a 2-D domain", p.Name)
	}
	pde := graph.Interior("pde", p.Domain, p.Residual)
	pde.Sampling = graph.Sampling{Batch: n}
	init := *ic
	init.Weight, init.Sampling = 1, graph.Sampling{Batch: n / 4}
	bc := graph.Dirichlet("bc", p.Domain, x, func(f *graph.Fields) *graph.Node { return f.U() })
	bc.Sampling = graph.Sampling{Batch: 2 * (n / 4)}
	net, err := graph.NewMLP(graph.MLPConfig{Inputs: p.Domain.Coords, Width: benchWidth, Depth: benchDepth, Dtype: dt, Seed: 1})
	if err != nil {
		return nil, err
	}
	return graph.NewLoss(net, []graph.Term{pde, init, bc}, graph.Options{Seed: 1, PerSample: sq, PerSampleMean: mean, Shards: runtime.GOMAXPROCS(0)})
}

// benchCase runs warm untimed and steps timed steps of one case.
func benchCase(solver, pde, dtype string, n, warm, steps int) (BenchRow, error) {
	p, err := residuals.Lookup(pde)
	if err != nil {
		return BenchRow{}, err
	}
	s, err := solvers.New(solver, nil)
	if err != nil {
		return BenchRow{}, err
	}
	sq, mean := solvers.PerSample(s)
	loss, err := benchLoss(p, dtype, n, sq, mean)
	if err != nil {
		return BenchRow{}, err
	}
	step := func() error {
		gr, err := loss.Compute()
		if err != nil {
			return err
		}
		if err := s.Update(gr); err != nil {
			return err
		}
		return loss.Next()
	}
	for i := 0; i < warm; i++ {
		if err := step(); err != nil {
			return BenchRow{}, err
		}
	}
	times := make([]time.Duration, steps)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := range times {
		begin := time.Now()
		if err := step(); err != nil {
			return BenchRow{}, err
		}
		times[i] = time.Since(begin)
	}
	runtime.ReadMemStats(&after)
	flops, err := graph.CountFLOPs(step)
	if err != nil {
		return BenchRow{}, err
	}
	mid := median(times)
	return BenchRow{Solver: solver, PDE: pde, Dtype: dtype, N: n,
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
