package graph

import (
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// engine is the tape machine's standard engine but for the sum of two dense
// tensors of one shape, which it forms on the project's vector kernels.
// Gorgonia's reverse pass sums the gradients reaching a node with its own
// Add op, whose scalar loop (tensor's AddRecv) was a tenth of a float32
// step; each sum is the same IEEE addition, so results are unchanged.
type engine struct{ gorgonia.StandardEngine }

// Add returns a + b as StdEng.Add does, honouring its options: in place
// into a without tensor.UseSafe, into the reuse tensor with
// tensor.WithReuse; it leaves incrementing, masked, strided or mixed
// operands to StdEng.
func (e engine) Add(a, b tensor.Tensor, opts ...tensor.FuncOpt) (tensor.Tensor, error) {
	ad, ok := a.(*tensor.Dense)
	bd, okb := b.(*tensor.Dense)
	fo := tensor.ParseFuncOpts(opts...)
	if !ok || !okb || fo.Incr() != nil || fo.As().Type != nil || !plainDense(ad) || !plainDense(bd) ||
		ad.Dtype() != bd.Dtype() || !ad.Shape().Eq(bd.Shape()) || (ad.Dtype() != tensor.Float64 && ad.Dtype() != tensor.Float32) {
		return e.StandardEngine.Add(a, b, opts...)
	}
	dst := ad
	switch r := fo.Reuse(); {
	case r != nil:
		rd, ok := r.(*tensor.Dense)
		if !ok || !plainDense(rd) || rd.Dtype() != ad.Dtype() || rd.Len() != ad.Len() {
			return e.StandardEngine.Add(a, b, opts...)
		}
		if !rd.Shape().Eq(ad.Shape()) {
			// As StdEng's reuse check does: a register of the same size
			// takes the operands' shape.
			if err := rd.Reshape(ad.Shape()...); err != nil {
				return e.StandardEngine.Add(a, b, opts...)
			}
		}
		dst = rd
	case fo.Safe():
		dst = tensor.New(tensor.Of(ad.Dtype()), tensor.WithShape(ad.Shape().Clone()...), tensor.WithEngine(e))
	}
	if ad.Dtype() == tensor.Float64 {
		addVec(dst.Float64s(), ad.Float64s(), bd.Float64s())
	} else {
		addVec(dst.Float32s(), ad.Float32s(), bd.Float32s())
	}
	return dst, nil
}

// plainDense reports whether t's values are its whole backing slice in
// order: no mask, no view, natively accessible memory.
func plainDense(t *tensor.Dense) bool {
	return !t.IsMasked() && !t.IsView() && t.IsNativelyAccessible() && t.DataSize() == t.Shape().TotalSize()
}
