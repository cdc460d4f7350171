package experiments

import (
	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/metrics"
	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/residuals/reference"
)

// Evaluator scores a network against its problem's reference solution on
// a fixed grid.
type Evaluator struct {
	Ref  *reference.Grid
	pts  graph.Points
	pred *graph.Predictor
	// FieldRef is the reference of the problem's recovered field, which
	// is network output number field; nil when the problem has none.
	FieldRef *reference.Grid
	field    int
}

// NewEvaluator computes (or loads from cache) the reference on an nx × nt
// grid and compiles the network's forward graph for it.
func NewEvaluator(p residuals.Problem, net graph.Network, nx, nt int) (*Evaluator, error) {
	if p.Reference == nil {
		return nil, errors.Errorf("%s has no reference solution", p.Name)
	}
	ref, err := p.Reference(nx, nt)
	if err != nil {
		return nil, errors.Wrapf(err, "%s reference", p.Name)
	}
	pts := graph.Points{ref.Names[0]: make([]float64, len(ref.U)), ref.Names[1]: make([]float64, len(ref.U))}
	for j, t := range ref.T {
		for i, x := range ref.X {
			pts[ref.Names[0]][j*len(ref.X)+i] = x
			pts[ref.Names[1]][j*len(ref.X)+i] = t
		}
	}
	pred, err := graph.NewPredictor(net, 4096, nil)
	if err != nil {
		return nil, err
	}
	e := &Evaluator{Ref: ref, pts: pts, pred: pred}
	if err := e.setField(p, nx, nt); err != nil {
		return nil, err
	}
	return e, nil
}

// Predict returns the network's first output on the grid, in the
// reference's order.
func (e *Evaluator) Predict() ([]float64, error) {
	out, err := e.pred.Predict(e.pts)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// errNotFinite is Score's error for a prediction or error that is not
// finite: the network has diverged.
var errNotFinite = errors.New("the prediction or its error is not finite")

// Score returns the error metrics of the network's first output; a
// non-finite prediction or error gives an error for which
// errors.Is(err, errNotFinite).
func (e *Evaluator) Score() (metrics.Summary, error) {
	u, err := e.Predict()
	if err != nil {
		return metrics.Summary{}, err
	}
	for _, v := range u {
		if !isFinite(v) {
			return metrics.Summary{}, errNotFinite
		}
	}
	s, err := metrics.Compute(u, e.Ref.U)
	if err == nil && !(isFinite(s.RelL2) && isFinite(s.LInf) && isFinite(s.MSE)) {
		return s, errNotFinite
	}
	return s, err
}
