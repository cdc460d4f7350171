package experiments

import (
	"fmt"
	"math"
	"path/filepath"

	"github.com/pinngo/pinn/experiments/plot"
	"github.com/pinngo/pinn/residuals/reference"
)

// writePlots draws solution.png (reference, prediction, error) and
// loss.png (losses and error over the steps, and the unknowns' errors for
// an inverse problem that knows their true values) into dir.
func (t *Trainer) writePlots(dir string) error {
	pred, err := t.Eval.Predict()
	if err != nil {
		return err
	}
	title := fmt.Sprintf("%s, %s after %d steps", t.Config.PDE, t.Config.Solver, t.step)
	rows := [][]plot.Panel{solutionPanels(t.Eval.Ref, pred, title, "u")}
	if t.Eval.FieldRef != nil { // an inverse problem: the recovered field too
		q, err := t.Eval.PredictField()
		if err != nil {
			return err
		}
		rows = append(rows, solutionPanels(t.Eval.FieldRef, q, title, t.Problem.Field.Name))
	}
	if err := plot.Save(filepath.Join(dir, "solution.png"), rows, plot.DefaultSize); err != nil {
		return err
	}
	panels := historyPanels(t.Loss.Terms(), t.Config.Solver, t.History)
	if p := unknownsPanel(t.Problem.Unknowns, t.History); p != nil {
		panels = append(panels, p)
	}
	return plot.Save(filepath.Join(dir, "loss.png"), [][]plot.Panel{panels}, plot.DefaultSize)
}

// solutionPanels returns heat maps of the reference of a field, its
// prediction (on the same colour scale) and the absolute error.
func solutionPanels(ref *reference.Grid, pred []float64, title, field string) []plot.Panel {
	lo, hi := plot.Range(ref.U, pred)
	abs := AbsError(pred, ref.U)
	return []plot.Panel{
		HeatOf(ref, ref.U, field+": reference", plot.Diverging, lo, hi),
		HeatOf(ref, pred, field+": "+title, plot.Diverging, lo, hi),
		HeatOf(ref, abs, field+": absolute error", plot.Sequential, 0, 0),
	}
}

// HeatOf lays a field on the reference grid out as a heat map: time along
// the horizontal axis for (x, t) problems, as in the papers' figures, and x
// along it for (x, y) problems.
func HeatOf(ref *reference.Grid, z []float64, title string, c plot.Colours, lo, hi float64) *plot.HeatMap {
	h := &plot.HeatMap{Title: title, Colours: c, Min: lo, Max: hi}
	nx := len(ref.X)
	if ref.Names[1] != "t" {
		h.Cols, h.Rows, h.Z = ref.X, ref.T, z
		h.XLabel, h.YLabel = ref.Names[0], ref.Names[1]
		return h
	}
	h.Cols, h.Rows = ref.T, ref.X
	h.XLabel, h.YLabel = ref.Names[1], ref.Names[0]
	h.Z = make([]float64, len(z))
	for j := range ref.T {
		for i := range ref.X {
			h.Z[i*len(ref.T)+j] = z[j*nx+i]
		}
	}
	return h
}

// historyPanels returns the loss terms and total, and the relative L2
// error at the evaluation steps, over the steps, on log axes.
func historyPanels(names []string, solver string, history []Row) []plot.Panel {
	losses := plot.LineChart{Title: "loss", XLabel: "step", YLabel: "mean squared residual", LogY: true}
	for k, name := range names {
		losses.Series = append(losses.Series, HistorySeries(name, history, func(r Row) float64 { return r.Losses[k] }))
	}
	losses.Series = append(losses.Series, HistorySeries("total (weighted)", history, func(r Row) float64 { return r.Loss }))
	errs := plot.LineChart{Title: "error against the reference", XLabel: "step", YLabel: "relative L2 error", LogY: true, Points: true}
	errs.Series = []plot.Series{EvalSeries(solver, history)}
	return []plot.Panel{&losses, &errs}
}

// maxLinePoints bounds the points of a loss curve: a minibatch loss is
// noisy, and window means read better than thousands of raw values.
const maxLinePoints = 500

// HistorySeries returns a positive f over the history, averaged
// geometrically over windows when the history is long.
func HistorySeries(name string, h []Row, f func(Row) float64) plot.Series {
	return WindowSeries(name, h, true, func(r Row) (float64, bool) { return f(r), true })
}

// EvalSeries returns the relative L2 error at the evaluated steps.
func EvalSeries(name string, h []Row) plot.Series {
	s := plot.Series{Name: name}
	for _, r := range h {
		if !math.IsNaN(r.RelL2) {
			s.X = append(s.X, float64(r.Step))
			s.Y = append(s.Y, r.RelL2)
		}
	}
	return s
}

// WindowSeries returns f over the history where it is defined, averaged
// over windows of steps when the history is long: geometrically for
// positive quantities such as ratios, arithmetically otherwise.
func WindowSeries(name string, h []Row, geometric bool, f func(Row) (float64, bool)) plot.Series {
	w := max(1, (len(h)+maxLinePoints-1)/maxLinePoints)
	s := plot.Series{Name: name}
	for lo := 0; lo < len(h); lo += w {
		hi := min(lo+w, len(h))
		var sum float64
		n := 0
		for _, r := range h[lo:hi] {
			v, ok := f(r)
			if !ok || math.IsNaN(v) || math.IsInf(v, 0) || (geometric && v <= 0) {
				continue
			}
			if geometric {
				v = math.Log(v)
			}
			sum += v
			n++
		}
		if n == 0 {
			continue
		}
		m := sum / float64(n)
		if geometric {
			m = math.Exp(m)
		}
		s.X = append(s.X, float64(h[hi-1].Step))
		s.Y = append(s.Y, m)
	}
	return s
}

// AbsError returns |pred − ref| pointwise.
func AbsError(pred, ref []float64) []float64 {
	e := make([]float64, len(pred))
	for i, u := range pred {
		e[i] = math.Abs(u - ref[i])
	}
	return e
}
