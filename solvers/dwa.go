package solvers

import (
	"math"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
)

// DWA is Dynamic Weight Average (Liu, Johns & Davison 2019), a pre-combine
// baseline of the AutoBalance paper: one Adam (or, with WeightDecay > 0,
// AdamW) state steps on Σ_k λ_k gr.Terms[k], with term weights
// λ_k = K·softmax(r_k/T) and r_k = L_k(t−1)/L_k(t−2) the ratio of term
// k's unweighted loss gr.Losses[k] at the last two steps; λ_k = 1 for the
// first two steps. gr.Terms[k] is ∇ w_k L_k, so λ_k multiplies the
// config's loss weight w_k rather than replacing it.
//
// The original updates the weights once per epoch from losses averaged
// over the epoch. Here an epoch is one optimizer step, as the studies read
// the papers' epochs (experiments/study/budget.go): DWA's weights then follow the
// losses at the rate the papers count training, and the weights of step t
// come from the losses seen at steps t−1 and t−2, never from step t's.
// With minibatched terms the ratios carry the batches' sampling noise,
// which the temperature T damps. A ratio whose denominator L_k(t−2) is 0,
// or which is not finite (a NaN or infinite loss), counts as r_k = 1, an
// unchanged loss, so the weights are always finite.
type DWA struct {
	Temperature float64
	adam        *Adam
	losses      [][]float64 // unweighted term losses of the last two steps, oldest first
	diag        map[string]float64
}

// dwaState is what DWA carries from step to step.
type dwaState struct {
	Adam   adamState
	Losses [][]float64
}

func dwaSpec() Spec {
	return dwaFamilySpec("dwa", "Dynamic Weight Average: term weights K·softmax(loss ratio/T) before one Adam state", false)
}

func dwaWSpec() Spec {
	return dwaFamilySpec("dwa-adamw", "Dynamic Weight Average before one AdamW state", true)
}

// dwaFamilySpec returns the spec of DWA on Adam, or AdamW when decay is
// set: Adam's hyper-parameters and the temperature.
func dwaFamilySpec(name, summary string, decay bool) Spec {
	defaults := adamDefaults(decay)
	defaults["temperature"] = 2
	return Spec{Name: name, Summary: summary, Defaults: defaults, New: func(h Hyper) (Solver, error) {
		d, err := NewDWA(h["lr"], h["beta1"], h["beta2"], h["eps"], h["weight_decay"], h["temperature"])
		if err != nil {
			return nil, err
		}
		return d, nil
	}}
}

// NewDWA returns a DWA solver with temperature T; weightDecay > 0 makes
// its optimizer AdamW.
func NewDWA(lr, beta1, beta2, eps, weightDecay, temperature float64) (*DWA, error) {
	a, err := NewAdam(lr, beta1, beta2, eps, weightDecay)
	if err != nil {
		return nil, errors.Wrap(err, "dwa")
	}
	if !(temperature > 0) || math.IsInf(temperature, 0) {
		return nil, errors.Errorf("dwa: temperature must be positive and finite, got %v", temperature)
	}
	return &DWA{Temperature: temperature, adam: a}, nil
}

// Update weighs the per-term gradients gr.Terms by the losses of the last
// two steps, takes one Adam step on their sum and records gr.Losses. It
// fails, leaving parameters and state untouched, when there are no terms,
// gr.Losses does not hold one loss per term, the number of terms differs
// from the previous step's, or a gradient's size does not match its
// parameter.
func (d *DWA) Update(gr *graph.Gradients) error {
	values := paramTensors(gr.Params)
	grads, err := termFloats(values, gr.Terms)
	if err != nil {
		return errors.Wrap(err, "dwa")
	}
	if len(gr.Losses) != len(grads) {
		return errors.Errorf("dwa: %d losses for %d terms", len(gr.Losses), len(grads))
	}
	if len(d.losses) > 0 && len(d.losses[0]) != len(grads) {
		return errors.Errorf("dwa: %d loss terms, the state has %d", len(grads), len(d.losses[0]))
	}
	lambda := dwaWeights(d.losses, len(grads), d.Temperature)
	if err := d.adam.step(values, combine(grads, lambda)); err != nil {
		return errors.Wrap(err, "dwa")
	}
	d.losses = append(d.losses, append([]float64(nil), gr.Losses...))
	if len(d.losses) > 2 {
		d.losses = d.losses[len(d.losses)-2:]
	}
	d.diag = termDiag("lambda_", gr.Names, lambda)
	return nil
}

// dwaWeights returns the K term weights from the losses of the last two
// steps (oldest first): 1 each until two steps are recorded, then
// K·softmax(r/T), computed with the largest r/T subtracted so that no
// exponential overflows.
func dwaWeights(losses [][]float64, k int, temperature float64) []float64 {
	lambda := make([]float64, k)
	if len(losses) < 2 {
		for i := range lambda {
			lambda[i] = 1
		}
		return lambda
	}
	top := math.Inf(-1)
	for i := range lambda {
		r := losses[1][i] / losses[0][i]
		if losses[0][i] == 0 || math.IsNaN(r) || math.IsInf(r, 0) {
			r = 1
		}
		lambda[i] = r / temperature
		top = math.Max(top, lambda[i])
	}
	var sum float64
	for i, x := range lambda {
		lambda[i] = math.Exp(x - top)
		sum += lambda[i]
	}
	for i := range lambda {
		lambda[i] *= float64(k) / sum
	}
	return lambda
}

// Diagnostics reports the last step's term weights λ_k as lambda_<term>;
// nil before the first step.
func (d *DWA) Diagnostics() map[string]float64 { return d.diag }

// State serialises Adam's step count and moments and the last two steps'
// term losses.
func (d *DWA) State() ([]byte, error) {
	return encodeState("dwa", dwaState{Adam: d.adam.st, Losses: d.losses})
}

// Restore sets Adam's step count and moments and the recorded losses.
func (d *DWA) Restore(b []byte) error {
	var st dwaState
	if err := decodeState("dwa", b, &st); err != nil {
		return err
	}
	if len(st.Losses) > 2 || (len(st.Losses) == 2 && len(st.Losses[0]) != len(st.Losses[1])) {
		return errors.New("dwa: corrupt solver state: loss history")
	}
	d.adam.st, d.losses = st.Adam, st.Losses
	return nil
}
