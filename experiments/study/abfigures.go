package study

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/plot"
)

// autobalanceReport draws the AutoBalance paper's figures of a finished
// study into out and returns the markdown that shows them: its metrics
// table (MSE and L∞ first), the MSE over training (its Figure 3), the
// exact solution beside the Auto-AdamW, DWA and IMTL-G predictions and
// their errors (Figures 4–5), and the balance of raw gradients against
// that of the updates (Figure 2).
func autobalanceReport(out string, results []Result) (string, error) {
	groups := groupRuns(results)
	var md strings.Builder
	md.WriteString("\n## In the AutoBalance paper's terms\n\n")
	md.WriteString("The paper scores u by its MSE and L∞ error against the exact solution; rel. L2 and the costs follow. Mean ± standard deviation over the seeds.\n\n")
	md.WriteString(markdownTable(results, "PDE", "method", paperColumns(results)))
	md.WriteString("\nBy mean MSE, lowest first:\n\n")
	for _, g := range groups {
		fmt.Fprintf(&md, "- %s: %s\n", g.name, mseRanking(g))
	}

	md.WriteString("\n### MSE over training (the paper's Figure 3)\n\n")
	md.WriteString("MSE of u on the evaluation grid at each evaluated step, mean over the seeds, from history.csv's relative L2 error: MSE = rel_L2² · mean(u_ref²) on the same grid.\n\n")
	drawn := groupRuns(converged(results))
	if err := plot.Save(filepath.Join(out, "mse-history.png"), [][]plot.Panel{mseHistoryPanels(drawn)}, plot.DefaultSize); err != nil {
		return "", err
	}
	md.WriteString("![MSE over training](mse-history.png)\n")

	md.WriteString("\n### Exact solution, predictions and point-wise errors (the paper's Figures 4–5)\n\n")
	fmt.Fprintf(&md, "The first seed of %s, where the study ran them; each panel has its own colour scale (grey: not a finite number).\n\n", strings.Join(heatMethods(), ", "))
	if err := groupFigures(&md, out, "heatmaps", drawn, solutionRows, plot.DefaultSize, "none of these methods ran"); err != nil {
		return "", err
	}

	md.WriteString("### Raw gradients against updates (the paper's Figure 2)\n\n")
	md.WriteString("Per method (first seed): the norm ratio of the interior residual's gradient to the other terms' summed gradient and the cosine of their angle (raw gradients; for methods that weight the terms, such as LRA, the weighted terms' gradients the optimizer sees), against the same of the solver's per-term updates where it reports them (AutoBalance); a balanced update has ratio 1.\n\n")
	if err := groupFigures(&md, out, "balance", drawn, balanceRows, plot.Size{W: 5 * 72, H: 3.5 * 72}, "no diagnostics recorded"); err != nil {
		return "", err
	}
	return md.String(), nil
}

// groupFigures draws each group's rows into out/prefix-group.png and shows
// it in md, or says why a group has none (rows returns nil).
func groupFigures(md *strings.Builder, out, prefix string, groups []runGroup, rows func(runGroup) [][]plot.Panel, size plot.Size, none string) error {
	for _, g := range groups {
		r := rows(g)
		if r == nil {
			fmt.Fprintf(md, "%s: %s.\n\n", g.name, none)
			continue
		}
		name := prefix + "-" + safeName(g.name) + ".png"
		if err := plot.Save(filepath.Join(out, name), r, size); err != nil {
			return err
		}
		fmt.Fprintf(md, "![%s](%s)\n\n", g.name, name)
	}
	return nil
}

// heatMethods are the solvers whose predictions the paper draws.
func heatMethods() []string { return []string{"autobalance-adamw", "dwa", "imtl-g"} }

// runGroup is a group of a study's results with its labels' runs (one per
// seed), in the order first seen.
type runGroup struct {
	name   string
	labels []labelRuns
}

type labelRuns struct {
	label string
	runs  []Result
}

// groupRuns groups results by group and label, in the order first seen.
func groupRuns(results []Result) []runGroup {
	var groups []runGroup
	for _, r := range results {
		gi := slices.IndexFunc(groups, func(g runGroup) bool { return g.name == r.Case.Group })
		if gi < 0 {
			groups = append(groups, runGroup{name: r.Case.Group})
			gi = len(groups) - 1
		}
		g := &groups[gi]
		li := slices.IndexFunc(g.labels, func(l labelRuns) bool { return l.label == r.Case.Label })
		if li < 0 {
			g.labels = append(g.labels, labelRuns{label: r.Case.Label})
			li = len(g.labels) - 1
		}
		g.labels[li].runs = append(g.labels[li].runs, r)
	}
	return groups
}

// paperColumns are the standard columns with the paper's metrics, MSE and
// L∞, first.
func paperColumns(results []Result) []column {
	first := []string{"MSE", "L∞"}
	rank := func(c column) int {
		if i := slices.Index(first, c.name); i >= 0 {
			return i
		}
		return len(first)
	}
	cols := standardColumns(results)
	slices.SortStableFunc(cols, func(a, b column) int { return rank(a) - rank(b) })
	return cols
}

// mseRanking lists a group's labels by mean final MSE over seeds, lowest
// first; labels without a finite MSE come last.
func mseRanking(g runGroup) string {
	type entry struct {
		label string
		mse   float64
	}
	var es []entry
	for _, l := range g.labels {
		var sum float64
		n := 0
		for _, r := range l.runs {
			if finite(r.Metrics.MSE) {
				sum += r.Metrics.MSE
				n++
			}
		}
		e := entry{l.label, math.Inf(1)}
		if n > 0 {
			e.mse = sum / float64(n)
		}
		es = append(es, e)
	}
	slices.SortStableFunc(es, func(a, b entry) int {
		switch {
		case a.mse < b.mse:
			return -1
		case a.mse > b.mse:
			return 1
		}
		return 0
	})
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.label + " (–)"
		if !math.IsInf(e.mse, 1) {
			parts[i] = fmt.Sprintf("%s (%.2e)", e.label, e.mse)
		}
	}
	return strings.Join(parts, " < ")
}

