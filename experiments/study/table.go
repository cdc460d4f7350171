package study

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
	cols := append(errorColumns(), fieldColumns(results)...)
	return append(cols, costColumns()...)
}

// tunedColumns are the columns of a tuned study's tables: the relative L2
// and L∞ errors (of the field too, for an inverse problem), the final
// training loss, which chose the lr, and the costs.
func tunedColumns(results []Result) []column {
	cols := append(errorColumns()[:2], fieldColumns(results)...)
	cols = append(cols, finalLossColumn())
	return append(cols, costColumns()...)
}

// fieldColumns are the errors of the recovered field when the runs have
// one.
func fieldColumns(results []Result) []column {
	for _, r := range results {
		if r.Metrics.RelL2Field != nil {
			return []column{
				{"field rel. L2", func(r Result) float64 { return deref(r.Metrics.RelL2Field) }, true},
				{"field L∞", func(r Result) float64 { return deref(r.Metrics.LInfField) }, true}}
		}
	}
	return nil
}

// finalLossColumn is the weighted training loss at the end of the run.
func finalLossColumn() column {
	return column{"final loss", func(r Result) float64 { return r.Metrics.FinalLoss }, true}
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
		diverged := 0
		for _, r := range rows[k] {
			if r.Metrics.Diverged != "" {
				diverged++
			}
		}
		for _, c := range cols {
			xs := make([]float64, len(rows[k]))
			for i, r := range rows[k] {
				xs[i] = c.value(r)
				if c.sci && r.Metrics.Diverged != "" {
					xs[i] = math.Inf(1) // an error or loss a diverged run never reached
				}
			}
			b.WriteString(" | " + formatMeanStd(xs, c.sci))
		}
		if diverged > 0 {
			fmt.Fprintf(&b, " | %d (%d diverged) |\n", len(rows[k]), diverged)
		} else {
			fmt.Fprintf(&b, " | %d |\n", len(rows[k]))
		}
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

// formatMeanStd prints "mean ± std" of the finite values, or the value
// alone for one seed, noting how many were not finite (diverged runs).
func formatMeanStd(xs []float64, sci bool) string {
	var known []float64
	nan := 0
	for _, x := range xs {
		switch {
		case math.IsNaN(x):
			nan++
		case !math.IsInf(x, 0):
			known = append(known, x)
		}
	}
	switch {
	case nan == len(xs):
		return "–" // not measured for these runs
	case len(known) == 0:
		return "not finite"
	}
	note := ""
	if bad := len(xs) - len(known); bad > 0 {
		note = fmt.Sprintf(" (%d of %d not finite)", bad, len(xs))
	}
	m, s := meanStd(known)
	f := func(v float64) string {
		if sci {
			return fmt.Sprintf("%.2e", v)
		}
		return fmt.Sprintf("%.1f", v)
	}
	if len(known) < 2 {
		return f(m) + note
	}
	return f(m) + " ± " + f(s) + note
}
