package hessian

import (
	"math"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Tridiagonal is the matrix Lanczos iteration builds: Alpha on the
// diagonal, Beta (one shorter) beside it.
type Tridiagonal struct {
	Alpha, Beta []float64
}

// Lanczos runs up to m steps of Lanczos iteration on op from v0 (which
// need not be normalized), orthogonalizing each new vector against all
// earlier ones twice. It stops early, with a smaller T, when the Krylov
// space is invariant (its next vector is below 1e-12 of the operator's
// scale seen so far). The result's eigenvalues are op's Ritz values.
func Lanczos(op Operator, v0 []float64, m int) (Tridiagonal, error) {
	n := op.Dim()
	if len(v0) != n {
		return Tridiagonal{}, errors.Errorf("hessian: start vector of length %d for dimension %d", len(v0), n)
	}
	if m < 1 {
		return Tridiagonal{}, errors.Errorf("hessian: %d Lanczos steps, want at least 1", m)
	}
	m = min(m, n)
	nv := floats.Norm(v0, 2)
	if nv == 0 || math.IsNaN(nv) {
		return Tridiagonal{}, errors.New("hessian: Lanczos start vector is zero or not finite")
	}
	q := make([]float64, n)
	for i, x := range v0 {
		q[i] = x / nv
	}
	basis := [][]float64{q}
	var t Tridiagonal
	var scale float64
	w := make([]float64, n)
	for j := 0; j < m; j++ {
		if err := op.MulVec(w, basis[j]); err != nil {
			return Tridiagonal{}, errors.Wrapf(err, "hessian: Lanczos step %d", j+1)
		}
		a := floats.Dot(basis[j], w)
		if math.IsNaN(a) || math.IsInf(a, 0) {
			return Tridiagonal{}, errors.Errorf("hessian: Lanczos step %d: product is not finite", j+1)
		}
		t.Alpha = append(t.Alpha, a)
		for pass := 0; pass < 2; pass++ {
			for _, b := range basis {
				c := floats.Dot(b, w)
				for i := range w {
					w[i] -= c * b[i]
				}
			}
		}
		beta := floats.Norm(w, 2)
		scale = math.Max(scale, math.Abs(a)+beta)
		if j == m-1 || beta <= 1e-12*scale {
			break
		}
		t.Beta = append(t.Beta, beta)
		next := make([]float64, n)
		for i, x := range w {
			next[i] = x / beta
		}
		basis = append(basis, next)
	}
	return t, nil
}

// Ritz returns T's eigenvalues in increasing order and the squared first
// components of their unit eigenvectors, the weights of the Gauss
// quadrature rule T defines (they sum to 1).
func (t Tridiagonal) Ritz() (values, weights []float64, err error) {
	k := len(t.Alpha)
	s := mat.NewSymDense(k, nil)
	for i, a := range t.Alpha {
		s.SetSym(i, i, a)
		if i+1 < k {
			s.SetSym(i, i+1, t.Beta[i])
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(s, true) {
		return nil, nil, errors.New("hessian: eigendecomposition of the Lanczos matrix failed")
	}
	values = eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	weights = make([]float64, k)
	for i := range weights {
		weights[i] = vecs.At(0, i) * vecs.At(0, i)
	}
	return values, weights, nil
}
