package solvers

import "math"

// SecondMoment returns Adam's bias-corrected second moment
// v̂ = v/(1−β₂ᵗ), a copy with one slice per parameter, or nil before the
// first step. Adam divides its step by √v̂ + ε elementwise: this is the
// diagonal preconditioner that Hessian analyses scale by.
func (a *Adam) SecondMoment() [][]float64 {
	return corrected(a.st.V, a.Beta2, a.st.Step)
}

// SecondMoment returns term k's bias-corrected second moment
// v̂_k = v_k/(1−β₂ᵗ), a copy with one slice per parameter, or nil before
// the first step or when k is not a term of the state. Every term keeps
// its own, the preconditioner of its own update.
func (a *AutoBalance) SecondMoment(k int) [][]float64 {
	if k < 0 || k >= len(a.st.V) {
		return nil
	}
	return corrected(a.st.V[k], a.Beta2, a.st.Step)
}

// corrected returns v/(1−β₂ᵗ), or nil at step 0.
func corrected(v [][]float64, beta2 float64, step int) [][]float64 {
	if step == 0 || v == nil {
		return nil
	}
	c := 1 - math.Pow(beta2, float64(step))
	out := make([][]float64, len(v))
	for i, vi := range v {
		out[i] = make([]float64, len(vi))
		for j, x := range vi {
			out[i][j] = x / c
		}
	}
	return out
}
