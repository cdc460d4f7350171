package graph

import (
	"fmt"
	"hash"
	"hash/fnv"

	"github.com/chewxy/hm"
	"github.com/pkg/errors"
	"gonum.org/v1/gonum/blas"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Row broadcasts as Gorgonia ops of their own. Gorgonia's BroadcastAdd and
// BroadcastHadamardProd first repeat the row (and the column) into full
// n×m copies; these ops read the row in place and write into the
// register the machine keeps (see machine), which took about a tenth off
// an Adam step.

// rowKind names a row op.
type rowKind int

const (
	rowAdd    rowKind = iota // a (n×m) + b (1×m) on every row
	rowOuter                 // a (n×1) · b (1×m), the outer product
	rowColSum                // Σ_i a[i,:] (1×m), AddRow's gradient for b
	rowOuterA                // Σ_j g[i,j] b[j] (n×1), the outer product's gradient for a
	rowOuterB                // Σ_i g[i,j] a[i] (1×m), the outer product's gradient for b
)

var rowNames = [...]string{"addRow", "outerRow", "colSum", "outerGradA", "outerGradB"}

// rowOp is one of the row ops; only rowAdd and rowOuter are differentiated.
type rowOp struct{ kind rowKind }

func (op rowOp) Arity() int {
	if op.kind == rowColSum {
		return 1
	}
	return 2
}

func (op rowOp) Type() hm.Type {
	t := gorgonia.TensorType{Dims: 2, Of: hm.TypeVariable('a')}
	if op.Arity() == 1 {
		return hm.NewFnType(t, t)
	}
	return hm.NewFnType(t, t, t)
}

// rows and cols of the result, from the operands' shapes.
func (op rowOp) InferShape(ns ...gorgonia.DimSizer) (tensor.Shape, error) {
	if len(ns) != op.Arity() {
		return nil, errors.Errorf("graph: %s of %d operands", op, len(ns))
	}
	dim := func(k, axis int) int {
		d, err := ns[k].DimSize(axis)
		if err != nil {
			return -1
		}
		return d
	}
	var s tensor.Shape
	switch op.kind {
	case rowAdd:
		s = tensor.Shape{dim(0, 0), dim(0, 1)}
	case rowOuter:
		s = tensor.Shape{dim(0, 0), dim(1, 1)}
	case rowColSum, rowOuterB:
		s = tensor.Shape{1, dim(0, 1)}
	case rowOuterA:
		s = tensor.Shape{dim(0, 0), 1}
	}
	if s[0] < 0 || s[1] < 0 {
		return nil, errors.Errorf("graph: %s of operands without two dimensions", op)
	}
	return s, nil
}

func (op rowOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	s, err := op.shapeOf(vs)
	if err != nil {
		return nil, err
	}
	out := tensor.New(tensor.WithShape(s...), tensor.Of(vs[0].Dtype()))
	return op.UsePreallocDo(out, vs...)
}

// shapeOf returns the shape of the result for the values vs.
func (op rowOp) shapeOf(vs []gorgonia.Value) (tensor.Shape, error) {
	if len(vs) != op.Arity() {
		return nil, errors.Errorf("graph: %s of %d values", op, len(vs))
	}
	shapes := make([]gorgonia.DimSizer, len(vs))
	for i, v := range vs {
		shapes[i] = v.Shape()
	}
	return op.InferShape(shapes...)
}

// UsePreallocDo writes the result into prealloc, which must have the
// result's shape (the machine falls back to Do otherwise).
func (op rowOp) UsePreallocDo(prealloc gorgonia.Value, vs ...gorgonia.Value) (gorgonia.Value, error) {
	s, err := op.shapeOf(vs)
	if err != nil {
		return nil, err
	}
	if !prealloc.Shape().Eq(s) || prealloc.Dtype() != vs[0].Dtype() {
		return nil, errors.Errorf("graph: %s into a %v %v value, want %v", op, prealloc.Shape(), prealloc.Dtype(), s)
	}
	switch out := valuesOf(prealloc).(type) {
	case []float64:
		rowDo(op.kind, out, s, vs)
	case []float32:
		rowDo(op.kind, out, s, vs)
	default:
		return nil, errors.Errorf("graph: %s of %v values", op, prealloc.Dtype())
	}
	return prealloc, nil
}

// rowDo computes a row op into out, of shape s.
func rowDo[T float](kind rowKind, out []T, s tensor.Shape, vs []gorgonia.Value) {
	n, m := s[0], s[1]
	a := valuesOf(vs[0]).([]T)
	switch kind {
	case rowAdd:
		b := valuesOf(vs[1]).([]T)[:m]
		for i := 0; i < n; i++ {
			addVec(out[i*m:(i+1)*m], a[i*m:(i+1)*m], b)
		}
	case rowOuter:
		b := valuesOf(vs[1]).([]T)[:m]
		for i := 0; i < n; i++ {
			scaleVec(out[i*m:(i+1)*m], b, a[i])
		}
	case rowColSum:
		clear(out)
		for i := 0; i < len(a)/m; i++ {
			accVec(out, a[i*m:(i+1)*m])
		}
	case rowOuterA: // a is the gradient (n×k), vs[1] the row b (1×k)
		b := valuesOf(vs[1]).([]T)
		gemv(blas.NoTrans, len(out), len(b), a[:len(out)*len(b)], b, out)
	case rowOuterB: // a is the gradient (k×m), vs[1] the column (k×1)
		col := valuesOf(vs[1]).([]T)
		gemv(blas.Trans, len(col), m, a[:len(col)*m], col, out)
	}
}

func (op rowOp) ReturnsPtr() bool          { return false }
func (op rowOp) CallsExtern() bool         { return false }
func (op rowOp) OverwritesInput() int      { return -1 }
func (op rowOp) WriteHash(h hash.Hash)     { fmt.Fprint(h, op.String()) }
func (op rowOp) String() string            { return rowNames[op.kind] }
func (op rowOp) DiffWRT(inputs int) []bool { return []bool{true, true} }
func (op rowOp) Hashcode() uint32          { return opHash(op) }

// SymDiff returns the gradients of AddRow and MulRow's operands.
func (op rowOp) SymDiff(inputs gorgonia.Nodes, output, grad *Node) (gorgonia.Nodes, error) {
	a, b := inputs[0], inputs[1]
	switch op.kind {
	case rowAdd:
		gb, err := gorgonia.ApplyOp(rowOp{rowColSum}, grad)
		return gorgonia.Nodes{grad, gb}, err
	case rowOuter:
		ga, err := gorgonia.ApplyOp(rowOp{rowOuterA}, grad, b)
		if err != nil {
			return nil, err
		}
		gb, err := gorgonia.ApplyOp(rowOp{rowOuterB}, grad, a)
		return gorgonia.Nodes{ga, gb}, err
	}
	return nil, errors.Errorf("graph: %s is not differentiated", op)
}

// opHash is the hash Gorgonia merges equal nodes by: an op of this
// package's is known by its name.
func opHash(op fmt.Stringer) uint32 {
	h := fnv.New32a()
	fmt.Fprint(h, op.String())
	return h.Sum32()
}
