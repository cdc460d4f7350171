package solvers

import (
	"math"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/mat"

	"github.com/pinngo/pinn/graph"
)

// IMTLG is the gradient part of IMTL (Liu et al., ICLR 2021), a
// pre-combine baseline of the AutoBalance paper: from the per-term
// gradients g_k = gr.Terms[k], flattened over all parameters, it forms
// g = Σ_k α_k g_k with Σ_k α_k = 1 and equal projections g·u_k onto every
// unit gradient u_k = g_k/‖g_k‖, and one Adam (AdamW with WeightDecay > 0)
// state steps on g. With one term it is Adam.
//
// The paper writes α_{2…K} = g_1 Uᵀ (D Uᵀ)⁻¹ with rows D_k = g_1 − g_k and
// U_k = u_1 − u_k. Equal projections g·u_j = p for every j also read
// C N α = p·1, with C_jk = u_j·u_k the Gram matrix of the unit gradients and
// N = diag(‖g_k‖), so α_k = β_k/Σβ with β = N⁻¹ C⁻¹ 1: the same α whenever
// D Uᵀ is invertible. That form is solved here, by C's eigendecomposition:
// C's entries are dot products of unit vectors, exact to rounding, where
// D Uᵀ loses its digits to the differences of nearly parallel gradients,
// and C's condition number says how nearly parallel they are. Since u_k
// does not depend on the config's loss weight w_k (gr.Terms[k] is
// ∇ w_k L_k), the weights change the length of g, not its direction
// (but under the equal-weights fallback below).
//
// Fallbacks, each reported by Diagnostics:
//   - a term whose gradient is zero has no unit vector: α_k = 0 and the
//     others are solved for; with one term left it gets α = 1, with none
//     the step is Adam's with a zero gradient;
//   - when cond(C) > 1e8 (two gradients within about 2e-4 rad of parallel
//     or opposite, or otherwise nearly dependent), C⁻¹ is replaced by its
//     pseudo-inverse without the eigenvalues below λ_max/1e8, if the
//     projections it gives are equal to 1e-8 relative. Within a group of
//     parallel gradients it weighs α_k ∝ 1/‖g_k‖: for K = 2 that is the
//     exact α at any angle; for more terms the exact α's limit as a pair
//     becomes parallel can split the pair's weight otherwise, which
//     changes g's length but, to first order in the angle, not its
//     direction;
//   - when no combination with Σα = 1 has equal positive projections
//     (D Uᵀ nearly singular, Σβ ≤ Σ|β|/1e8 so that Σ|α_k| would exceed 1e8;
//     or negative projections, a step uphill for every term; or, above,
//     no equal projections at all, as for opposite gradients or three in
//     a plane): α_k = 1/K over the nonzero gradients, Adam's direction.
//
// A gradient that is not finite is an error.
type IMTLG struct {
	adam *Adam
	diag map[string]float64
}

// imtlgMaxCond bounds the condition numbers IMTL-G accepts: that of the
// unit gradients' Gram matrix, and Σ_k |α_k|.
const imtlgMaxCond = 1e8

// imtlgPath says how IMTL-G's weights were found.
type imtlgPath int

const (
	imtlgSolved imtlgPath = iota // the exact solution
	imtlgPinv                    // the pseudo-inverse of the Gram matrix
	imtlgEqual                   // equal weights
)

// imtlgWeights are one step's α_k, the reciprocal condition number of the
// unit gradients' Gram matrix (1 with fewer than two nonzero gradients) and
// the path taken.
type imtlgWeights struct {
	alpha []float64
	rcond float64
	path  imtlgPath
}

func imtlgSpec() Spec {
	return adamFamilySpec("imtl-g", "IMTL-G: per-term gradients combined with equal projections onto each unit gradient, then one Adam state", false, NewIMTLG)
}

func imtlgWSpec() Spec {
	return adamFamilySpec("imtl-g-adamw", "IMTL-G before one AdamW state", true, NewIMTLG)
}

// NewIMTLG returns an IMTL-G solver; weightDecay > 0 makes its optimizer
// AdamW.
func NewIMTLG(lr, beta1, beta2, eps, weightDecay float64) (*IMTLG, error) {
	a, err := NewAdam(lr, beta1, beta2, eps, weightDecay)
	if err != nil {
		return nil, errors.Wrap(err, "imtl-g")
	}
	return &IMTLG{adam: a}, nil
}

