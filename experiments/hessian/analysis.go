package hessian

import (
	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/solvers"
)

// The preconditioners an analysis applies, by name.
const (
	Raw         = "raw"         // the Hessian itself
	Adam        = "adam"        // D from Adam's second moment of the total gradient
	AutoBalance = "autobalance" // D from AutoBalance's second moment of the term's gradient
)

// Result is the spectrum of one term's Hessian under one preconditioner at
// one step.
type Result struct {
	Step           int    `json:"step"`
	Term           string `json:"term"`
	Preconditioner string `json:"preconditioner"`
	// Source says where D came from: "solver" (the trained solver's own
	// state), "tracked" (Moments observed along this run), "" for raw.
	Source string `json:"source,omitempty"`
	Spectrum
}

// At analyses the Hessians of the given terms (indices into the loss's
// terms) of a trainer's loss at its current parameters and points: raw,
// and preconditioned by Adam's and AutoBalance's diagonals, each taken
// from the trainer's solver when it is that solver and from m otherwise (a
// preconditioner neither has is left out). The parameters are unchanged
// afterwards, bit for bit.
func At(t *experiments.Trainer, m *Moments, terms []int, s Settings) ([]Result, error) {
	ps := t.Loss.Network().Params()
	w0, err := Flatten(ps)
	if err != nil {
		return nil, err
	}
	defer SetFlat(ps, w0)
	eps := 1e-8
	switch sv := t.Solver.(type) {
	case *solvers.Adam:
		eps = sv.Eps
	case *solvers.AutoBalance:
		eps = sv.Eps
	}
	var out []Result
	names := t.Loss.Terms()
	for _, k := range terms {
		grad, err := TermGradient(t.Loss, k)
		if err != nil {
			return nil, err
		}
		raw := &FiniteDifference{Grad: grad, W: w0}
		for _, name := range []string{Raw, Adam, AutoBalance} {
			op, source := Operator(raw), ""
			if name != Raw {
				vhat, src := secondMoment(t.Solver, m, name, k)
				if vhat == nil {
					continue
				}
				op, source = &Preconditioned{A: raw, D: AdamDiagonal(vhat, eps)}, src
			}
			sp, err := Analyze(op, s)
			if err != nil {
				return nil, errors.Wrapf(err, "term %s, %s", names[k], name)
			}
			out = append(out, Result{Step: t.StepCount(), Term: names[k], Preconditioner: name, Source: source, Spectrum: sp})
		}
	}
	return out, SetFlat(ps, w0)
}

// secondMoment returns the flattened bias-corrected second moment of the
// named preconditioner for term k and where it came from, or nil.
func secondMoment(s solvers.Solver, m *Moments, name string, k int) ([]float64, string) {
	var own [][]float64
	switch sv := s.(type) {
	case *solvers.Adam:
		if name == Adam {
			own = sv.SecondMoment()
		}
	case *solvers.AutoBalance:
		if name == AutoBalance {
			own = sv.SecondMoment(k)
		}
	}
	if own != nil {
		var flat []float64
		for _, v := range own {
			flat = append(flat, v...)
		}
		return flat, "solver"
	}
	if m == nil {
		return nil, ""
	}
	if name == Adam {
		if v := m.Adam(); v != nil {
			return v, "tracked"
		}
		return nil, ""
	}
	if v := m.Term(k); v != nil {
		return v, "tracked"
	}
	return nil, ""
}
