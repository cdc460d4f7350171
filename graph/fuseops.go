package graph

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"github.com/pkg/errors"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph/internal/vecmath"
)

// Chains of element-wise operations as one op: the backward product of
// tanh, (1 − y²) ⊙ grad, which Gorgonia builds as three ops, and the
// chains of products the derivative rules build (see Graph.product). The
// element-wise ops of a step are bound by memory, not arithmetic: every op
// writes its result and the next reads it back, so a chain in one pass
// over registers (vecmath's fused kernels) saves those passes. Each
// intermediate is rounded as the separate ops round it, so values are bit
// for bit those of the separate ops, and the gradients of the
// differentiable chains are built from the same nodes as the separate
// ops' gradients.

// fuseKind names a chain.
type fuseKind int

const (
	fuseTanhGrad  fuseKind = iota // (1 − y⊙y) ⊙ g: the gradient g through tanh's value y
	fuseScaleMul                  // (x·c) ⊙ g: the gradient g through the slope 1 − x² for c = −2
	fuseMulScaled                 // x ⊙ (g·c): a product's gradient g·c through a scaling by c
	fuseMulScale                  // (a ⊙ b)·c
	fuseMulAdd                    // a ⊙ b + p ⊙ q
)

var fuseNames = [...]string{"tanhGrad", "scaleMul", "mulScaled", "mulScale", "mulAdd"}

// fuseOp is one chain; c is the constant of the chains with a scaling.
type fuseOp struct {
	kind fuseKind
	c    float64
}

func (op fuseOp) Arity() int {
	if op.kind == fuseMulAdd {
		return 4
	}
	return 2
}

func (op fuseOp) Type() hm.Type {
	a := hm.TypeVariable('a')
	ts := make(hm.Types, op.Arity()+1)
	for i := range ts {
		ts[i] = a
	}
	return hm.NewFnType(ts...)
}

// InferShape returns the operands' common shape.
func (op fuseOp) InferShape(ns ...gorgonia.DimSizer) (tensor.Shape, error) {
	return operandShape(op, ns, op.Arity(), 0)
}

func (op fuseOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	if len(vs) != op.Arity() {
		return nil, errors.Errorf("graph: %s of %d values", op, len(vs))
	}
	out := tensor.New(tensor.WithShape(vs[0].Shape().Clone()...), tensor.Of(vs[0].Dtype()))
	return op.UsePreallocDo(out, vs...)
}

// UsePreallocDo writes the chain into prealloc, which must have the
// operands' shape and dtype; it may be an operand's own tensor.
func (op fuseOp) UsePreallocDo(prealloc gorgonia.Value, vs ...gorgonia.Value) (gorgonia.Value, error) {
	if len(vs) != op.Arity() {
		return nil, errors.Errorf("graph: %s of %d values", op, len(vs))
	}
	for _, v := range vs {
		if _, ok := v.(tensor.Tensor); !ok || !v.Shape().Eq(prealloc.Shape()) || v.Dtype() != prealloc.Dtype() {
			return nil, errors.Errorf("graph: %s of a %T %v %v into %v %v", op, v, v.Shape(), v.Dtype(), prealloc.Shape(), prealloc.Dtype())
		}
	}
	switch out := valuesOf(prealloc).(type) {
	case []float64:
		fuseDo(op, out, vs)
	case []float32:
		fuseDo(op, out, vs)
	default:
		return nil, errors.Errorf("graph: %s of %v values", op, prealloc.Dtype())
	}
	return prealloc, nil
}

// fuseDo writes op's chain of the values vs into out.
func fuseDo[T float](op fuseOp, out []T, vs []gorgonia.Value) {
	x, y := valuesOf(vs[0]).([]T), valuesOf(vs[1]).([]T)
	switch d := any(out).(type) {
	case []float64:
		x, y := any(x).([]float64), any(y).([]float64)
		switch op.kind {
		case fuseTanhGrad:
			vecmath.TanhGrad64(d, x, y)
		case fuseScaleMul:
			vecmath.ScaleMul64(d, x, y, op.c)
		case fuseMulScaled:
			vecmath.MulScaled64(d, x, y, op.c)
		case fuseMulScale:
			vecmath.MulScale64(d, x, y, op.c)
		case fuseMulAdd:
			vecmath.MulAdd64(d, x, y, valuesOf(vs[2]).([]float64), valuesOf(vs[3]).([]float64))
		}
	case []float32:
		x, y := any(x).([]float32), any(y).([]float32)
		switch op.kind {
		case fuseTanhGrad:
			vecmath.TanhGrad32(d, x, y)
		case fuseScaleMul:
			vecmath.ScaleMul32(d, x, y, float32(op.c))
		case fuseMulScaled:
			vecmath.MulScaled32(d, x, y, float32(op.c))
		case fuseMulScale:
			vecmath.MulScale32(d, x, y, float32(op.c))
		case fuseMulAdd:
			vecmath.MulAdd32(d, x, y, valuesOf(vs[2]).([]float32), valuesOf(vs[3]).([]float32))
		}
	}
}

