package solvers

import (
	"math"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
)

// PerSample reports which per-sample statistics s reads: SampleSq, and
// SampleMean as well.
func PerSample(s Solver) (sq, mean bool) {
	if p, ok := s.(NeedsPerSample); ok {
		sq = p.NeedsPerSample()
	}
	if m, ok := s.(NeedsSampleMean); ok {
		mean = sq && m.NeedsSampleMean()
	}
	return sq, mean
}

// PDEAware is the PDE-aware optimizer of Churiwala, Shukla & Khullar
// (arXiv 2507.08118), as in the authors' code:
//
//	m ← β1 m + (1−β1) ∇L_total
//	v ← β2 v + (1−β2) S,  S = (1/B) Σ_i g_i ⊙ g_i, g_i = ∂r_i/∂w
//	w ← w − η m / (√v + ε)
//
// with no bias correction. Options: MFromResidual feeds m with the mean
// residual gradient M = (1/B) Σ_i g_i instead (Eq. 8 of the text); Centred
// feeds v with the variance S − M⊙M (clamped at 0 against rounding) instead
// of the uncentred moment; VFromTotal feeds v with S + (∇L_total)⊙(∇L_total),
// a cheap stand-in for per-sample gradients of every term: the boundary and
// initial terms enter through the square of the total gradient rather than
// through their own per-sample moments. Moments are kept in float64.
type PDEAware struct {
	LR, Beta1, Beta2, Eps              float64
	MFromResidual, Centred, VFromTotal bool
	st                                 pdeAwareState
}

// pdeAwareState is what PDEAware carries from step to step.
type pdeAwareState struct {
	Step int
	M, V [][]float64
}

func pdeAwareSpec() Spec {
	return Spec{
		Name:    "pde-aware",
		Summary: "PDE-aware optimizer: v from per-sample residual gradients, no bias correction",
		Defaults: Hyper{"lr": 1e-3, "beta1": 0.99, "beta2": 0.99, "eps": 1e-8,
			"m_from_residual": 0, "centred": 0, "v_from_total": 0},
		New: func(h Hyper) (Solver, error) {
			s, err := NewPDEAware(h["lr"], h["beta1"], h["beta2"], h["eps"])
			if err != nil {
				return nil, err
			}
			flags := []struct {
				name string
				dst  *bool
			}{{"m_from_residual", &s.MFromResidual}, {"centred", &s.Centred}, {"v_from_total", &s.VFromTotal}}
			for _, f := range flags {
				switch h[f.name] {
				case 0:
				case 1:
					*f.dst = true
				default:
					return nil, errors.Errorf("pde-aware: %s must be 0 or 1, got %v", f.name, h[f.name])
				}
			}
			return s, nil
		},
	}
}

// NewPDEAware returns a PDE-aware solver with the default (code) variant.
func NewPDEAware(lr, beta1, beta2, eps float64) (*PDEAware, error) {
	if err := checkAdam(lr, beta1, beta2, eps, 0); err != nil {
		return nil, errors.Wrap(err, "pde-aware")
	}
	return &PDEAware{LR: lr, Beta1: beta1, Beta2: beta2, Eps: eps}, nil
}

// NeedsPerSample reports that Update reads SampleSq.
func (p *PDEAware) NeedsPerSample() bool { return true }

// NeedsSampleMean reports whether Update reads SampleMean: with
// MFromResidual or Centred.
func (p *PDEAware) NeedsSampleMean() bool { return p.MFromResidual || p.Centred }

// Update applies one step. It fails, leaving the parameters untouched, when
// the per-sample statistics it needs are missing.
func (p *PDEAware) Update(gr *graph.Gradients) error {
	n := len(gr.Params)
	if len(gr.Total) != n {
		return errors.Errorf("pde-aware: %d gradients for %d parameters", len(gr.Total), n)
	}
	if len(gr.SampleSq) != n {
		return errors.Errorf("pde-aware: per-sample statistics missing (SampleSq has %d tensors, parameters %d); build the loss with per-sample statistics", len(gr.SampleSq), n)
	}
	if p.NeedsSampleMean() && len(gr.SampleMean) != n {
		return errors.Errorf("pde-aware: SampleMean has %d tensors, parameters %d", len(gr.SampleMean), n)
	}
	values := paramTensors(gr.Params)
	if p.st.M == nil {
		p.st.M, p.st.V = zeros(values), zeros(values)
	}
	if err := checkSizes(p.st.M, values); err != nil {
		return errors.Wrap(err, "pde-aware: solver state")
	}
	p.st.Step++
	for i := range values {
		m, v := p.st.M[i], p.st.V[i]
		g, s := floats(gr.Total[i]), floats(gr.SampleSq[i])
		var mean []float64
		if p.NeedsSampleMean() {
			mean = floats(gr.SampleMean[i])
		}
		update(values[i], func(j int, w float64) float64 {
			gm := g[j]
			if p.MFromResidual {
				gm = mean[j]
			}
			sv := s[j]
			if p.Centred {
				sv = math.Max(sv-mean[j]*mean[j], 0)
			}
			if p.VFromTotal {
				sv += g[j] * g[j]
			}
			m[j] = p.Beta1*m[j] + (1-p.Beta1)*gm
			v[j] = p.Beta2*v[j] + (1-p.Beta2)*sv
			return w - p.LR*m[j]/(math.Sqrt(v[j])+p.Eps)
		})
	}
	return nil
}

// State serialises the step count and both moments.
func (p *PDEAware) State() ([]byte, error) { return encodeState("pde-aware", p.st) }

// Restore sets the step count and moments.
func (p *PDEAware) Restore(b []byte) error { return decodeState("pde-aware", b, &p.st) }
