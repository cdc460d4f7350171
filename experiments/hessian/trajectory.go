package hessian

import (
	"context"
	"fmt"
	"io"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/solvers"
)

// Plan says when and what a trajectory analyses.
type Plan struct {
	Every    int   // analyse every Every steps; 0: only at the start and the end
	Until    int   // the step to train to
	Terms    []int // indices of the loss terms to analyse
	Settings Settings
}

// Trajectory trains t from its current step to plan.Until and analyses
// its terms (At) at the start, every plan.Every steps and at the end,
// tracking Adam's and AutoBalance's second moments along the way for the
// preconditioner the trained solver does not hold. At step 0 the tracked
// moments are those of the first gradient alone (v̂ = g², what the first
// step divides by). Each analysis leaves the parameters and points as
// they were, so the steps are those of the run without analysis. A line
// per analysis goes to log.
func Trajectory(ctx context.Context, t *experiments.Trainer, plan Plan, log io.Writer) ([]Result, error) {
	if plan.Every < 0 || plan.Until < t.StepCount() {
		return nil, errors.Errorf("hessian: every %d steps until step %d from step %d", plan.Every, plan.Until, t.StepCount())
	}
	var m *Moments
	if t.StepCount() == 0 {
		m = NewMoments(beta2(t))
	}
	analyse := func() ([]Result, error) {
		at := m
		if t.StepCount() == 0 {
			gr, err := t.Loss.Compute()
			if err != nil {
				return nil, err
			}
			at = NewMoments(m.Beta2)
			at.Observe(gr)
		}
		rs, err := At(t, at, plan.Terms, plan.Settings)
		for _, r := range rs {
			fmt.Fprintf(log, "step %d  %-6s %-11s λ ∈ [%.4g, %.4g]  κ_eff %.4g  κ_q %.4g\n", r.Step, r.Term, r.Preconditioner, r.Min, r.Max, r.Kappa, r.KappaQuantile)
		}
		return rs, err
	}
	var out []Result
	for {
		s := t.StepCount()
		if s == plan.Until || (plan.Every > 0 && s%plan.Every == 0) || len(out) == 0 {
			rs, err := analyse()
			if err != nil {
				return out, errors.Wrapf(err, "hessian: step %d", s)
			}
			out = append(out, rs...)
		}
		if s == plan.Until {
			return out, nil
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		gr, err := t.Step()
		if err != nil {
			return out, err
		}
		if m != nil {
			m.Observe(gr)
		}
	}
}

// beta2 returns the trained solver's β₂ when it is Adam or AutoBalance,
// else Adam's default 0.999.
func beta2(t *experiments.Trainer) float64 {
	switch s := t.Solver.(type) {
	case *solvers.Adam:
		return s.Beta2
	case *solvers.AutoBalance:
		return s.Beta2
	}
	return 0.999
}