// OverwritesInput names the operand whose register the compiler may give
// the result when nothing reads it afterwards: the gradient of the
// backward chains, the first operand of the others.
func (op fuseOp) OverwritesInput() int {
	if op.kind == fuseTanhGrad || op.kind == fuseScaleMul || op.kind == fuseMulScaled {
		return 1
	}
	return 0
}

// UnsafeDo writes the chain over the operand OverwritesInput names.
func (op fuseOp) UnsafeDo(vs ...gorgonia.Value) (gorgonia.Value, error) {
	if len(vs) != op.Arity() {
		return nil, errors.Errorf("graph: %s of %d values", op, len(vs))
	}
	return op.UsePreallocDo(vs[op.OverwritesInput()], vs...)
}

func (op fuseOp) ReturnsPtr() bool      { return false }
func (op fuseOp) CallsExtern() bool     { return false }
func (op fuseOp) WriteHash(h hash.Hash) { fmt.Fprint(h, op.String()) }
func (op fuseOp) Hashcode() uint32      { return opHash(op) }

func (op fuseOp) String() string {
	if op.kind == fuseScaleMul || op.kind == fuseMulScaled || op.kind == fuseMulScale {
		return fmt.Sprintf("%s%.17g", fuseNames[op.kind], op.c)
	}
	return fuseNames[op.kind]
}

// DiffWRT: the backward chains are built by a reverse pass and are never
// differentiated themselves.
func (op fuseOp) DiffWRT(inputs int) []bool {
	d := op.kind == fuseMulScale || op.kind == fuseMulAdd
	ws := make([]bool, inputs)
	for i := range ws {
		ws[i] = d
	}
	return ws
}

// SymDiff returns the operands' gradients as the separate ops' reverse
// passes build them: for (a ⊙ b)·c the scale's grad·c, then b ⊙ that and
// a ⊙ that (each a fuseMulScaled); for a ⊙ b + p ⊙ q the sum passes grad on to both products, so
// b ⊙ grad, a ⊙ grad, q ⊙ grad and p ⊙ grad.
func (op fuseOp) SymDiff(inputs gorgonia.Nodes, output, grad *Node) (gorgonia.Nodes, error) {
	switch op.kind {
	case fuseMulScale:
		scaled := fuseOp{kind: fuseMulScaled, c: op.c}
		ga, err := fused(scaled, inputs[1], grad)
		if err != nil {
			return nil, err
		}
		gb, err := fused(scaled, inputs[0], grad)
		return gorgonia.Nodes{ga, gb}, err
	case fuseMulAdd:
		ab, err := binOp{binMul}.SymDiff(inputs[:2], output, grad)
		if err != nil {
			return nil, err
		}
		pq, err := binOp{binMul}.SymDiff(inputs[2:], output, grad)
		return append(ab, pq...), err
	}
	return nil, errors.Errorf("graph: %s is not differentiated", op)
}

// fused applies the chain op to tensor operands of one shape.
func fused(op fuseOp, operands ...*Node) (*Node, error) {
	return gorgonia.ApplyOp(op, operands...)
}

// operandShape is the shape of operand k of the arity operands ns of op,
// the shape of an element-wise op's result.
func operandShape(op fmt.Stringer, ns []gorgonia.DimSizer, arity, k int) (tensor.Shape, error) {
	if len(ns) != arity {
		return nil, errors.Errorf("graph: %s of %d operands", op, len(ns))
	}
	s, ok := ns[k].(tensor.Shape)
	if !ok {
		return nil, errors.Errorf("graph: %s of an operand without a shape", op)
	}
	return s.Clone(), nil
}