// mseHistoryPanels returns one chart per group: each label's MSE over the
// evaluated steps, the mean over its seeds.
func mseHistoryPanels(groups []runGroup) []plot.Panel {
	var panels []plot.Panel
	for _, g := range groups {
		c := &plot.LineChart{Title: g.name + ": MSE over training", XLabel: "step", YLabel: "MSE", LogY: true, Points: true}
		for _, l := range g.labels {
			c.Series = append(c.Series, mseSeries(l))
		}
		panels = append(panels, c)
	}
	return panels
}

// mseSeries returns a label's MSE at the evaluated steps, averaged over
// the seeds with a finite value there.
func mseSeries(l labelRuns) plot.Series {
	sum := map[int]float64{}
	count := map[int]int{}
	var steps []int
	for _, r := range l.runs {
		if r.Ref == nil || len(r.Ref.U) == 0 {
			continue
		}
		var sq float64
		for _, u := range r.Ref.U {
			sq += u * u
		}
		sq /= float64(len(r.Ref.U))
		for _, row := range r.History {
			mse := row.RelL2 * row.RelL2 * sq
			if !finite(mse) {
				continue
			}
			if count[row.Step] == 0 {
				steps = append(steps, row.Step)
			}
			sum[row.Step] += mse
			count[row.Step]++
		}
	}
	slices.Sort(steps)
	s := plot.Series{Name: l.label}
	if len(l.runs) > 1 {
		s.Name = fmt.Sprintf("%s (%d seeds)", l.label, len(l.runs))
	}
	for _, st := range steps {
		s.X = append(s.X, float64(st))
		s.Y = append(s.Y, sum[st]/float64(count[st]))
	}
	return s
}

// solutionRows returns the exact solution and the first seed's prediction
// of each of heatMethods that the group ran, with their absolute errors
// below; nil when it ran none of them.
func solutionRows(g runGroup) [][]plot.Panel {
	var picked []Result
	for _, m := range heatMethods() {
		if r, ok := firstRunOf(g, m); ok && r.Ref != nil && len(r.Pred) == len(r.Ref.U) {
			picked = append(picked, r)
		}
	}
	if len(picked) == 0 {
		return nil
	}
	ref := picked[0].Ref
	top := []plot.Panel{experiments.HeatOf(ref, ref.U, g.name+": exact", plot.Diverging, 0, 0)}
	bottom := []plot.Panel{plot.Blank{}}
	for _, r := range picked {
		pred := make([]float64, len(r.Pred))
		abs := make([]float64, len(r.Pred))
		for i, u := range r.Pred {
			pred[i], abs[i] = math.NaN(), math.NaN()
			if finite(u) {
				pred[i], abs[i] = u, math.Abs(u-r.Ref.U[i])
			}
		}
		top = append(top, experiments.HeatOf(r.Ref, pred, r.Case.Label+": prediction", plot.Diverging, 0, 0))
		title := fmt.Sprintf("%s |error|: MSE %.2e, L∞ %.2e", r.Case.Label, r.Metrics.MSE, r.Metrics.LInf)
		bottom = append(bottom, experiments.HeatOf(r.Ref, abs, title, plot.Sequential, 0, 0))
	}
	return [][]plot.Panel{top, bottom}
}

// firstRunOf returns the first run of the group's first label that is
// solver without a balancing method, whatever its hyper-parameters.
func firstRunOf(g runGroup, solver string) (Result, bool) {
	for _, l := range g.labels {
		v, err := ParseVariant(l.label)
		if err == nil && v.Solver == solver && v.Balance == "" && len(l.runs) > 0 {
			return l.runs[0], true
		}
	}
	return Result{}, false
}

// balanceRows returns a row per label of the group that recorded gradient
// diagnostics (first seed): the norm ratio of the interior term to the
// others for raw gradients and for updates, with the balanced ratio 1, and
// the cosines of the same pairs. It is nil when no label recorded any.
func balanceRows(g runGroup) [][]plot.Panel {
	var rows [][]plot.Panel
	for _, l := range g.labels {
		h := l.runs[0].History
		if !slices.Contains(experiments.DiagNames(h), "grad_ratio") {
			continue
		}
		pick := func(name, key string, geometric bool) plot.Series {
			return experiments.WindowSeries(name, h, geometric, func(r experiments.Row) (float64, bool) { v, ok := r.Diag[key]; return v, ok })
		}
		ratio := &plot.LineChart{Title: l.label + ": interior / other terms, norm ratio", XLabel: "step", YLabel: "ratio", LogY: true}
		cos := &plot.LineChart{Title: l.label + ": interior vs other terms, cosine", XLabel: "step", YLabel: "cosine"}
		// The updates' series are empty for solvers that do not report
		// them, which keeps every line's colour the same in every row.
		ratio.Series = append(ratio.Series, pick("raw gradients", "grad_ratio", true), pick("updates", "update_ratio", true))
		cos.Series = append(cos.Series, pick("raw gradients", "grad_cos", false), pick("updates", "update_cos", false))
		if n := len(h); n > 0 {
			ratio.Series = append(ratio.Series, plot.Series{Name: "balanced", X: []float64{float64(h[0].Step), float64(h[n-1].Step)}, Y: []float64{1, 1}})
		}
		rows = append(rows, []plot.Panel{ratio, cos})
	}
	return rows
}
