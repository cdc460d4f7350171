package solvers

// IMTLGWeights exposes IMTL-G's weights to the tests: for gradients
// indexed by term, then parameter, the weights α_k, the reciprocal
// condition number of the unit gradients' Gram matrix and the path taken
// (0 solved exactly, 1 the pseudo-inverse, 2 equal weights).
func IMTLGWeights(grads [][][]float64) (alpha []float64, rcond float64, path int, err error) {
	w, err := imtlgSolve(grads)
	return w.alpha, w.rcond, int(w.path), err
}

// DecodeState exposes the solver-state decoding to the tests.
var DecodeState = decodeState
