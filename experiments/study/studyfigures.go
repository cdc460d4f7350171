package study

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/plot"
)

// byGroupLabel splits results into groups in the order first seen, each
// holding its labels in the order first seen with every seed's run.
func byGroupLabel(results []Result) (groups []string, labels map[string][]string, runs map[[2]string][]Result) {
	labels, runs = map[string][]string{}, map[[2]string][]Result{}
	for _, r := range results {
		g, l := r.Case.Group, r.Case.Label
		if _, ok := labels[g]; !ok {
			groups = append(groups, g)
		}
		k := [2]string{g, l}
		if _, ok := runs[k]; !ok {
			labels[g] = append(labels[g], l)
		}
		runs[k] = append(runs[k], r)
	}
	return groups, labels, runs
}

// curvesFigure draws one row per group: the training loss and the
// relative L2 error over the steps of every label, each as the geometric
// mean over its seeds with a band from the lowest to the highest seed.
func curvesFigure(path string, results []Result) error {
	groups, labels, runs := byGroupLabel(results)
	var rows [][]plot.Panel
	for _, g := range groups {
		loss := plot.LineChart{Title: g + ": training loss", XLabel: "step", YLabel: "weighted loss", LogY: true}
		errs := plot.LineChart{Title: g + ": error against the reference", XLabel: "step", YLabel: "relative L2 error", LogY: true, Points: true}
		for _, l := range labels[g] {
			var ls, es []plot.Series
			for _, r := range runs[[2]string{g, l}] {
				ls = append(ls, experiments.HistorySeries(l, r.History, func(row experiments.Row) float64 { return row.Loss }))
				es = append(es, experiments.EvalSeries(l, r.History))
			}
			name := fmt.Sprintf("%s (%d seeds)", l, len(ls))
			if len(ls) == 1 {
				name = l
			}
			loss.Series = append(loss.Series, plot.Envelope(name, true, ls...))
			errs.Series = append(errs.Series, plot.Envelope(name, true, es...))
		}
		rows = append(rows, []plot.Panel{&loss, &errs})
	}
	return plot.Save(path, rows, plot.Size{W: 6 * 72, H: 4 * 72})
}

// solutionFigure is a figure of one group's solutions.
type solutionFigure struct{ group, file string }

// solutionTimes are the fractions of the time interval at which
// solutionFigures compares the prediction with the reference.
var solutionTimes = [...]float64{0.25, 0.5, 0.75}

// solutionFigures draws, for each group on an (x, t) grid, the PDE-aware
// paper's figure into out/solutions-GROUP.png: one row per label (its
// first seed) with u(x, t) against the reference at the grid times
// nearest to a quarter, half and three quarters of the interval, and the
// absolute error over (x, t) on a colour scale shared by the labels. A run
// whose rel-L2 error exceeds 1 (worse than predicting zero, e.g. diverged)
// gets a scale of its own, so that it does not blacken the others' maps.
func solutionFigures(out string, results []Result) ([]solutionFigure, error) {
	groups, labels, runs := byGroupLabel(results)
	var figs []solutionFigure
	for _, g := range groups {
		first := runs[[2]string{g, labels[g][0]}][0]
		if first.Ref.Names[1] != "t" {
			continue
		}
		hi := 0.0
		errs := map[string][]float64{}
		for _, l := range labels[g] {
			r := runs[[2]string{g, l}][0]
			errs[l] = experiments.AbsError(r.Pred, r.Ref.U)
			if sharesScale(r) {
				_, h := plot.Range(errs[l])
				hi = math.Max(hi, h)
			}
		}
		var rows [][]plot.Panel
		for i, l := range labels[g] {
			r := runs[[2]string{g, l}][0]
			var row []plot.Panel
			for _, f := range solutionTimes {
				row = append(row, timeSlice(r, l, f, plot.SeriesColour(i)))
			}
			title := fmt.Sprintf("%s |error|, rel. L2 %.2e", l, r.Metrics.RelL2)
			top := hi
			if !sharesScale(r) || hi == 0 {
				_, top = plot.Range(errs[l])
				title += " (own scale)"
			}
			rows = append(rows, append(row, experiments.HeatOf(r.Ref, errs[l], title, plot.Sequential, 0, top)))
		}
		fig := solutionFigure{group: g, file: "solutions-" + safeName(g) + ".png"}
		if err := plot.Save(filepath.Join(out, fig.file), rows, plot.DefaultSize); err != nil {
			return nil, err
		}
		figs = append(figs, fig)
	}
	return figs, nil
}

// sharesScale reports whether r's error map goes on the scale shared by
// a figure's rows: its rel-L2 error is finite and at most 1.
func sharesScale(r Result) bool { return r.Metrics.RelL2 <= 1 }

// timeSlice charts u(x, t) of r's prediction, in colour c, and the
// reference at the grid time nearest to the fraction f of the time
// interval.
func timeSlice(r Result, label string, f float64, c color.Color) *plot.LineChart {
	ref := r.Ref
	j := nearest(ref.T, ref.T[0]+f*(ref.T[len(ref.T)-1]-ref.T[0]))
	nx := len(ref.X)
	return &plot.LineChart{Title: fmt.Sprintf("%s, t = %.3g", label, ref.T[j]), XLabel: ref.Names[0], YLabel: "u", Series: []plot.Series{
		{Name: "reference", X: ref.X, Y: ref.U[j*nx : (j+1)*nx], Dashed: true, Colour: color.Black},
		{Name: "prediction", X: ref.X, Y: r.Pred[j*nx : (j+1)*nx], Colour: c},
	}}
}

// nearest returns the index of the value of xs nearest to v.
func nearest(xs []float64, v float64) int {
	best := 0
	for i, x := range xs {
		if math.Abs(x-v) < math.Abs(xs[best]-v) {
			best = i
		}
	}
	return best
}
