package graph

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"github.com/pkg/errors"
	"github.com/viterin/vek/vek32"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph/internal/vecmath"
)

// Element-wise functions as Gorgonia ops of their own. Gorgonia's unary
// ops have no preallocated path: every run allocates their results (2 MB
// per float32 Burgers step, mostly tanh), and so does the Neg in its
// reverse pass of a subtraction (1.5 MB per float64 step, from tanh's
// slope 1 − a²). These compute the same values with the same functions
// (math and math32) into the register the machine keeps (see machine),
// except tanh and float32 exp, which run over whole vector registers:
// tanh in vecmath's assembly (float32: a rational function, which
// math32.Tanh took about 50 times as long as; float64: math.Tanh's own
// formulas, 3 to 6 times as fast), float32 exp as vek's (within 1e-7
// relative). vek's sin and cos are not used: near their zeros they are
// off by up to 5e-4 relative (5e-7 absolute); it has no float64 ones.

// unaryKind names an element-wise function.
type unaryKind int

const (
	unaryTanh unaryKind = iota
	unarySin
	unaryCos
	unaryExp
	unarySlope // 1 − a², tanh's derivative at tanh's value a
	unaryLog
	unarySqrt
	unaryAbs
	unarySign // −1, 0 or 1: the derivative of abs
	unaryPow  // a^p for the op's real exponent p
)

var unaryNames = [...]string{"tanh", "sin", "cos", "exp", "slope", "log", "sqrt", "abs", "sign", "pow"}

// unaryOp applies one element-wise function; p is unaryPow's exponent.
// plain builds tanh's and the slope's backward products as separate ops
// (see Graph.plain).
type unaryOp struct {
	kind  unaryKind
	p     float64
	plain bool
}

func (op unaryOp) Arity() int { return 1 }

func (op unaryOp) Type() hm.Type {
	a := hm.TypeVariable('a')
	return hm.NewFnType(a, a)
}

func (op unaryOp) InferShape(ns ...gorgonia.DimSizer) (tensor.Shape, error) {
	return operandShape(op, ns, 1, 0)
}

func (op unaryOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	if len(vs) != 1 {
		return nil, errors.Errorf("graph: %s of %d values", op, len(vs))
	}
	v := vs[0]
	if _, ok := v.(tensor.Tensor); !ok {
		// A scalar: Gorgonia's own op handles it.
		return nil, errors.Errorf("graph: %s of a %T", op, v)
	}
	out := tensor.New(tensor.WithShape(v.Shape().Clone()...), tensor.Of(v.Dtype()))
	return op.UsePreallocDo(out, v)
}

// UsePreallocDo writes f(v) into prealloc, which must have v's shape and
// dtype (the machine falls back to Do otherwise).
func (op unaryOp) UsePreallocDo(prealloc gorgonia.Value, vs ...gorgonia.Value) (gorgonia.Value, error) {
	if len(vs) != 1 {
		return nil, errors.Errorf("graph: %s of %d values", op, len(vs))
	}
	v := vs[0]
	if !prealloc.Shape().Eq(v.Shape()) || prealloc.Dtype() != v.Dtype() {
		return nil, errors.Errorf("graph: %s into a %v %v value, want %v %v", op, prealloc.Shape(), prealloc.Dtype(), v.Shape(), v.Dtype())
	}
	switch out := valuesOf(prealloc).(type) {
	case []float64:
		in := valuesOf(v).([]float64)[:len(out)]
		switch op.kind {
		case unaryTanh:
			vecmath.Tanh64(out, in)
		case unarySlope:
			vecmath.Slope64(out, in)
		default:
			f := op.func64()
			for i, x := range in {
				out[i] = f(x)
			}
		}
	case []float32:
		in := valuesOf(v).([]float32)[:len(out)]
		switch op.kind {
		case unaryTanh:
			vecmath.Tanh32(out, in)
		case unarySlope:
			vecmath.Slope32(out, in)
		case unaryExp:
			vek32.Exp_Into(out, in)
		default:
			f := op.func32()
			for i, x := range in {
				out[i] = f(x)
			}
		}
	default:
		return nil, errors.Errorf("graph: %s of %v values", op, prealloc.Dtype())
	}
	return prealloc, nil
}

func (op unaryOp) ReturnsPtr() bool          { return false }
func (op unaryOp) CallsExtern() bool         { return false }
func (op unaryOp) OverwritesInput() int      { return -1 }
func (op unaryOp) WriteHash(h hash.Hash)     { fmt.Fprint(h, op.String()) }
func (op unaryOp) DiffWRT(inputs int) []bool { return []bool{op.kind != unarySign} }
func (op unaryOp) Hashcode() uint32          { return opHash(op) }

// slope is 1 − x², in the order Gorgonia's two ops computed it.
func slope[T float](x T) T { return 1 - x*x }

// SymDiff returns grad ⊙ f'(x): (1 − y²) for tanh, cos x for sin, −sin x
// for cos and y for exp, as Gorgonia builds them for its own ops, −2x for
// the slope, 1/x for log, 1/(2y) for sqrt, sign x for abs and p·x^(p−1)
// for pow. Sign is piecewise constant: Gorgonia does not differentiate
// through it (DiffWRT), and its gradient here is zero.
func (op unaryOp) SymDiff(inputs gorgonia.Nodes, output, grad *Node) (gorgonia.Nodes, error) {
	x, y := inputs[0], output
	var d *Node
	var err error
	if !op.plain && !x.IsScalar() {
		switch op.kind {
		case unaryTanh:
			d, err = fused(fuseOp{kind: fuseTanhGrad}, y, grad)
			return gorgonia.Nodes{d}, err
		case unarySlope:
			d, err = fused(fuseOp{kind: fuseScaleMul, c: -2}, x, grad)
			return gorgonia.Nodes{d}, err
		}
	}
	switch op.kind {
	case unaryTanh:
		if d, err = binary(binMul, y, y); err == nil {
			d, err = gorgonia.Sub(constant(x, 1), d)
		}
	case unarySin:
		d, err = unary(unaryOp{kind: unaryCos}, x)
	case unaryCos:
		if d, err = unary(unaryOp{kind: unarySin}, x); err == nil {
			d, err = binary(binScale, constant(x, -1), d)
		}
	case unaryExp:
		d = y
	case unarySlope:
		d, err = binary(binScale, constant(x, -2), x)
	case unaryLog:
		d, err = gorgonia.HadamardDiv(grad, x)
		return gorgonia.Nodes{d}, err
	case unarySqrt:
		if d, err = binary(binScale, constant(x, 2), y); err == nil {
			d, err = gorgonia.HadamardDiv(grad, d)
		}
		return gorgonia.Nodes{d}, err
	case unaryAbs:
		d, err = unary(unaryOp{kind: unarySign}, x)
	case unarySign:
		d = constant(x, 0)
	case unaryPow:
		if d, err = unary(unaryOp{kind: unaryPow, p: op.p - 1}, x); err == nil {
			d, err = binary(binScale, constant(x, op.p), d)
		}
	}
	if err == nil {
		d, err = binary(binMul, d, grad)
	}
	return gorgonia.Nodes{d}, err
}

// constant returns the scalar c of x's dtype in x's graph.
func constant(x *Node, c float64) *Node { return scalarConstant(x.Graph(), x.Dtype(), c) }
