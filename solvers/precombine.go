package solvers

import (
	"strconv"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"
)

// termFloats returns the per-term gradients as float64, indexed by term,
// then parameter, after checking each term's against the parameters.
func termFloats(values []*tensor.Dense, terms [][]*tensor.Dense) ([][][]float64, error) {
	if len(terms) == 0 {
		return nil, errors.New("no per-term gradients (Gradients.Terms is empty)")
	}
	grads := make([][][]float64, len(terms))
	for k, ts := range terms {
		grads[k] = make([][]float64, len(ts))
		for i, t := range ts {
			grads[k][i] = floats(t)
		}
		if err := checkSizes(grads[k], values); err != nil {
			return nil, errors.Wrapf(err, "gradient of term %d", k)
		}
	}
	return grads, nil
}

// combine returns the pre-combined gradient Σ_k c_k grads[k], one slice
// per parameter, for the single optimizer state of a pre-combine method.
func combine(grads [][][]float64, c []float64) [][]float64 {
	out := make([][]float64, len(grads[0]))
	for i := range out {
		out[i] = make([]float64, len(grads[0][i]))
		for k, g := range grads {
			for j, v := range g[i] {
				out[i][j] += c[k] * v
			}
		}
	}
	return out
}

// termDiag reports each term's coefficient c_k as prefix+name, so that
// history.csv gets a column per term; a term without a name is numbered.
func termDiag(prefix string, names []string, c []float64) map[string]float64 {
	d := make(map[string]float64, len(c))
	for k, v := range c {
		name := strconv.Itoa(k)
		if k < len(names) && names[k] != "" {
			name = names[k]
		}
		d[prefix+name] = v
	}
	return d
}
