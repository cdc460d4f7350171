package study

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/internal/atomicfile"
	"github.com/pinngo/pinn/experiments/plot"
	"github.com/pinngo/pinn/graph"
)

// AblateSpec is one of the ablations the PDE-aware paper leaves open.
type AblateSpec struct {
	// Study is "batch" (interior batch size for one solver on Burgers),
	// "vsource" (the PDE-aware optimizer's v from the residual's per-sample
	// gradients or from the total loss, on Allen–Cahn) or "cost" (step time
	// and peak heap of several solvers over batch sizes and widths).
	Study   string
	Budget  string
	Seeds   []uint64
	Solvers []string // batch: the solver (default pde-aware); cost: the solvers (default adam, soap, pde-aware)
	Batches []int    // interior batch sizes (default 256, 512, 1024, 2048)
	Widths  []int    // cost: hidden widths at batch 1024 (default 32, 64, 128, 256)
	// CostSteps is the number of steps timed per cost setting (default 20).
	CostSteps int
	Workers   int
	Command   string
	// Executor trains the batch and vsource runs; nil trains them here,
	// Workers at a time. The cost study always times here.
	Executor Executor
}

// AblationNames lists the studies of Ablate.
func AblationNames() []string { return []string{"batch", "vsource", "cost"} }

// withDefaults fills the unset fields of s for its study.
func (s AblateSpec) withDefaults() AblateSpec {
	if len(s.Seeds) == 0 {
		s.Seeds = []uint64{1}
	}
	if len(s.Batches) == 0 {
		s.Batches = []int{256, 512, 1024, 2048}
	}
	if len(s.Widths) == 0 {
		s.Widths = []int{32, 64, 128, 256}
	}
	if s.CostSteps == 0 {
		s.CostSteps = 20
	}
	if len(s.Solvers) == 0 {
		s.Solvers = []string{"pde-aware"}
		if s.Study == "cost" {
			s.Solvers = []string{"adam", "soap", "pde-aware"}
		}
	}
	return s
}

// Ablate runs the study into out: results.md with its table and a figure
// (STUDY.png), and for the training studies one directory per run.
func Ablate(ctx context.Context, spec AblateSpec, out string, log io.Writer) error {
	spec = spec.withDefaults()
	b, err := LookupBudget(spec.Budget)
	if err != nil {
		return err
	}
	if err := atomicfile.CheckDir(out); err != nil {
		return err
	}
	var md strings.Builder
	switch spec.Study {
	case "batch":
		err = ablateBatch(ctx, spec, b, out, log, &md)
	case "vsource":
		err = ablateVSource(ctx, spec, b, out, log, &md)
	case "cost":
		err = ablateCost(ctx, spec, b, out, log, &md)
	default:
		return errors.Errorf("unknown ablation %q (known: %v)", spec.Study, AblationNames())
	}
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(out, "results.md"), []byte(md.String()), 0o644)
}

// AblateCases returns the training runs of the batch and vsource studies.
func (s AblateSpec) AblateCases() ([]Case, error) {
	s = s.withDefaults()
	b, err := LookupBudget(s.Budget)
	if err != nil {
		return nil, err
	}
	var cases []Case
	switch s.Study {
	case "batch":
		cases, err = batchCases(s, b)
	case "vsource":
		cases, err = vSourceCases(s, b)
	case "cost":
		return nil, checkCostConfigs(s, b)
	default:
		return nil, errors.Errorf("unknown ablation %q (known: %v)", s.Study, AblationNames())
	}
	if err != nil {
		return nil, err
	}
	// Every size is checked (memory included) before any run starts.
	for _, c := range cases {
		if err := c.Config.Validate(); err != nil {
			return nil, errors.Wrapf(err, "%s %s", c.Group, c.Label)
		}
	}
	return cases, nil
}

// batchCases trains the solver on Burgers with each batch size, drawing
// every batch from one pool large enough for the largest.
func batchCases(s AblateSpec, b Budget) ([]Case, error) {
	pool := b.Interior
	for _, n := range s.Batches {
		if n < 1 {
			return nil, errors.Errorf("batch size %d must be positive", n)
		}
		pool = max(pool, n)
	}
	var cases []Case
	for _, n := range s.Batches {
		for _, seed := range s.Seeds {
			cfg, err := b.Config("burgers", s.Solvers[0], seed)
			if err != nil {
				return nil, err
			}
			if err := setInterior(&cfg, pool, n); err != nil {
				return nil, err
			}
			cases = append(cases, Case{Group: "burgers", Label: fmt.Sprintf("B=%d", n), Seed: seed, Config: cfg})
		}
	}
	return cases, nil
}

