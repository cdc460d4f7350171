package solvers

import (
	"bytes"
	"encoding/gob"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// stateEnvelope tags a solver state with the solver that wrote it.
type stateEnvelope struct {
	Solver string
	Body   []byte
}

// encodeState gob-encodes v under the solver's name.
func encodeState(name string, v any) ([]byte, error) {
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(v); err != nil {
		return nil, errors.Wrapf(err, "%s: encoding state", name)
	}
	var out bytes.Buffer
	err := gob.NewEncoder(&out).Encode(stateEnvelope{Solver: name, Body: body.Bytes()})
	return out.Bytes(), errors.Wrapf(err, "%s: encoding state", name)
}

// decodeState reads a state written by encodeState for the same solver.
func decodeState(name string, b []byte, v any) error {
	var env stateEnvelope
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&env); err != nil {
		return errors.Wrapf(err, "%s: corrupt solver state", name)
	}
	if env.Solver != name {
		return errors.Errorf("%s: state was written by solver %q", name, env.Solver)
	}
	return errors.Wrapf(gob.NewDecoder(bytes.NewReader(env.Body)).Decode(v), "%s: corrupt solver state", name)
}

// paramTensors returns the parameters' value tensors.
func paramTensors(ps []graph.Param) []*tensor.Dense {
	values := make([]*tensor.Dense, len(ps))
	for i, p := range ps {
		values[i] = p.Value
	}
	return values
}

// zeros returns a float64 slice of zeros per tensor.
func zeros(ts []*tensor.Dense) [][]float64 {
	out := make([][]float64, len(ts))
	for i, t := range ts {
		out[i] = make([]float64, t.Shape().TotalSize())
	}
	return out
}

// checkSizes reports whether the slices, a solver state or gradients,
// match the parameter tensors.
func checkSizes(state [][]float64, ts []*tensor.Dense) error {
	if len(state) != len(ts) {
		return errors.Errorf("%d tensors for %d parameters", len(state), len(ts))
	}
	for i, t := range ts {
		if len(state[i]) != t.Shape().TotalSize() {
			return errors.Errorf("tensor %d has %d values, its parameter %d", i, len(state[i]), t.Shape().TotalSize())
		}
	}
	return nil
}

// floats returns t's values as float64, converting float32 data.
func floats(t *tensor.Dense) []float64 {
	switch d := t.Data().(type) {
	case []float64:
		return d
	case []float32:
		out := make([]float64, len(d))
		for i, v := range d {
			out[i] = float64(v)
		}
		return out
	}
	return nil
}

// update sets every value w_j of t to f(j, w_j), in t's own dtype.
func update(t *tensor.Dense, f func(j int, w float64) float64) {
	switch d := t.Data().(type) {
	case []float64:
		for j, w := range d {
			d[j] = f(j, w)
		}
	case []float32:
		for j, w := range d {
			d[j] = float32(f(j, float64(w)))
		}
	}
}
