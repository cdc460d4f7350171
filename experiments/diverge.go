package experiments

import (
	"fmt"
	"math"
	"path/filepath"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// DivergedError stops a run whose loss, gradient or evaluation error is no
// longer finite. The run's directory keeps its history, its last checkpoint
// with finite parameters, and a metrics.json marked "diverged".
type DivergedError struct {
	Step int    // the step whose numbers were not finite
	What string // "loss", "gradient" or "evaluation error"
}

func (e *DivergedError) Error() string {
	return fmt.Sprintf("diverged: non-finite %s at step %d; history.csv and the last finite checkpoint are kept (try a smaller learning rate)", e.What, e.Step)
}

// blowUp is how many times its first value the loss may grow before the
// run warns that it may be diverging.
const blowUp = 1e4

// checkFinite returns a *DivergedError when the step's losses or total
// gradient are not finite.
func checkFinite(step int, gr *graph.Gradients) error {
	if !isFinite(gr.Loss) {
		return &DivergedError{Step: step, What: "loss"}
	}
	for _, l := range gr.Losses {
		if !isFinite(l) {
			return &DivergedError{Step: step, What: "loss"}
		}
	}
	for _, g := range gr.Total {
		if !finiteTensor(g) {
			return &DivergedError{Step: step, What: "gradient"}
		}
	}
	return nil
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// finiteTensor reports whether every value of a float tensor is finite.
func finiteTensor(v *tensor.Dense) bool {
	switch d := v.Data().(type) {
	case []float64:
		for _, x := range d {
			if x-x != 0 { // NaN or ±Inf
				return false
			}
		}
	case []float32:
		for _, x := range d {
			if x-x != 0 {
				return false
			}
		}
	}
	return true
}

// finiteParams reports whether the network's parameters are all finite.
func (t *Trainer) finiteParams() bool {
	for _, p := range t.Net.Params() {
		if !finiteTensor(p.Value) {
			return false
		}
	}
	return true
}

// blowUpWarning returns the warning for a loss that has grown blowUp times
// above the run's first loss, or "".
func (t *Trainer) blowUpWarning(loss float64) string {
	if len(t.History) == 0 || !(loss > blowUp*t.History[0].Loss) {
		return ""
	}
	return fmt.Sprintf("warning: the loss %.3e at step %d is over %.0e times its first value %.3e: the run may be diverging (try a smaller learning rate)",
		loss, t.step, blowUp, t.History[0].Loss)
}

// saveDiverged keeps what a diverged run leaves in dir: its history, a
// checkpoint when the parameters are finite and there is a step to save
// (otherwise the last one stays), and metrics.json marked diverged, with
// the errors and final loss unknown.
func (t *Trainer) saveDiverged(dir string, why *DivergedError) error {
	if t.step > 0 && t.finiteParams() {
		if err := t.SaveCheckpoint(filepath.Join(dir, CheckpointFile)); err != nil {
			return err
		}
	}
	if err := writeHistory(filepath.Join(dir, "history.csv"), t.Loss.Terms(), t.History); err != nil {
		return err
	}
	nan := math.NaN()
	m := &Metrics{PDE: t.Config.PDE, Solver: t.Config.Solver, Steps: t.step, Seed: t.Config.Seed,
		Dtype: t.Config.Dtype, Points: t.interiorPoints(), InitialLoss: nan, FinalLoss: nan,
		RelL2: nan, LInf: nan, MSE: nan, WallS: t.Wall().Seconds(), StepMS: float64(t.MedianStep().Microseconds()) / 1000,
		Diverged: why.Error()}
	if len(t.History) > 0 {
		m.InitialLoss = t.History[0].Loss
	}
	for _, p := range t.Net.Params() {
		m.Params += p.Value.Shape().TotalSize()
	}
	return writeJSON(filepath.Join(dir, "metrics.json"), m)
}
