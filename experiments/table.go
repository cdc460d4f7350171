package experiments

import (
	"fmt"
	"math"
	"strings"
)

// column is one metric of a results table.
type column struct {
	name  string
	value func(Result) float64
	// sci formats in scientific notation (errors), otherwise with one
	// decimal (times).
	sci bool
}

// standardColumns are the error and cost columns of a study, with those of
// the recovered field when its runs have one (an inverse problem).
func standardColumns(results []Result) []column {
	cols := errorColumns()
	for _, r := range results {
		if r.Metrics.RelL2Field != nil {
			cols = append(cols,
				column{"field rel. L2", func(r Result) float64 { return deref(r.Metrics.RelL2Field) }, true},
				column{"field L∞", func(r Result) float64 { return deref(r.Metrics.LInfField) }, true})
			break
		}
	}
	return append(cols, costColumns()...)
}

// deref reads an optional metric, NaN when absent.
func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// errorColumns are the errors of u against the reference.
func errorColumns() []column {
	return []column{
		{"rel. L2", func(r Result) float64 { return r.Metrics.RelL2 }, true},
		{"L∞", func(r Result) float64 { return r.Metrics.LInf }, true},
		{"MSE", func(r Result) float64 { return r.Metrics.MSE }, true},
	}
}

// costColumns are the wall time and the step time.
func costColumns() []column {
	return []column{
		{"wall (s)", func(r Result) float64 { return r.Metrics.WallS }, false},
		{"step (ms)", func(r Result) float64 { return r.Metrics.StepMS }, false},
	}
}

// markdownTable writes one row per (group, label), in the order first
// seen, with each column's mean ± standard deviation over the seeds.
func markdownTable(results []Result, groupName, labelName string, cols []column) string {
	type key struct{ group, label string }
	var order []key
	rows := map[key][]Result{}
	for _, r := range results {
		k := key{r.Case.Group, r.Case.Label}
		if _, ok := rows[k]; !ok {
			order = append(order, k)
		}
		rows[k] = append(rows[k], r)
	}
	var b strings.Builder
	b.WriteString("| " + groupName + " | " + labelName)
	for _, c := range cols {
		b.WriteString(" | " + c.name)
	}
	b.WriteString(" | seeds |\n|---|---")
	for range cols {
		b.WriteString("|---:")
	}
	b.WriteString("|---:|\n")
	for _, k := range order {
		fmt.Fprintf(&b, "| %s | %s", k.group, k.label)
		for _, c := range cols {
			xs := make([]float64, len(rows[k]))
			for i, r := range rows[k] {
				xs[i] = c.value(r)
			}
			b.WriteString(" | " + formatMeanStd(xs, c.sci))
		}
		fmt.Fprintf(&b, " | %d |\n", len(rows[k]))
	}
	return b.String()
}

// meanStd returns the mean and the sample standard deviation (0 for one
// value).
func meanStd(xs []float64) (mean, std float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	if len(xs) < 2 {
		return mean, 0
	}
	for _, x := range xs {
		std += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(std / float64(len(xs)-1))
}

// formatMeanStd prints "mean ± std", or the value alone for one seed.
func formatMeanStd(xs []float64, sci bool) string {
	var known []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			known = append(known, x)
		}
	}
	if len(known) == 0 {
		return "–" // not measured for these runs
	}
	xs = known
	m, s := meanStd(xs)
	f := func(v float64) string {
		if sci {
			return fmt.Sprintf("%.2e", v)
		}
		return fmt.Sprintf("%.1f", v)
	}
	if len(xs) < 2 {
		return f(m)
	}
	return f(m) + " ± " + f(s)
}
