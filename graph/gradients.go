package graph

import (
	"github.com/pkg/errors"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Gradients is what one evaluation of a Loss hands a solver.
type Gradients struct {
	Params  []Param           // shared with the network; solvers update Value in place
	Total   []*tensor.Dense   // ∇ Σ_k w_k L_k, one tensor per parameter
	Terms   [][]*tensor.Dense // Terms[k] = ∇ w_k L_k
	Names   []string          // term names
	Roles   []Role            // term roles
	Weights []float64         // w_k
	Losses  []float64         // L_k, unweighted
	Loss    float64           // Σ_k w_k L_k

	// SampleSq and SampleMean are per-sample statistics of the raw interior
	// residual's parameter gradients g_i = ∂r_i/∂w over the B interior
	// points: SampleSq = (1/B) Σ_i g_i ⊙ g_i, SampleMean = (1/B) Σ_i g_i, one
	// tensor per parameter. Each is nil unless it was requested
	// (Options.PerSample, PerSampleMean); optimizers such as pde-aware need them.
	SampleSq, SampleMean []*tensor.Dense

	// Minibatch is set by a Loss built without Options.FullBatch, whose
	// points change from step to step: a solver with a line search
	// (solvers.FullBatch) refuses such gradients.
	Minibatch bool
}

func newGradients(ps []Param, terms []Term) Gradients {
	gr := Gradients{Params: ps, Total: zerosLike(ps)}
	for _, t := range terms {
		gr.Terms = append(gr.Terms, zerosLike(ps))
		gr.Names = append(gr.Names, t.Name)
		gr.Roles = append(gr.Roles, t.Role)
		gr.Weights = append(gr.Weights, t.Weight)
	}
	gr.Losses = make([]float64, len(terms))
	return gr
}

func zerosLike(ps []Param) []*tensor.Dense {
	out := make([]*tensor.Dense, len(ps))
	for i, p := range ps {
		out[i] = tensor.New(tensor.WithShape(p.Value.Shape()...), tensor.Of(p.Value.Dtype()))
	}
	return out
}

func (gr *Gradients) sumTerms() {
	for i, t := range gr.Total {
		zero(t)
		for k := range gr.Terms {
			addScaled(t, gr.Terms[k][i], 1)
		}
	}
}

func zero(t *tensor.Dense) { t.Zero() }

// copyScaled sets dst = w·src for a Gorgonia value of dst's dtype.
func copyScaled(dst *tensor.Dense, src gorgonia.Value, w float64) {
	switch d := valuesOf(dst).(type) {
	case []float64:
		scaleVec(d, valuesOf(src).([]float64), w)
	case []float32:
		scaleVec(d, valuesOf(src).([]float32), float32(w))
	}
}

// scalarOf reads a scalar Gorgonia value as float64.
func scalarOf(v gorgonia.Value) (float64, error) {
	switch x := valuesOf(v).(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	}
	return 0, errors.Errorf("graph: expected a scalar value, got %T", valuesOf(v))
}
