package hessian

import (
	"math"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/floats"
)

// Operator is a symmetric linear map on R^n known through its products.
type Operator interface {
	// Dim returns n.
	Dim() int
	// MulVec writes the product with v into dst; both have length n.
	MulVec(dst, v []float64) error
}

// GradientFunc writes the gradient of a function at w into grad.
type GradientFunc func(grad, w []float64) error

// FiniteDifference is the Hessian of a function at W as an Operator, each
// product formed from two gradients by central differences (see the
// package documentation for the error bound).
type FiniteDifference struct {
	Grad GradientFunc
	W    []float64
	// Step is h; 0 takes DefaultStep(W).
	Step float64

	plus, minus, wp []float64
}

// DefaultStep returns ε^{1/3}·max(1, ‖w‖∞), the step that balances the
// truncation and rounding errors of central differences in float64.
func DefaultStep(w []float64) float64 {
	scale := 1.0
	for _, x := range w {
		scale = math.Max(scale, math.Abs(x))
	}
	return math.Cbrt(0x1p-52) * scale
}

// Dim returns the number of parameters.
func (f *FiniteDifference) Dim() int { return len(f.W) }

// MulVec writes ‖v‖(∇(W + h v/‖v‖) − ∇(W − h v/‖v‖))/2h into dst.
func (f *FiniteDifference) MulVec(dst, v []float64) error {
	n := len(f.W)
	if len(dst) != n || len(v) != n {
		return errors.Errorf("hessian: vectors of length %d and %d for %d parameters", len(dst), len(v), n)
	}
	norm := floats.Norm(v, 2)
	if norm == 0 {
		clear(dst)
		return nil
	}
	h := f.Step
	if h == 0 {
		h = DefaultStep(f.W)
	}
	if f.plus == nil {
		f.plus, f.minus, f.wp = make([]float64, n), make([]float64, n), make([]float64, n)
	}
	for _, side := range []struct {
		sign float64
		grad []float64
	}{{1, f.plus}, {-1, f.minus}} {
		for i, w := range f.W {
			f.wp[i] = w + side.sign*h*v[i]/norm
		}
		if err := f.Grad(side.grad, f.wp); err != nil {
			return errors.Wrap(err, "hessian: gradient")
		}
	}
	for i := range dst {
		dst[i] = norm * (f.plus[i] - f.minus[i]) / (2 * h)
	}
	return nil
}

// Preconditioned is D^{-1/2} A D^{-1/2} for a positive diagonal D.
type Preconditioned struct {
	A Operator
	D []float64

	u []float64
}

// AdamDiagonal returns Adam's preconditioner √v̂ + ε, elementwise, from a
// flattened bias-corrected second moment v̂.
func AdamDiagonal(vhat []float64, eps float64) []float64 {
	d := make([]float64, len(vhat))
	for i, v := range vhat {
		d[i] = math.Sqrt(v) + eps
	}
	return d
}

// Dim returns the dimension of A.
func (p *Preconditioned) Dim() int { return p.A.Dim() }

// MulVec writes D^{-1/2} A D^{-1/2} v into dst.
func (p *Preconditioned) MulVec(dst, v []float64) error {
	n := p.A.Dim()
	if len(p.D) != n {
		return errors.Errorf("hessian: a diagonal of %d entries for an operator of dimension %d", len(p.D), n)
	}
	if p.u == nil {
		p.u = make([]float64, n)
	}
	for i, d := range p.D {
		if !(d > 0) {
			return errors.Errorf("hessian: diagonal entry %d is %v, must be positive", i, d)
		}
		p.u[i] = v[i] / math.Sqrt(d)
	}
	if err := p.A.MulVec(dst, p.u); err != nil {
		return err
	}
	for i, d := range p.D {
		dst[i] /= math.Sqrt(d)
	}
	return nil
}
