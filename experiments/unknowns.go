package experiments

import (
	"math"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/plot"
	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
)

// UnknownMetrics is one component of a learned PDE coefficient in
// metrics.json: its value at the end, and, when the problem knows it, the
// true value and the relative error |value − true| / |true| (absent for a
// true value of 0).
type UnknownMetrics struct {
	Value    float64  `json:"value"`
	True     *float64 `json:"true,omitempty"`
	RelError *float64 `json:"rel_error,omitempty"`
}

// observed returns p as the config observes it: with the relative noise
// of the field "noise" on its observations.
func (c Config) observed(p residuals.Problem) (residuals.Problem, error) {
	if c.Noise == 0 {
		return p, nil
	}
	if err := c.validateNoise(p); err != nil {
		return p, err
	}
	return p.Noisy(c.Noise), nil
}

// validateNoise checks the field "noise" against p.
func (c Config) validateNoise(p residuals.Problem) error {
	switch {
	case c.Noise == 0:
		return nil
	case !(c.Noise > 0 && c.Noise < 1):
		return errors.Errorf("config: field \"noise\" is a fraction of std(u) in [0, 1), got %v", c.Noise)
	case p.Noisy == nil:
		return errors.Errorf("config: field \"noise\": %s has no observations to add noise to", p.Name)
	case c.March != nil:
		return errors.New("config: field \"noise\" with \"time_marching\": windows fit no observations")
	}
	return nil
}

// unknownValues returns the current value of every component of the
// problem's unknowns by parameter name (graph.Unknown.ParamName).
func (t *Trainer) unknownValues() (map[string]float64, error) {
	if len(t.Problem.Unknowns) == 0 {
		return nil, nil
	}
	out := map[string]float64{}
	for _, u := range t.Problem.Unknowns {
		v, err := graph.UnknownValue(t.Model, u)
		if err != nil {
			return nil, err
		}
		for i, x := range v {
			out[u.ParamName(i)] = x
		}
	}
	return out, nil
}

// addUnknowns reports the unknowns' values, and their errors where the
// true values are known, in m.
func (t *Trainer) addUnknowns(m *Metrics) error {
	values, err := t.unknownValues()
	if err != nil || values == nil {
		return err
	}
	m.Unknowns = map[string]UnknownMetrics{}
	for _, u := range t.Problem.Unknowns {
		for i := range u.Size() {
			name := u.ParamName(i)
			um := UnknownMetrics{Value: values[name]}
			if u.True != nil {
				truth := u.True[i]
				um.True = &truth
				if truth != 0 {
					rel := math.Abs(um.Value-truth) / math.Abs(truth)
					um.RelError = &rel
				}
			}
			m.Unknowns[name] = um
		}
	}
	return nil
}

// unknownsPanel returns the relative error of every unknown's component
// with a non-zero true value over the steps, nil when there is none.
func unknownsPanel(us []graph.Unknown, history []Row) plot.Panel {
	chart := plot.LineChart{Title: "unknown coefficients", XLabel: "step", YLabel: "relative error", LogY: true}
	for _, u := range us {
		for i, truth := range u.True {
			if truth == 0 {
				continue
			}
			key := "unknown_" + u.ParamName(i)
			chart.Series = append(chart.Series, WindowSeries(u.ParamName(i), history, true, func(r Row) (float64, bool) {
				v, ok := r.Diag[key]
				return math.Abs(v-truth) / math.Abs(truth), ok
			}))
		}
	}
	if len(chart.Series) == 0 {
		return nil
	}
	return &chart
}

// unknownDiag returns the unknowns' values as history columns
// unknown_NAME, nil for a problem without unknowns.
func (t *Trainer) unknownDiag() map[string]float64 {
	values, err := t.unknownValues()
	if err != nil || values == nil {
		// Build declared every unknown in the network: no lookup fails.
		return nil
	}
	d := map[string]float64{}
	for name, v := range values {
		d["unknown_"+name] = v
	}
	return d
}
