package experiments

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"

	"github.com/pinngo/pinn/experiments/metrics"
	"github.com/pinngo/pinn/experiments/plot"
	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/residuals/reference"
)

// writeMarch scores the windows together against the whole reference and
// writes the run's metrics.json, history.csv (the windows' histories one
// after another, steps and wall time counted from the run's start; each
// rel_l2 is that of its window alone), solution.png and loss.png.
func writeMarch(cfg Config, p residuals.Problem, bounds []float64, windows []*Trainer, ms []*Metrics, dir string) (*marchRun, error) {
	ref, err := p.Reference(cfg.Eval.NX, cfg.Eval.NT)
	if err != nil {
		return nil, err
	}
	pred, err := marchPredict(ref, bounds, windows)
	if err != nil {
		return nil, err
	}
	s, err := metrics.Compute(pred, ref.U)
	if err != nil {
		return nil, err
	}
	m, history := joinWindows(bounds, windows, ms)
	m.InitialLoss, m.RelL2, m.LInf, m.MSE = ms[0].InitialLoss, s.RelL2, s.LInf, s.MSE
	names := windows[0].Loss.Terms()
	if err := writeHistory(filepath.Join(dir, "history.csv"), names, history); err != nil {
		return nil, err
	}
	if err := writeJSON(filepath.Join(dir, "metrics.json"), m); err != nil {
		return nil, err
	}
	title := fmt.Sprintf("%s, %s, %d windows × %d steps", cfg.PDE, cfg.Solver, len(windows), cfg.Steps)
	if err := plot.Save(filepath.Join(dir, "solution.png"), [][]plot.Panel{solutionPanels(ref, pred, title, "u")}, plot.DefaultSize); err != nil {
		return nil, err
	}
	if err := plot.Save(filepath.Join(dir, "loss.png"), [][]plot.Panel{historyPanels(names, cfg.Solver, history)}, plot.DefaultSize); err != nil {
		return nil, err
	}
	return &marchRun{Metrics: &m, History: history, Ref: ref, Pred: pred}, nil
}

// joinWindows returns the windows' metrics summed (steps, parameters,
// wall time; the median of their step times), with one entry each in
// Windows, the rest as the last window's; and their histories one after
// another, steps and wall time counted from the run's start.
func joinWindows(bounds []float64, windows []*Trainer, ms []*Metrics) (Metrics, []Row) {
	m := *ms[len(ms)-1]
	m.Steps, m.Params, m.WallS, m.Windows = 0, 0, 0, nil
	var stepMS []float64
	var history []Row
	for k, w := range ms {
		for _, r := range windows[k].History {
			r.Step += m.Steps
			r.WallS += m.WallS
			history = append(history, r)
		}
		m.Steps += w.Steps
		m.Params += w.Params
		m.WallS += w.WallS
		stepMS = append(stepMS, w.StepMS)
		m.Windows = append(m.Windows, WindowMetrics{From: bounds[k], To: bounds[k+1], RelL2: w.RelL2, FinalLoss: w.FinalLoss, WallS: w.WallS})
	}
	sort.Float64s(stepMS)
	m.StepMS = stepMS[len(stepMS)/2]
	return m, history
}

// writeMarchDiverged writes what a time-marching run whose window k
// diverged leaves in dir, as a run without windows does (see
// saveDiverged): metrics.json marked diverged, with the errors and final
// loss unknown, and history.csv of the windows trained so far. windows and
// ms hold the finished windows then window k, whose metrics.json Train
// has written.
func writeMarchDiverged(cfg Config, bounds []float64, windows []*Trainer, k int, why *DivergedError, dir string) error {
	ms := make([]*Metrics, k+1)
	for j := range ms {
		var err error
		if ms[j], err = readMetrics(windowDir(dir, j)); err != nil {
			return err
		}
	}
	m, history := joinWindows(bounds, windows[:k+1], ms)
	m.InitialLoss = ms[0].InitialLoss
	m.Diverged = fmt.Sprintf("window %d of %d: %s", k+1, cfg.March.Windows, why.Error())
	if err := writeHistory(filepath.Join(dir, "history.csv"), windows[0].Loss.Terms(), history); err != nil {
		return err
	}
	return writeJSON(filepath.Join(dir, "metrics.json"), m)
}

// marchPredict returns the windows' prediction on the reference grid: each
// time row from the window that contains it, the later one at a boundary.
func marchPredict(ref *reference.Grid, bounds []float64, windows []*Trainer) ([]float64, error) {
	nx, n := len(ref.X), len(windows)
	rows := make([][]int, n)
	for j, t := range ref.T {
		k := sort.Search(n, func(k int) bool { return bounds[k+1] > t+1e-9*math.Max(1, math.Abs(t)) })
		rows[min(k, n-1)] = append(rows[min(k, n-1)], j)
	}
	out := make([]float64, len(ref.U))
	for k, js := range rows {
		if len(js) == 0 {
			continue
		}
		pts := graph.Points{ref.Names[0]: make([]float64, 0, len(js)*nx), ref.Names[1]: make([]float64, 0, len(js)*nx)}
		for _, j := range js {
			pts[ref.Names[0]] = append(pts[ref.Names[0]], ref.X...)
			for range ref.X {
				pts[ref.Names[1]] = append(pts[ref.Names[1]], ref.T[j])
			}
		}
		u, err := windows[k].Eval.pred.Predict(pts)
		if err != nil {
			return nil, err
		}
		for r, j := range js {
			copy(out[j*nx:(j+1)*nx], u[0][r*nx:(r+1)*nx])
		}
	}
	return out, nil
}
