package graph

import (
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// valuesOf returns v.Data(): for a dense float64 or float32 tensor its
// backing slice, taken without Data's reflection. Data builds the slice's
// type with reflect.SliceOf on every call, and the ops call it for every
// operand: 2% of a float32 Burgers step.
func valuesOf(v gorgonia.Value) any {
	if d, ok := v.(*tensor.Dense); ok && !d.IsScalar() {
		switch d.Dtype() {
		case tensor.Float64:
			return d.Float64s()
		case tensor.Float32:
			return d.Float32s()
		}
	}
	return v.Data()
}
