package experiments

import (
	"math"
	"slices"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/solvers"
)

// observe records the diagnostics of a step's raw gradients and lets the
// balancer set the weights of the steps to come. It runs before the
// solver's update, which may overwrite the gradients (a line search).
func (t *Trainer) observe(gr *graph.Gradients) error {
	t.diag = gradientDiag(gr)
	if t.balancer == nil {
		return nil
	}
	if t.diag == nil { // a single term (hard constraints) has no gradient comparison
		t.diag = map[string]float64{}
	}
	for k, name := range gr.Names {
		t.diag["w_"+name] = gr.Weights[k]
	}
	return t.balancer.Balance(t.step+1, gr, t.Loss)
}

// collectDiag returns the step's diagnostics with the solver's own and
// the unknowns' values added.
func (t *Trainer) collectDiag() map[string]float64 {
	d := t.diag
	t.diag = nil
	if u := t.unknownDiag(); u != nil {
		if d == nil {
			d = map[string]float64{}
		}
		for k, v := range u {
			d[k] = v
		}
	}
	if c := t.causalDiag(); c != nil {
		if d == nil {
			d = map[string]float64{}
		}
		for k, v := range c {
			d[k] = v
		}
	}
	if s, ok := t.Solver.(solvers.Diagnoser); ok {
		if d == nil {
			d = map[string]float64{}
		}
		for k, v := range s.Diagnostics() {
			d[k] = v
		}
	}
	return d
}

// gradientDiag compares the gradient of the interior residual (the term
// with graph.RoleInterior) with the summed gradient of the other terms:
// the ratio of their norms and the cosine of their angle. A ratio far
// from 1 or a negative cosine is the imbalance loss-balancing methods
// address.
func gradientDiag(gr *graph.Gradients) map[string]float64 {
	in := slices.Index(gr.Roles, graph.RoleInterior)
	if len(gr.Terms) < 2 || in < 0 {
		return nil
	}
	var pp, rr, pr float64
	rest := make([][]float64, 0, len(gr.Terms)-1)
	for i := range gr.Total {
		rest = rest[:0]
		for k := range gr.Terms {
			if k != in {
				rest = append(rest, floatsOf(gr.Terms[k][i]))
			}
		}
		for j, v := range floatsOf(gr.Terms[in][i]) {
			var r float64
			for _, g := range rest {
				r += g[j]
			}
			pp += v * v
			rr += r * r
			pr += v * r
		}
	}
	return map[string]float64{
		"grad_ratio": math.Sqrt(pp / rr),
		"grad_cos":   pr / math.Sqrt(pp*rr),
	}
}

// floatsOf returns a tensor's values as float64 (a view for float64 data).
func floatsOf(t *tensor.Dense) []float64 {
	if d, ok := t.Data().([]float64); ok {
		return d
	}
	return paramValues(t)
}
