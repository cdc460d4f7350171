package study

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

	"github.com/pinngo/pinn/experiments"
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
	// TuneLR, when set, tunes each variant's learning rate over these
	// values before the seeded runs (see Compare).
	TuneLR []float64
	// Partial writes the report from the runs already finished in the
	// output directory, training nothing, and lists the missing ones.
	Partial bool
	// Presets, when set, replace the budget: each PDE's run is its preset
	// (LoadPresets, read from PresetDir) with only the first-order solver
	// swapped for the variant's.
	Presets   map[string]experiments.Config
	PresetDir string
	// Study is the command that runs the grid, such as "compare";
	// "autobalance" adds the AutoBalance paper's table and figures
	// (abfigures.go) to results.md.
	Study string
	// Executor trains the runs; nil trains them here, Workers at a time.
	Executor Executor
}

// Cases returns the runs of the grid, PDE by PDE, variant by variant.
// With TuneLR it returns the tuning runs, every lr on the first seed; the
// seeded runs depend on their outcome (see Compare).
func (s CompareSpec) Cases() ([]Case, error) {
	if s.Presets == nil {
		if _, err := LookupBudget(s.Budget); err != nil {
			return nil, err
		}
	} else if len(s.TuneLR) > 0 {
		return nil, errors.New("compare: -tune-lr is not supported with -presets")
	}
	if len(s.PDEs) == 0 || len(s.Variants) == 0 || len(s.Seeds) == 0 {
		return nil, errors.New("compare: needs at least one PDE, solver and seed")
	}
	if len(s.TuneLR) > 0 {
		if err := experiments.CheckLRs("-tune-lr", s.TuneLR); err != nil {
			return nil, err
		}
		for _, v := range s.Variants {
			if _, err := defaultLR(v); err != nil {
				return nil, err
			}
		}
		return s.tuneCases()
	}
	var cases []Case
	for _, pde := range s.PDEs {
		for _, v := range s.Variants {
			for _, seed := range s.Seeds {
				c, err := s.newCase(pde, v, seed)
				if err != nil {
					return nil, err
				}
				cases = append(cases, c)
			}
		}
	}
	return cases, nil
}

// newCase returns the run of pde by the variant label at the spec's budget
// and steps.
func (s CompareSpec) newCase(pde, label string, seed uint64) (Case, error) {
	if s.Presets != nil {
		return s.presetCase(pde, label, seed)
	}
	b, err := LookupBudget(s.Budget)
	if err != nil {
		return Case{}, err
	}
	cfg, err := b.Config(pde, label, seed)
	if err != nil {
		return Case{}, err
	}
	return Case{Group: pde, Label: label, Seed: seed, Config: s.withSteps(cfg)}, nil
}

// withSteps returns cfg with the spec's steps, if it sets them, evaluated
// and checkpointed every tenth of them.
func (s CompareSpec) withSteps(cfg experiments.Config) experiments.Config {
	if s.Steps > 0 {
		cfg.Steps = s.Steps
		cfg.Eval.Every = max(s.Steps/10, 1)
		cfg.CheckpointEvery = max(s.Steps/10, 1)
	}
	return cfg
}

// Compare trains the grid into out (one directory per run, see RunCases)
// and writes results.md, a table of errors and costs per PDE × variant
// with mean ± standard deviation over seeds, and its figures: compare.png,
// one row per PDE with the reference, each variant's absolute error on a
// shared scale and the error over the steps; curves.png, the loss and
// error over the steps with a band over the seeds; and, for (x, t)
// problems, solutions-PDE.png, each variant's prediction against the
// reference at three times with its error.
//
// With TuneLR it first trains each PDE × variant at every lr of the grid
// on the first seed and chooses the lr with the lowest final training
// loss (see Tunings), then trains the other seeds at the chosen lr and at
// the solver's registry default lr; results.md then reports both and the
// tuning. With Partial it trains nothing: it reports the runs already
// finished in out and lists the grid's missing runs.
func Compare(ctx context.Context, spec CompareSpec, out string, log io.Writer) ([]Result, error) {
	cases, err := spec.Cases()
	if err != nil {
		return nil, err
	}
	if err := atomicfile.CheckDir(out); err != nil {
		return nil, err
	}
	start := time.Now()
	st, err := spec.collect(ctx, cases, out, log)
	if err != nil {
		return nil, err
	}
	if spec.Partial && log != nil {
		fmt.Fprint(log, strings.TrimPrefix(st.missingSection(spec.Seeds), "\n"))
	}
	if len(st.results) == 0 {
		return nil, errors.Errorf("no run of the grid has finished in %s", out)
	}
	return st.results, spec.report(out, st, time.Since(start))
}

