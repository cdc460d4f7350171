package experiments

import (
	"math"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/metrics"
	"github.com/pinngo/pinn/residuals"
)

// setField prepares scoring of the problem's recovered field, when it has
// one, on the same grid as u.
func (e *Evaluator) setField(p residuals.Problem, nx, nt int) error {
	if p.Field == nil {
		return nil
	}
	ref, err := p.Field.Reference(nx, nt)
	if err != nil {
		return errors.Wrapf(err, "%s reference of %s", p.Name, p.Field.Name)
	}
	if len(ref.X) != len(e.Ref.X) || len(ref.T) != len(e.Ref.T) {
		return errors.Errorf("%s: the reference of %s has a %d × %d grid, that of u %d × %d", p.Name, p.Field.Name, len(ref.X), len(ref.T), len(e.Ref.X), len(e.Ref.T))
	}
	for i := range ref.X {
		if math.Abs(ref.X[i]-e.Ref.X[i]) > 1e-12 {
			return errors.Errorf("%s: the reference grids of %s and u differ", p.Name, p.Field.Name)
		}
	}
	for j := range ref.T {
		if math.Abs(ref.T[j]-e.Ref.T[j]) > 1e-12 {
			return errors.Errorf("%s: the reference grids of %s and u differ", p.Name, p.Field.Name)
		}
	}
	e.FieldRef, e.field = ref, p.Field.Output
	return nil
}

// PredictField returns the recovered field on the grid; nil when the
// problem has none.
func (e *Evaluator) PredictField() ([]float64, error) {
	if e.FieldRef == nil {
		return nil, nil
	}
	out, err := e.pred.Predict(e.pts)
	if err != nil {
		return nil, err
	}
	return out[e.field], nil
}

// ScoreField returns the error metrics of the recovered field; ok is false
// when the problem has none.
func (e *Evaluator) ScoreField() (s metrics.Summary, ok bool, err error) {
	if e.FieldRef == nil {
		return metrics.Summary{}, false, nil
	}
	q, err := e.PredictField()
	if err != nil {
		return metrics.Summary{}, false, err
	}
	s, err = metrics.Compute(q, e.FieldRef.U)
	return s, err == nil, err
}

// addField puts the recovered field's errors into m, when there is one.
func (t *Trainer) addField(m *Metrics) error {
	s, ok, err := t.Eval.ScoreField()
	if err != nil || !ok {
		return err
	}
	m.RelL2Field, m.LInfField = &s.RelL2, &s.LInf
	return nil
}
