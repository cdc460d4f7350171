package graph

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"github.com/pkg/errors"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Element-wise sums, differences and products as Gorgonia ops of their
// own. Gorgonia's run a scalar loop, and outside its in-place path first
// clone an operand and then operate on the clone: with the clone they were
// a third of an Adam step of the benchmark workload (float64, N = 1024).
// These write each result in one pass over vector registers (vecmath)
// into the register the machine keeps (see machine); every value is the
// same IEEE operation on the same operands, so results are bit for bit
// those of Gorgonia's ops. The gradients are built as Gorgonia builds its
// own, node for node.

// binKind names an element-wise binary op.
type binKind int

const (
	binAdd   binKind = iota // a + b, same shapes
	binSub                  // a − b, same shapes
	binMul                  // a ⊙ b, same shapes
	binScale                // s · b for a scalar s and a tensor b
)

var binNames = [...]string{"add", "sub", "mul", "scale"}

// binOp is one element-wise binary op on tensors.
type binOp struct{ kind binKind }

// binary applies kind to a and b: its own op on tensors, Gorgonia's where
// an operand of add, sub or mul, or the tensor of scale, is a scalar.
func binary(kind binKind, a, b *Node) (*Node, error) {
	if b.IsScalar() || (kind != binScale && a.IsScalar()) {
		return [...]func(a, b *Node) (*Node, error){gorgonia.Add, gorgonia.Sub, gorgonia.HadamardProd, gorgonia.HadamardProd}[kind](a, b)
	}
	return gorgonia.ApplyOp(binOp{kind}, a, b)
}

func (op binOp) Arity() int { return 2 }

func (op binOp) Type() hm.Type {
	a, b := hm.TypeVariable('a'), hm.TypeVariable('b')
	if op.kind == binScale {
		return hm.NewFnType(a, b, b)
	}
	return hm.NewFnType(a, a, a)
}

// InferShape returns the shape of the tensor operand.
func (op binOp) InferShape(ns ...gorgonia.DimSizer) (tensor.Shape, error) {
	return operandShape(op, ns, 2, 1)
}

func (op binOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	if len(vs) != 2 {
		return nil, errors.Errorf("graph: %s of %d values", op, len(vs))
	}
	out := tensor.New(tensor.WithShape(vs[1].Shape().Clone()...), tensor.Of(vs[1].Dtype()))
	return op.UsePreallocDo(out, vs...)
}

// UsePreallocDo writes the result into prealloc, which must have the
// tensor operand's shape and dtype (the machine falls back to Do
// otherwise). prealloc may be an operand's own tensor.
func (op binOp) UsePreallocDo(prealloc gorgonia.Value, vs ...gorgonia.Value) (gorgonia.Value, error) {
	if len(vs) != 2 {
		return nil, errors.Errorf("graph: %s of %d values", op, len(vs))
	}
	a, b := vs[0], vs[1]
	if _, ok := b.(tensor.Tensor); !ok {
		return nil, errors.Errorf("graph: %s of a %T", op, b)
	}
	if !prealloc.Shape().Eq(b.Shape()) || prealloc.Dtype() != b.Dtype() || a.Dtype() != b.Dtype() ||
		(op.kind != binScale && !a.Shape().Eq(b.Shape())) {
		return nil, errors.Errorf("graph: %s of %v %v and %v %v into %v %v", op, a.Shape(), a.Dtype(), b.Shape(), b.Dtype(), prealloc.Shape(), prealloc.Dtype())
	}
	switch out := valuesOf(prealloc).(type) {
	case []float64:
		binDo(op.kind, out, valuesOf(a), valuesOf(b).([]float64))
	case []float32:
		binDo(op.kind, out, valuesOf(a), valuesOf(b).([]float32))
	default:
		return nil, errors.Errorf("graph: %s of %v values", op, prealloc.Dtype())
	}
	return prealloc, nil
}

// OverwritesInput names the tensor operand, as Gorgonia's element-wise
// ops do: the compiler may then give the result that operand's register
// when nothing reads it afterwards, and a register keeps one shape from
// run to run instead of being allocated anew in another.
func (op binOp) OverwritesInput() int {
	if op.kind == binScale {
		return 1
	}
	return 0
}

// UnsafeDo writes the result over the operand OverwritesInput names.
func (op binOp) UnsafeDo(vs ...gorgonia.Value) (gorgonia.Value, error) {
	if len(vs) != 2 {
		return nil, errors.Errorf("graph: %s of %d values", op, len(vs))
	}
	return op.UsePreallocDo(vs[op.OverwritesInput()], vs...)
}

// binDo writes kind of a and y into out; a is the scalar of binScale.
func binDo[T float](kind binKind, out []T, a any, y []T) {
	if kind == binScale {
		scaleVec(out, y, a.(T))
		return
	}
	[...]func(dst, x, y []T){addVec[T], subVec[T], mulVec[T]}[kind](out, a.([]T), y)
}

func (op binOp) ReturnsPtr() bool          { return false }
func (op binOp) CallsExtern() bool         { return false }
func (op binOp) WriteHash(h hash.Hash)     { fmt.Fprint(h, op.String()) }
func (op binOp) String() string            { return binNames[op.kind] }
func (op binOp) DiffWRT(inputs int) []bool { return []bool{true, true} }
func (op binOp) Hashcode() uint32          { return opHash(op) }

// SymDiff returns the operands' gradients as Gorgonia's own ops build
// them: grad for both terms of a sum, grad and −grad for a difference
// (Gorgonia's Neg, here −1 · grad), b ⊙ grad and a ⊙ grad for a product.
func (op binOp) SymDiff(inputs gorgonia.Nodes, output, grad *Node) (gorgonia.Nodes, error) {
	a, b := inputs[0], inputs[1]
	switch op.kind {
	case binAdd:
		return gorgonia.Nodes{grad, grad}, nil
	case binSub:
		neg, err := binary(binScale, constant(grad, -1), grad)
		return gorgonia.Nodes{grad, neg}, err
	}
	ga, err := binary(binMul, b, grad)
	if err != nil {
		return nil, err
	}
	gb, err := binary(op.kind, a, grad)
	return gorgonia.Nodes{ga, gb}, err
}