// compareRuns is what a comparison trained or found.
type compareRuns struct {
	results []Result     // the finished runs, in the grid's order
	missing []missingRun // the grid's unfinished runs (Partial only)
	tunings []Tuning     // nil for a study without tuning
	// waiting are the tunings with no finished lr yet, whose seeded runs
	// cannot be named (Partial only).
	waiting []Tuning
}

// collect trains, or with Partial loads, the cases and, for a tuned study,
// the seeded runs that follow from the tuning.
func (s CompareSpec) collect(ctx context.Context, cases []Case, out string, log io.Writer) (*compareRuns, error) {
	var st compareRuns
	gather := func(cases []Case) error {
		if s.Partial {
			rs, miss, err := loadCases(cases, out)
			st.results, st.missing = append(st.results, rs...), append(st.missing, miss...)
			return err
		}
		rs, err := executorOr(s.Executor, s.Workers).RunCases(ctx, cases, out, log)
		st.results = append(st.results, rs...)
		return err
	}
	if err := gather(cases); err != nil || len(s.TuneLR) == 0 {
		return &st, err
	}
	ts, err := s.Tunings(out)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		if !s.Partial && !t.Complete() {
			return nil, errors.Errorf("%s %s: a tuning run finished without a metrics.json of its config", t.PDE, t.Variant)
		}
	}
	seeded, waiting, err := s.seedCases(ts)
	if err != nil {
		return nil, err
	}
	st.tunings, st.waiting = ts, waiting
	return &st, gather(seeded)
}

