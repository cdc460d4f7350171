package experiments

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/internal/atomicfile"
	"github.com/pinngo/pinn/experiments/plot"
	"github.com/pinngo/pinn/solvers"
)

// CompareSpec is a grid of PDEs × solver variants × seeds at one budget.
type CompareSpec struct {
	PDEs     []string
	Variants []string // solver names, or "solver+balance" such as "adam+lra"
	Seeds    []uint64
	Budget   string
	Workers  int
	Steps    int    // steps of every run; 0 for the budget's
	Title    string // heading of results.md; empty for the default
	Command  string // the command line, quoted in results.md
}

// Cases returns the runs of the grid, PDE by PDE, variant by variant.
func (s CompareSpec) Cases() ([]Case, error) {
	b, err := LookupBudget(s.Budget)
	if err != nil {
		return nil, err
	}
	if len(s.PDEs) == 0 || len(s.Variants) == 0 || len(s.Seeds) == 0 {
		return nil, errors.New("compare: needs at least one PDE, solver and seed")
	}
	var cases []Case
	for _, pde := range s.PDEs {
		for _, v := range s.Variants {
			for _, seed := range s.Seeds {
				cfg, err := b.Config(pde, v, seed)
				if err != nil {
					return nil, err
				}
				if s.Steps > 0 {
					cfg.Steps = s.Steps
					cfg.Eval.Every = max(s.Steps/10, 1)
					cfg.CheckpointEvery = max(s.Steps/10, 1)
				}
				cases = append(cases, Case{Group: pde, Label: v, Seed: seed, Config: cfg})
			}
		}
	}
	return cases, nil
}

// Compare trains the grid into out (one directory per run, see RunCases)
// and writes results.md, a table of errors and costs per PDE × variant
// with mean ± standard deviation over seeds, and compare.png, one row per
// PDE: the reference, each variant's absolute error on a shared scale, and
// the error over the steps.
func Compare(ctx context.Context, spec CompareSpec, out string, log io.Writer) ([]Result, error) {
	cases, err := spec.Cases()
	if err != nil {
		return nil, err
	}
	if err := atomicfile.CheckDir(out); err != nil {
		return nil, err
	}
	start := time.Now()
	results, err := RunCases(ctx, cases, out, spec.Workers, log)
	if err != nil {
		return nil, err
	}
	wall := time.Since(start)
	if err := studyFigure(filepath.Join(out, "compare.png"), results); err != nil {
		return nil, err
	}
	diag, err := diagnosticsFigure(filepath.Join(out, "diagnostics.png"), results)
	if err != nil {
		return nil, err
	}
	b, _ := LookupBudget(spec.Budget)
	title := spec.Title
	if title == "" {
		title = "Solver comparison"
	}
	var md strings.Builder
	fmt.Fprintf(&md, "# %s (budget %s)\n\n", title, b.Name)
	if spec.Command != "" {
		fmt.Fprintf(&md, "```\n%s\n```\n\n", spec.Command)
	}
	fmt.Fprintf(&md, "Setup: %s. Seeds: %v. %s\n\n", b.Summary, spec.Seeds, machine(spec.Workers))
	md.WriteString(hyperSummary(spec.Variants))
	md.WriteString("Errors of u against the reference on the evaluation grid; wall is the training time with evaluations and checkpoints; step is the median time of one step. Mean ± standard deviation over the seeds where there are several.\n\n")
	md.WriteString(markdownTable(results, "PDE", "solver", standardColumns(results)))
	fmt.Fprintf(&md, "\nThe study took %s of wall time (runs already finished in the output directory are reused).\n\n![errors](compare.png)\n", wall.Round(time.Second))
	if diag {
		md.WriteString("\nDiagnostics over training (first seed): the norm ratio of the interior residual's gradient to the other terms' summed gradient (grad ratio) and their cosine (grad cos), the same for the solver's per-term updates where it reports them, and balanced loss weights.\n\n![diagnostics](diagnostics.png)\n")
	}
	return results, atomicfile.Write(filepath.Join(out, "results.md"), []byte(md.String()), 0o644)
}

// machine describes where the timings come from.
func machine(workers int) string {
	return fmt.Sprintf("Timings: %d run(s) at a time on %d CPUs (%s/%s, %s).", max(workers, 1), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// hyperSummary lists the hyper-parameters of each variant's solver.
func hyperSummary(variants []string) string {
	var b strings.Builder
	b.WriteString("Solvers (registry defaults unless given):\n")
	for _, name := range variants {
		v, err := ParseVariant(name)
		if err != nil {
			continue
		}
		for _, s := range solvers.Specs() {
			if s.Name != v.Solver {
				continue
			}
			h := solvers.Hyper{}
			for k, x := range s.Defaults {
				h[k] = x
			}
			for k, x := range v.Hyper {
				h[k] = x
			}
			fmt.Fprintf(&b, "- %s: %s (%s)", name, s.Summary, h)
			if v.Balance != "" {
				fmt.Fprintf(&b, ", loss weights balanced by %s", v.Balance)
			}
			b.WriteString("\n")
		}
	}
	return b.String() + "\n"
}

// studyFigure draws one row per group: the reference, the absolute error
// of each label's first seed on one colour scale per row, and every
// label's relative L2 error over the steps; then the extra rows.
func studyFigure(path string, results []Result, extra ...[]plot.Panel) error {
	var groups []string
	byGroup := map[string][]Result{}
	for _, r := range results {
		g := r.Case.Group
		if _, ok := byGroup[g]; !ok {
			groups = append(groups, g)
		}
		// The first seed of each label stands for it in the heat maps.
		if !hasLabel(byGroup[g], r.Case.Label) {
			byGroup[g] = append(byGroup[g], r)
		}
	}
	var rows [][]plot.Panel
	for _, g := range groups {
		rs := byGroup[g]
		ref := rs[0].Ref
		row := []plot.Panel{heatOf(ref, ref.U, g+": reference", plot.Diverging, 0, 0)}
		errs := make([][]float64, len(rs))
		hi := 0.0
		for i, r := range rs {
			errs[i] = make([]float64, len(r.Pred))
			for j, u := range r.Pred {
				errs[i][j] = math.Abs(u - r.Ref.U[j])
			}
			_, h := plot.Range(errs[i])
			hi = math.Max(hi, h)
		}
		curves := plot.LineChart{Title: g + ": error over the steps", XLabel: "step", YLabel: "relative L2 error", LogY: true, Points: true}
		for i, r := range rs {
			title := fmt.Sprintf("%s |error|, rel. L2 %.2e", r.Case.Label, r.Metrics.RelL2)
			row = append(row, heatOf(r.Ref, errs[i], title, plot.Sequential, 0, hi))
			curves.Series = append(curves.Series, evalSeries(r.Case.Label, r.History))
		}
		rows = append(rows, append(row, &curves))
	}
	return plot.Save(path, append(rows, extra...), plot.DefaultSize)
}

func hasLabel(rs []Result, label string) bool {
	for _, r := range rs {
		if r.Case.Label == label {
			return true
		}
	}
	return false
}
