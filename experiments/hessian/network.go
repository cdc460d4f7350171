package hessian

import (
	"github.com/pkg/errors"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// Flatten returns the parameters' values as one float64 vector, parameter
// by parameter in row-major order. Analyses need float64 parameters.
func Flatten(ps []graph.Param) ([]float64, error) {
	var w []float64
	for _, p := range ps {
		d, ok := p.Value.Data().([]float64)
		if !ok {
			return nil, errors.Errorf("hessian: parameter %s is %v, the analysis needs float64", p.Name, p.Value.Dtype())
		}
		w = append(w, d...)
	}
	return w, nil
}

// SetFlat writes w, laid out as Flatten lays it out, into the parameters.
func SetFlat(ps []graph.Param, w []float64) error {
	off := 0
	for _, p := range ps {
		d, ok := p.Value.Data().([]float64)
		if !ok || off+len(d) > len(w) {
			return errors.Errorf("hessian: %d values do not fit the float64 parameters", len(w))
		}
		off += copy(d, w[off:])
	}
	if off != len(w) {
		return errors.Errorf("hessian: %d values for %d parameters", len(w), off)
	}
	return nil
}

// flattenInto copies tensors, laid out as Flatten lays them out, into dst.
func flattenInto(dst []float64, ts []*tensor.Dense) {
	off := 0
	for _, t := range ts {
		off += copy(dst[off:], t.Data().([]float64))
	}
}

// TermGradient returns the gradient of loss term k, as the loss weights it
// (w_k L_k, the gradient its solver sees), with respect to the loss's
// network parameters, at the loss's current points. Each call sets the
// parameters to w, evaluates the loss and puts the parameters back.
func TermGradient(loss *graph.Loss, k int) (GradientFunc, error) {
	if k < 0 || k >= len(loss.Terms()) {
		return nil, errors.Errorf("hessian: term %d of %d", k, len(loss.Terms()))
	}
	ps := loss.Network().Params()
	if _, err := Flatten(ps); err != nil {
		return nil, err
	}
	return func(grad, w []float64) error {
		w0, _ := Flatten(ps)
		if err := SetFlat(ps, w); err != nil {
			return err
		}
		gr, err := loss.Compute()
		if err == nil {
			flattenInto(grad, gr.Terms[k])
		}
		if rerr := SetFlat(ps, w0); err == nil {
			err = rerr
		}
		return err
	}, nil
}