// report writes results.md and the figures.
func (s CompareSpec) report(out string, st *compareRuns, wall time.Duration) error {
	shown := st.results
	if st.tunings != nil {
		shown = st.tuned() // the figures show the tuned runs
	}
	drawn := converged(shown)
	var diag bool
	var solutions []solutionFigure
	if len(drawn) > 0 { // a diverged run has nothing to draw
		if err := studyFigure(filepath.Join(out, "compare.png"), drawn); err != nil {
			return err
		}
		var err error
		if diag, err = diagnosticsFigure(filepath.Join(out, "diagnostics.png"), drawn); err != nil {
			return err
		}
		if err := curvesFigure(filepath.Join(out, "curves.png"), drawn); err != nil {
			return err
		}
		if solutions, err = solutionFigures(out, drawn); err != nil {
			return err
		}
	}
	b, _ := LookupBudget(s.Budget)
	title := s.Title
	if title == "" {
		title = "Solver comparison"
	}
	scale := "budget " + b.Name
	if s.Presets != nil {
		scale = "each PDE's preset"
	}
	var md strings.Builder
	fmt.Fprintf(&md, "# %s (%s)\n\n", title, scale)
	if s.Partial {
		fmt.Fprintf(&md, "**Partial report: %d run(s) of the grid finished, %s.**\n\n", len(st.results), st.missingCount(len(s.Seeds)))
	}
	if s.Command != "" {
		fmt.Fprintf(&md, "```\n%s\n```\n\n", s.Command)
	}
	if s.Presets != nil {
		md.WriteString(s.presetsSetup())
		fmt.Fprintf(&md, "Seeds: %v. %s\n\n", s.Seeds, machine(s.Workers))
	} else {
		fmt.Fprintf(&md, "Setup: %s. Seeds: %v. %s\n\n", b.Summary, s.Seeds, machine(s.Workers))
	}
	md.WriteString(hyperSummary(s.Variants))
	switch {
	case st.tunings != nil:
		md.WriteString(s.tunedTables(st))
	case s.Presets != nil:
		md.WriteString("Errors of u against the reference on the evaluation grid, the final training loss (the weighted loss on the last points; of the last window for time marching), wall time (training with evaluations and checkpoints, summed over the windows) and median step time. Mean ± standard deviation over the seeds where there are several.\n\n")
		md.WriteString(markdownTable(st.results, "PDE", "solver", tunedColumns(st.results)))
	default:
		md.WriteString("Errors of u against the reference on the evaluation grid; wall is the training time with evaluations and checkpoints; step is the median time of one step. Mean ± standard deviation over the seeds where there are several.\n\n")
		md.WriteString(markdownTable(st.results, "PDE", "solver", standardColumns(st.results)))
	}
	if s.Partial {
		fmt.Fprintf(&md, "\nNothing was trained for this report (-partial); the finished runs took %s of training time in total.\n\n", trainingTime(st.results))
	} else {
		fmt.Fprintf(&md, "\nThe study took %s of wall time (runs already finished in the output directory are reused).\n\n", wall.Round(time.Second))
	}
	if len(drawn) == 0 {
		md.WriteString("Every run shown diverged: there are no figures.\n")
	} else {
		md.WriteString("![errors](compare.png)\n")
		md.WriteString("\nLoss (the weighted training loss, window means) and relative L2 error over the steps: the line is the geometric mean over the seeds, the band spans the lowest to the highest seed.")
		if s.marches() {
			md.WriteString(" A time-marching run's steps run on through its windows, and its error over the steps is that of the window being trained.")
		}
		md.WriteString("\n\n![curves](curves.png)\n")
	}
	for _, f := range solutions {
		fmt.Fprintf(&md, "\n%s: each solver's prediction (first seed) against the reference at three times, and its absolute error on a scale shared by the solvers.\n\n![%s](%s)\n", f.group, f.group, f.file)
	}
	if diag {
		md.WriteString("\nDiagnostics over training (first seed): the norm ratio of the interior residual's gradient to the other terms' summed gradient (grad ratio) and their cosine (grad cos), the same for the solver's per-term updates where it reports them, and balanced loss weights.\n\n![diagnostics](diagnostics.png)\n")
	}
	if s.Study == "autobalance" {
		extra, err := autobalanceReport(out, shown)
		if err != nil {
			return err
		}
		md.WriteString(extra)
	}
	md.WriteString(st.missingSection(s.Seeds))
	return atomicfile.Write(filepath.Join(out, "results.md"), []byte(md.String()), 0o644)
}

// marches reports whether a preset of the study trains by time marching.
func (s CompareSpec) marches() bool {
	for _, c := range s.Presets {
		if c.March != nil {
			return true
		}
	}
	return false
}

// trainingTime sums the runs' wall times.
func trainingTime(results []Result) time.Duration {
	var sum float64
	for _, r := range results {
		sum += r.Metrics.WallS
	}
	return time.Duration(sum * float64(time.Second)).Round(time.Second)
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
	groups, byGroup := firstSeeds(converged(results))
	var rows [][]plot.Panel
	for _, g := range groups {
		rs := byGroup[g]
		ref := rs[0].Ref
		row := []plot.Panel{experiments.HeatOf(ref, ref.U, g+": reference", plot.Diverging, 0, 0)}
		errs := make([][]float64, len(rs))
		hi := 0.0
		for i, r := range rs {
			errs[i] = experiments.AbsError(r.Pred, r.Ref.U)
			_, h := plot.Range(errs[i])
			hi = math.Max(hi, h)
		}
		curves := plot.LineChart{Title: g + ": error over the steps", XLabel: "step", YLabel: "relative L2 error", LogY: true, Points: true}
		for i, r := range rs {
			title := fmt.Sprintf("%s |error|, rel. L2 %.2e", r.Case.Label, r.Metrics.RelL2)
			row = append(row, experiments.HeatOf(r.Ref, errs[i], title, plot.Sequential, 0, hi))
			curves.Series = append(curves.Series, experiments.EvalSeries(r.Case.Label, r.History))
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
