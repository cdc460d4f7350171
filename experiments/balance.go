package experiments

import (
	"math"
	"slices"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// BalanceConfig selects a "pre-combine" loss-balancing scheme: one that
// changes the loss weights before the terms' gradients are summed for a
// single optimizer (compare the AutoBalance solvers, which give each term
// its own optimizer state instead).
type BalanceConfig struct {
	// Method is "" or "none" for fixed weights, or "lra" for the
	// learning-rate annealing of Wang, Teng & Perdikaris (2021, Alg. 1).
	Method string `json:"method,omitempty"`
	// Every is the number of steps between weight updates (default 10).
	Every int `json:"every,omitempty"`
	// Alpha is the weight of the new estimate in the moving average
	// λ ← (1 − α) λ + α λ̂ (default 0.9, as the paper writes it; some
	// implementations keep 0.9 of the old value instead: alpha 0.1).
	Alpha float64 `json:"alpha,omitempty"`
}

// balancer adapts the loss weights between steps.
type balancer interface {
	// Balance sees the gradients of step `step` and may set the weights
	// of the steps after it. The weights are part of the loss's state, so
	// a balancer whose only state they are needs no checkpoint of its own.
	Balance(step int, gr *graph.Gradients, l *graph.Loss) error
}

// balanceMethods returns the names of BalanceConfig.Method besides "".
func balanceMethods() []string { return []string{"none", "lra"} }

// validate checks the method's name and parameters.
func (b BalanceConfig) validate() error {
	if b.Method != "" && !slices.Contains(balanceMethods(), b.Method) {
		return errors.Errorf("config: field \"balance.method\": unknown method %q (want none or lra)", b.Method)
	}
	if b.Every < 0 {
		return errors.Errorf("config: field \"balance.every\" must be non-negative, got %d", b.Every)
	}
	if !(b.Alpha >= 0 && b.Alpha <= 1) {
		return errors.Errorf("config: field \"balance.alpha\" must be in [0, 1], got %v", b.Alpha)
	}
	return nil
}

// newBalancer returns the configured balancer, nil for fixed weights.
func (b BalanceConfig) newBalancer() balancer {
	if b.Method != "lra" {
		return nil
	}
	l := &annealing{every: b.Every, alpha: b.Alpha}
	if l.every == 0 {
		l.every = 10
	}
	if l.alpha == 0 {
		l.alpha = 0.9
	}
	return l
}

// annealing is learning-rate annealing: every few steps each condition
// term k gets the estimate λ̂_k = max|∇L_r| / mean|∇L_k| (unweighted
// gradients, r the interior residual, the first term), smoothed by a moving
// average. The new weights apply from the next step on. The residual's own
// weight stays as configured.
type annealing struct {
	every int
	alpha float64
}

func (a *annealing) Balance(step int, gr *graph.Gradients, l *graph.Loss) error {
	in := slices.Index(gr.Roles, graph.RoleInterior)
	if step%a.every != 0 || len(gr.Terms) < 2 || in < 0 {
		return nil
	}
	maxR := 0.0
	if w := gr.Weights[in]; w > 0 {
		maxR = maxAbs(gr.Terms[in]) / w
	}
	for k := range gr.Terms {
		w := gr.Weights[k]
		if k == in || w == 0 {
			continue // its unweighted gradient is unknown; keep it off
		}
		mean := meanAbs(gr.Terms[k]) / w
		if !(mean > 0) || !(maxR > 0) {
			continue
		}
		est := maxR / mean
		if err := l.SetWeight(k, (1-a.alpha)*w+a.alpha*est); err != nil {
			return err
		}
	}
	return nil
}

// maxAbs returns the largest |g| over all parameters.
func maxAbs(ts []*tensor.Dense) float64 {
	m := 0.0
	for _, t := range ts {
		for _, v := range floatsOf(t) {
			m = math.Max(m, math.Abs(v))
		}
	}
	return m
}

// meanAbs returns the mean |g| over all parameters.
func meanAbs(ts []*tensor.Dense) float64 {
	var s float64
	n := 0
	for _, t := range ts {
		for _, v := range floatsOf(t) {
			s += math.Abs(v)
		}
		n += t.Shape().TotalSize()
	}
	return s / float64(n)
}
