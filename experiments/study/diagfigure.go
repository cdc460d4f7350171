package study

import (
	"strings"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/plot"
)

// diagnosticsFigure draws, per group, the diagnostics recorded over
// training by each label's first seed: norm ratios between the interior
// residual and the other terms (of raw gradients, and of updates where the
// solver reports them; the ideal of a balanced update is 1), cosines of
// the same pairs, and the loss weights of balanced runs. It reports false
// when the runs recorded no diagnostics.
func diagnosticsFigure(path string, results []Result) (bool, error) {
	groups, byGroup := firstSeeds(results)
	var rows [][]plot.Panel
	for _, g := range groups {
		ratios := plot.LineChart{Title: g + ": interior / other terms, norm ratio", XLabel: "step", YLabel: "ratio", LogY: true}
		cosines := plot.LineChart{Title: g + ": interior vs other terms, cosine", XLabel: "step", YLabel: "cosine"}
		weights := plot.LineChart{Title: g + ": loss weights", XLabel: "step", YLabel: "weight", LogY: true}
		for _, r := range byGroup[g] {
			for _, name := range experiments.DiagNames(r.History) {
				key := name
				series := func(geometric bool) plot.Series {
					return experiments.WindowSeries(r.Case.Label+" "+strings.ReplaceAll(key, "_", " "), r.History, geometric,
						func(row experiments.Row) (float64, bool) { v, ok := row.Diag[key]; return v, ok })
				}
				switch {
				case strings.HasPrefix(name, "w_"):
					weights.Series = append(weights.Series, series(true))
				case strings.Contains(name, "ratio"):
					ratios.Series = append(ratios.Series, series(true))
				case strings.Contains(name, "cos"):
					cosines.Series = append(cosines.Series, series(false))
				}
			}
		}
		row := []plot.Panel{}
		for _, c := range []*plot.LineChart{&ratios, &cosines, &weights} {
			if len(c.Series) > 0 {
				row = append(row, c)
			}
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return false, nil
	}
	return true, plot.Save(path, rows, plot.Size{W: 5 * 72, H: 3.5 * 72})
}

// firstSeeds returns the groups of results in their order and, for each,
// the first result of every label: the one a figure shows for it.
func firstSeeds(results []Result) ([]string, map[string][]Result) {
	var groups []string
	byGroup := map[string][]Result{}
	for _, r := range results {
		g := r.Case.Group
		if _, ok := byGroup[g]; !ok {
			groups = append(groups, g)
		}
		if !hasLabel(byGroup[g], r.Case.Label) {
			byGroup[g] = append(byGroup[g], r)
		}
	}
	return groups, byGroup
}