// setInterior sets the pool and batch size of the interior term, the
// term of the problem's graph.RoleInterior.
func setInterior(cfg *experiments.Config, pool, batch int) error {
	p, err := cfg.Problem()
	if err != nil {
		return err
	}
	terms := p.Terms()
	k := graph.RoleIndex(terms, graph.RoleInterior)
	if k < 0 {
		return errors.Errorf("%s has no interior term", cfg.PDE)
	}
	tc := cfg.Terms[terms[k].Name]
	tc.Pool, tc.Batch = intPtr(pool), intPtr(batch)
	cfg.Terms[terms[k].Name] = tc
	return nil
}

// train trains the cases that cases returns for s at budget b with the
// spec's executor, and returns their results and the wall time they took.
func (s AblateSpec) train(ctx context.Context, cases func(AblateSpec, Budget) ([]Case, error), b Budget, out string, log io.Writer) ([]Result, time.Duration, error) {
	cs, err := cases(s, b)
	if err != nil {
		return nil, 0, err
	}
	start := time.Now()
	results, err := executorOr(s.Executor, s.Workers).RunCases(ctx, cs, out, log)
	return results, time.Since(start), err
}

func ablateBatch(ctx context.Context, s AblateSpec, b Budget, out string, log io.Writer, md *strings.Builder) error {
	results, wall, err := s.train(ctx, batchCases, b, out, log)
	if err != nil {
		return err
	}
	// Error and step time against the batch size, averaged over seeds.
	errs := plot.LineChart{Title: "error against batch size", XLabel: "interior batch size B", YLabel: "relative L2 error", LogX: true, LogY: true, Points: true}
	times := plot.LineChart{Title: "step time against batch size", XLabel: "interior batch size B", YLabel: "median step (ms)", LogX: true, LogY: true, Points: true}
	e, st := plot.Series{Name: s.Solvers[0]}, plot.Series{Name: s.Solvers[0]}
	for _, n := range s.Batches {
		var re, ms []float64
		for _, r := range results {
			if r.Case.Label == fmt.Sprintf("B=%d", n) {
				re, ms = append(re, r.Metrics.RelL2), append(ms, r.Metrics.StepMS)
			}
		}
		mr, _ := meanStd(re)
		mt, _ := meanStd(ms)
		e.X, e.Y = append(e.X, float64(n)), append(e.Y, mr)
		st.X, st.Y = append(st.X, float64(n)), append(st.Y, mt)
	}
	errs.Series, times.Series = []plot.Series{e}, []plot.Series{st}
	if err := studyFigure(filepath.Join(out, "batch.png"), results, []plot.Panel{&errs, &times}); err != nil {
		return err
	}
	fmt.Fprintf(md, "# Batch-size ablation: %s on Burgers (budget %s)\n\n", s.Solvers[0], b.Name)
	writeStudyHeader(md, s.Command, b.Summary, s.Seeds, s.Workers, []string{s.Solvers[0]})
	fmt.Fprintf(md, "Every run draws its minibatches of B interior points from the same pool of %d points and takes the same number of steps, so larger batches see more points per step and cost more per step.\n\n", max(b.Interior, maxInt(s.Batches)))
	md.WriteString(markdownTable(results, "PDE", "batch", standardColumns(results)))
	fmt.Fprintf(md, "\nThe study took %s of wall time.\n\n![batch](batch.png)\n", wall.Round(time.Second))
	return nil
}

// writeStudyHeader writes the command, setup, machine and solvers of a study.
func writeStudyHeader(md *strings.Builder, command, setup string, seeds []uint64, workers int, variants []string) {
	if command != "" {
		fmt.Fprintf(md, "```\n%s\n```\n\n", command)
	}
	fmt.Fprintf(md, "Setup: %s. Seeds: %v. %s\n\n", setup, seeds, machine(workers))
	md.WriteString(hyperSummary(variants))
}

func maxInt(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
