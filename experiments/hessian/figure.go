package hessian

import (
	"fmt"
	"math"

	"github.com/pinngo/pinn/experiments/plot"
)

// preconditioners are the curves of every panel, in drawing order.
var preconditioners = []string{Raw, Adam, AutoBalance}

// Figure draws the AutoBalance paper's Figure 1 from results: one row per
// term, with its spectral densities at the first and the last step
// analysed (eigenvalues above floor·λ_max, per decade, on a log λ axis;
// raw and preconditioned) and κ_eff over the steps.
func Figure(path string, rs []Result, floor float64) error {
	var terms []string
	seen := map[string]bool{}
	first, last := math.MaxInt, math.MinInt
	for _, r := range rs {
		if !seen[r.Term] {
			seen[r.Term] = true
			terms = append(terms, r.Term)
		}
		first, last = min(first, r.Step), max(last, r.Step)
	}
	var rows [][]plot.Panel
	for _, term := range terms {
		row := []plot.Panel{densityPanel(rs, term, first, floor)}
		if last != first {
			row = append(row, densityPanel(rs, term, last, floor))
		}
		rows = append(rows, append(row, kappaPanel(rs, term)))
	}
	return plot.Save(path, rows, plot.DefaultSize)
}

// densityPanel draws term's densities at step.
func densityPanel(rs []Result, term string, step int, floor float64) plot.Panel {
	const sigma, points = 0.15, 240 // Gaussian width in decades, grid points
	var sel []Result
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range rs {
		if r.Term != term || r.Step != step {
			continue
		}
		sel = append(sel, r)
		for _, x := range r.Nodes {
			if x > floor*r.Max && x > 0 {
				lo, hi = math.Min(lo, math.Log10(x)), math.Max(hi, math.Log10(x))
			}
		}
	}
	chart := &plot.LineChart{Title: fmt.Sprintf("%s, step %d", term, step), XLabel: "eigenvalue λ > floor", YLabel: "density per decade", LogX: true}
	if math.IsInf(lo, 0) {
		return chart
	}
	lo, hi = math.Floor(lo-3*sigma), math.Ceil(hi+3*sigma)
	xs := make([]float64, points)
	for i := range xs {
		xs[i] = lo + (hi-lo)*float64(i)/float64(points-1)
	}
	lambda := make([]float64, points)
	for i, x := range xs {
		lambda[i] = math.Pow(10, x)
	}
	for _, r := range sel {
		chart.Series = append(chart.Series, plot.Series{Name: r.Preconditioner, X: lambda, Y: r.LogDensity(xs, floor, sigma),
			Colour: plot.SeriesColour(index(r.Preconditioner))})
	}
	return chart
}

// kappaPanel draws term's κ_eff over the steps, one line per
// preconditioner.
func kappaPanel(rs []Result, term string) plot.Panel {
	chart := &plot.LineChart{Title: term + ": effective condition number", XLabel: "step", YLabel: "κ_eff", LogY: true, Points: true}
	for i, pre := range preconditioners {
		s := plot.Series{Name: pre, Colour: plot.SeriesColour(i)}
		for _, r := range rs {
			if r.Term == term && r.Preconditioner == pre {
				s.X, s.Y = append(s.X, float64(r.Step)), append(s.Y, r.Kappa)
			}
		}
		if len(s.X) > 0 {
			chart.Series = append(chart.Series, s)
		}
	}
	return chart
}

func index(pre string) int {
	for i, p := range preconditioners {
		if p == pre {
			return i
		}
	}
	return len(preconditioners)
}
