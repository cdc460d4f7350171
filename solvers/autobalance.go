package solvers

import (
	"math"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// AutoBalance is the post-combine optimizer of An, Si, Yan & Ma
// (arXiv 2510.06684): every loss term k keeps its own bias-corrected Adam
// moments, fed only its weighted gradient ∇ w_k L_k, and the step applies
// the sum of the per-term updates u_k = η m̂_k/(√v̂_k+ε). With
// WeightDecay > 0 it is Auto-AdamW, the decoupled decay applied once per
// step. Moments are kept in float64.
type AutoBalance struct {
	LR, Beta1, Beta2, Eps, WeightDecay float64
	st                                 autoBalanceState
	diag                               map[string]float64
}

// autoBalanceState is what AutoBalance carries from step to step: the step
// count and the moments indexed by term, then parameter.
type autoBalanceState struct {
	Step int
	M, V [][][]float64
}

func autoBalanceSpec() Spec {
	return adamFamilySpec("autobalance", "Auto-Adam: one Adam state per loss term, updates summed", false, NewAutoBalance)
}

func autoBalanceWSpec() Spec {
	return adamFamilySpec("autobalance-adamw", "Auto-AdamW: Auto-Adam with decoupled weight decay once per step", true, NewAutoBalance)
}

// NewAutoBalance returns an AutoBalance solver; weightDecay > 0 makes it
// Auto-AdamW.
func NewAutoBalance(lr, beta1, beta2, eps, weightDecay float64) (*AutoBalance, error) {
	if err := checkAdam(lr, beta1, beta2, eps, weightDecay); err != nil {
		return nil, errors.Wrap(err, "autobalance")
	}
	return &AutoBalance{LR: lr, Beta1: beta1, Beta2: beta2, Eps: eps, WeightDecay: weightDecay}, nil
}

// Update applies one step from the per-term gradients gr.Terms. It fails,
// leaving parameters and state untouched, when there are no terms, their
// number differs from the first step's, or a gradient's size does not
// match its parameter.
func (a *AutoBalance) Update(gr *graph.Gradients) error {
	values := paramTensors(gr.Params)
	grads, err := a.check(values, gr.Terms)
	if err != nil {
		return errors.Wrap(err, "autobalance")
	}
	if a.st.M == nil {
		for range grads {
			a.st.M = append(a.st.M, zeros(values))
			a.st.V = append(a.st.V, zeros(values))
		}
	}
	a.st.Step++
	r := newAdamRule(a.Beta1, a.Beta2, a.Eps, a.st.Step)
	var uu, rr, ur float64 // ‖u_0‖², ‖Σ_{k>0} u_k‖², ⟨u_0, Σ_{k>0} u_k⟩
	for i := range values {
		first := make([]float64, len(grads[0][i]))
		rest := make([]float64, len(first))
		for k, g := range grads {
			dst := rest
			if k == 0 {
				dst = first
			}
			m, v := a.st.M[k][i], a.st.V[k][i]
			for j := range dst {
				dst[j] += a.LR * r.direction(&m[j], &v[j], g[i][j])
			}
		}
		for j, u := range first {
			uu += u * u
			rr += rest[j] * rest[j]
			ur += u * rest[j]
		}
		update(values[i], func(j int, w float64) float64 {
			return w - (first[j] + rest[j]) - a.LR*a.WeightDecay*w
		})
	}
	a.diag = nil
	if len(grads) > 1 {
		a.diag = map[string]float64{"update_ratio": math.Sqrt(uu / rr), "update_cos": ur / math.Sqrt(uu*rr)}
	}
	return nil
}

// check returns the per-term gradients as float64, indexed by term, then
// parameter, after checking them against the parameters and the state.
func (a *AutoBalance) check(values []*tensor.Dense, terms [][]*tensor.Dense) ([][][]float64, error) {
	if a.st.M != nil && len(a.st.M) != len(terms) {
		return nil, errors.Errorf("%d loss terms, the state has %d", len(terms), len(a.st.M))
	}
	grads, err := termFloats(values, terms)
	if err != nil || a.st.M == nil {
		return grads, err
	}
	for k := range grads {
		if err := checkSizes(a.st.M[k], values); err != nil {
			return nil, errors.Wrapf(err, "solver state of term %d", k)
		}
	}
	return grads, nil
}

// Diagnostics compares the last step's update of the first (interior
// residual) term, u_0, with the summed update of the others: update_ratio
// is ‖u_0‖/‖Σ_{k>0} u_k‖ and update_cos the cosine of their angle. It is
// nil before the first step and with fewer than two terms.
func (a *AutoBalance) Diagnostics() map[string]float64 { return a.diag }

// State serialises the step count and every term's moments.
func (a *AutoBalance) State() ([]byte, error) { return encodeState("autobalance", a.st) }

// Restore sets the step count and every term's moments.
func (a *AutoBalance) Restore(b []byte) error { return decodeState("autobalance", b, &a.st) }
