package solvers

import (
	"math"

	"github.com/pkg/errors"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// Adam is the Adam optimizer with bias correction (Kingma & Ba 2015) and,
// when WeightDecay > 0, AdamW's decoupled weight decay (Loshchilov & Hutter
// 2019). Moments are kept in float64 whatever the parameters' dtype.
type Adam struct {
	LR, Beta1, Beta2, Eps, WeightDecay float64
	st                                 adamState
}

// adamState is what Adam carries from step to step.
type adamState struct {
	Step int
	M, V [][]float64
}

func adamSpec() Spec {
	return adamFamilySpec("adam", "Adam with bias correction", false, NewAdam)
}

func adamWSpec() Spec {
	return adamFamilySpec("adamw", "Adam with decoupled weight decay", true, NewAdam)
}

// adamFamilySpec returns the spec of a solver with Adam's hyper-parameters,
// and AdamW's weight_decay when decay is set; build receives weight decay 0
// otherwise.
func adamFamilySpec[S Solver](name, summary string, decay bool, build func(lr, beta1, beta2, eps, wd float64) (S, error)) Spec {
	return Spec{Name: name, Summary: summary, Defaults: adamDefaults(decay), New: func(h Hyper) (Solver, error) {
		s, err := build(h["lr"], h["beta1"], h["beta2"], h["eps"], h["weight_decay"])
		if err != nil {
			return nil, err
		}
		return s, nil
	}}
}

// adamDefaults returns Adam's default hyper-parameters, and AdamW's
// weight_decay when decay is set.
func adamDefaults(decay bool) Hyper {
	h := Hyper{"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
	if decay {
		h["weight_decay"] = 0.01
	}
	return h
}

// NewAdam returns an Adam solver; weightDecay > 0 makes it AdamW.
func NewAdam(lr, beta1, beta2, eps, weightDecay float64) (*Adam, error) {
	if err := checkAdam(lr, beta1, beta2, eps, weightDecay); err != nil {
		return nil, err
	}
	return &Adam{LR: lr, Beta1: beta1, Beta2: beta2, Eps: eps, WeightDecay: weightDecay}, nil
}

func checkAdam(lr, beta1, beta2, eps, wd float64) error {
	switch {
	case !(lr > 0):
		return errors.Errorf("lr must be positive, got %v", lr)
	case !(beta1 >= 0 && beta1 < 1), !(beta2 >= 0 && beta2 < 1):
		return errors.Errorf("beta1 and beta2 must be in [0, 1), got %v and %v", beta1, beta2)
	case !(eps >= 0), !(wd >= 0):
		return errors.Errorf("eps and weight_decay must be non-negative, got %v and %v", eps, wd)
	}
	return nil
}

// Update applies one Adam step with the total-loss gradient.
func (a *Adam) Update(gr *graph.Gradients) error {
	values := paramTensors(gr.Params)
	return a.apply(values, gr.Total)
}

// Step makes Adam a gorgonia.Solver: it updates each node's value from its
// gradient, leaving the gradient untouched.
func (a *Adam) Step(vgs []gorgonia.ValueGrad) error {
	values := make([]*tensor.Dense, len(vgs))
	grads := make([]*tensor.Dense, len(vgs))
	for i, vg := range vgs {
		g, err := vg.Grad()
		if err != nil {
			return errors.Wrap(err, "adam: reading gradient")
		}
		v, ok1 := vg.Value().(*tensor.Dense)
		gd, ok2 := g.(*tensor.Dense)
		if !ok1 || !ok2 {
			return errors.Errorf("adam: parameter %d is not a dense tensor", i)
		}
		values[i], grads[i] = v, gd
	}
	return a.apply(values, grads)
}

// apply runs the update rule on parallel lists of values and gradients.
func (a *Adam) apply(values, grads []*tensor.Dense) error {
	g := make([][]float64, len(grads))
	for i, t := range grads {
		g[i] = floats(t)
	}
	return a.step(values, g)
}

// step runs the update rule with the gradients as float64 values, one
// slice per parameter tensor; mismatched sizes are an error that leaves the
// parameters and the state untouched.
func (a *Adam) step(values []*tensor.Dense, grads [][]float64) error {
	if err := checkSizes(grads, values); err != nil {
		return errors.Wrap(err, "adam: gradients")
	}
	if err := a.st.init(values); err != nil {
		return err
	}
	a.st.Step++
	r := newAdamRule(a.Beta1, a.Beta2, a.Eps, a.st.Step)
	for i := range values {
		m, v, g := a.st.M[i], a.st.V[i], grads[i]
		update(values[i], func(j int, w float64) float64 {
			return w - a.LR*(r.direction(&m[j], &v[j], g[j])+a.WeightDecay*w)
		})
	}
	return nil
}

// adamRule is Adam's per-element rule at one step: the decay rates, the
// bias corrections 1−β^t and ε.
type adamRule struct{ beta1, beta2, c1, c2, eps float64 }

// newAdamRule returns the rule for step t (counted from 1).
func newAdamRule(beta1, beta2, eps float64, t int) adamRule {
	return adamRule{beta1: beta1, beta2: beta2, eps: eps,
		c1: 1 - math.Pow(beta1, float64(t)), c2: 1 - math.Pow(beta2, float64(t))}
}

// direction advances the moments m and v with the gradient g and returns
// the bias-corrected direction m̂/(√v̂+ε).
func (r adamRule) direction(m, v *float64, g float64) float64 {
	*m = r.beta1**m + (1-r.beta1)*g
	*v = r.beta2**v + (1-r.beta2)*g*g
	return *m / r.c1 / (math.Sqrt(*v/r.c2) + r.eps)
}

// State serialises the step count and both moments.
func (a *Adam) State() ([]byte, error) { return encodeState("adam", a.st) }

// Restore sets the step count and moments.
func (a *Adam) Restore(b []byte) error { return decodeState("adam", b, &a.st) }

// init allocates zero moments on first use and checks shapes afterwards.
func (s *adamState) init(values []*tensor.Dense) error {
	if s.M == nil {
		s.M, s.V = zeros(values), zeros(values)
	}
	return errors.Wrap(checkSizes(s.M, values), "adam: solver state")
}