// Update combines the per-term gradients gr.Terms and takes one Adam step
// on the result. It fails, leaving parameters and state untouched, when
// there are no terms, a gradient's size does not match its parameter or a
// gradient is not finite.
func (m *IMTLG) Update(gr *graph.Gradients) error {
	values := paramTensors(gr.Params)
	grads, err := termFloats(values, gr.Terms)
	if err != nil {
		return errors.Wrap(err, "imtl-g")
	}
	w, err := imtlgSolve(grads)
	if err != nil {
		return errors.Wrap(err, "imtl-g")
	}
	if err := m.adam.step(values, combine(grads, w.alpha)); err != nil {
		return errors.Wrap(err, "imtl-g")
	}
	m.diag = termDiag("alpha_", gr.Names, w.alpha)
	m.diag["imtlg_rcond"] = w.rcond
	m.diag["imtlg_fallback"] = float64(w.path)
	return nil
}

// imtlgSolve returns IMTL-G's weights for the gradients, indexed by term,
// then parameter.
func imtlgSolve(grads [][][]float64) (imtlgWeights, error) {
	w := imtlgWeights{alpha: make([]float64, len(grads)), rcond: 1}
	var active []int
	var units [][]float64
	var norms []float64
	for k, g := range grads {
		u, n := unitVector(g)
		if math.IsNaN(n) || math.IsInf(n, 0) {
			return w, errors.Errorf("gradient of term %d is not finite", k)
		}
		if n > 0 {
			active, units, norms = append(active, k), append(units, u), append(norms, n)
		}
	}
	switch len(active) {
	case 0:
		return w, nil
	case 1:
		w.alpha[active[0]] = 1
		return w, nil
	}
	beta, rcond, pinv, ok := imtlgBeta(units, norms)
	w.rcond = rcond
	if pinv {
		w.path = imtlgPinv
	}
	var sum, abs float64
	for _, b := range beta {
		sum += b
		abs += math.Abs(b)
	}
	if !ok || !(sum > abs/imtlgMaxCond) {
		w.path = imtlgEqual
	}
	for i, k := range active {
		if w.path == imtlgEqual {
			w.alpha[k] = 1 / float64(len(active))
		} else {
			w.alpha[k] = beta[i] / sum
		}
	}
	return w, nil
}

// imtlgBeta returns β = N⁻¹ C⁺ 1 for unit gradients u_k of norms ‖g_k‖,
// with C_jk = u_j·u_k, from C's eigendecomposition; the reciprocal
// condition number of C; whether eigenvalues below λ_max/1e8 were left
// out (the pseudo-inverse); and whether the projections found, C C⁺ 1, are
// equal to 1e-8 (exactly when nothing was left out).
func imtlgBeta(units [][]float64, norms []float64) (beta []float64, rcond float64, pinv, ok bool) {
	n := len(units)
	c := mat.NewSymDense(n, nil)
	for i := range n {
		c.SetSym(i, i, 1)
		for j := range i {
			c.SetSym(i, j, dot(units[i], units[j]))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(c, true) {
		return nil, 0, false, false
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	top := vals[n-1]
	beta, q := make([]float64, n), make([]float64, n) // q = C C⁺ 1
	for e, l := range vals {
		if !(l > top/imtlgMaxCond) {
			pinv = true
			continue
		}
		var s float64 // v_e·1
		for i := range n {
			s += vecs.At(i, e)
		}
		for i := range n {
			beta[i] += vecs.At(i, e) * s / l / norms[i]
			q[i] += vecs.At(i, e) * s
		}
	}
	ok = true
	for _, p := range q {
		ok = ok && (!pinv || math.Abs(p-1) <= 1/imtlgMaxCond)
	}
	return beta, math.Max(vals[0], 0) / top, pinv, ok
}

// unitVector returns g, flattened, divided by its norm, and the norm,
// scaled by the largest magnitude first so that no square overflows. The
// norm is NaN or infinite when g holds a value that is not finite, 0 when
// g is zero (u is then nil).
func unitVector(g [][]float64) (u []float64, norm float64) {
	var scale float64
	for _, t := range g {
		for _, v := range t {
			if a := math.Abs(v); a > scale || math.IsNaN(a) {
				scale = a
			}
		}
	}
	if scale == 0 || math.IsNaN(scale) || math.IsInf(scale, 0) {
		return nil, scale
	}
	for _, t := range g {
		for _, v := range t {
			u = append(u, v/scale)
		}
	}
	s := math.Sqrt(dot(u, u))
	for j := range u {
		u[j] /= s
	}
	return u, scale * s
}

// Diagnostics reports the last step's weights α_k as alpha_<term>, the
// reciprocal condition number of the unit gradients' Gram matrix as
// imtlg_rcond and the path as imtlg_fallback: 0 solved exactly, 1 the
// pseudo-inverse, 2 equal weights. It is nil before the first step.
func (m *IMTLG) Diagnostics() map[string]float64 { return m.diag }

// State serialises Adam's step count and moments.
func (m *IMTLG) State() ([]byte, error) { return encodeState("imtl-g", m.adam.st) }

// Restore sets Adam's step count and moments.
func (m *IMTLG) Restore(b []byte) error { return decodeState("imtl-g", b, &m.adam.st) }
