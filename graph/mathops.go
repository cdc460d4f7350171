package graph

import (
	"fmt"
	"math"

	"github.com/chewxy/math32"
	"github.com/pkg/errors"
	"gorgonia.org/gorgonia"
)

// Log returns the natural logarithm of a element-wise. Its domain is
// a > 0: at 0 it gives −Inf and below NaN, which Loss.Compute reports as a
// non-finite loss. Its derivative is a'/a.
func (g *Graph) Log(a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	return g.build(opLog, a, nil, 0, func() (*Node, error) { return unary(unaryOp{kind: unaryLog}, a) })
}

// Sqrt returns the square root of a element-wise. Its domain is a ≥ 0
// (NaN below); its derivative a'/(2√a) is infinite at a = 0.
func (g *Graph) Sqrt(a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	return g.build(opSqrt, a, nil, 0, func() (*Node, error) { return unary(unaryOp{kind: unarySqrt}, a) })
}

// Abs returns |a| element-wise. Its derivative is sign(a) ⊙ a', taken as
// 0 at a = 0, and its second derivative is sign(a) ⊙ a” (the point mass
// at a = 0 is dropped), so that residuals stay finite everywhere.
func (g *Graph) Abs(a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	return g.build(opAbs, a, nil, 0, func() (*Node, error) { return unary(unaryOp{kind: unaryAbs}, a) })
}

// sign returns −1, 0 or 1 element-wise: the derivative of Abs. It is
// piecewise constant, so its own derivative is a structural zero.
func (g *Graph) sign(a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	return g.build(opSign, a, nil, 0, func() (*Node, error) { return unary(unaryOp{kind: unarySign}, a) })
}

// PowReal returns a^p element-wise for a real exponent p, as math.Pow
// computes it: for a non-integer p its domain is a ≥ 0 (NaN below), and
// for p < 1 its derivative p·a^(p−1)·a' is infinite at a = 0. For a
// non-negative integer exponent Pow, repeated products, is exact and
// defined everywhere.
func (g *Graph) PowReal(a *Node, p float64) *Node {
	if !g.ok(a) {
		return nil
	}
	switch {
	case math.IsNaN(p) || math.IsInf(p, 0):
		return g.fail(errors.Errorf("graph: PowReal with exponent %v", p))
	case p == 0:
		return g.filled(a.Shape(), 1)
	case p == 1:
		return a
	}
	return g.build(opPowReal, a, nil, p, func() (*Node, error) { return unary(unaryOp{kind: unaryPow, p: p}, a) })
}

// unary applies an element-wise function: its own op (see unaryOp), or
// Gorgonia's ops for a scalar.
func unary(op unaryOp, a *Node) (*Node, error) {
	if !a.IsScalar() {
		return gorgonia.ApplyOp(op, a)
	}
	switch op.kind {
	case unarySlope:
		sq, err := gorgonia.HadamardProd(a, a)
		if err != nil {
			return nil, err
		}
		return gorgonia.Sub(constant(a, 1), sq)
	case unaryPow:
		return gorgonia.Pow(a, constant(a, op.p))
	}
	return [...]func(*Node) (*Node, error){gorgonia.Tanh, gorgonia.Sin, gorgonia.Cos, gorgonia.Exp, nil,
		gorgonia.Log, gorgonia.Sqrt, gorgonia.Abs, gorgonia.Sign}[op.kind](a)
}

func (op unaryOp) String() string {
	s := unaryNames[op.kind]
	if op.kind == unaryPow {
		s = fmt.Sprintf("pow%.17g", op.p)
	}
	if op.plain {
		s += "/plain"
	}
	return s
}

// func64 returns the op's function on float64 values.
func (op unaryOp) func64() func(float64) float64 {
	if op.kind == unaryPow {
		return func(x float64) float64 { return math.Pow(x, op.p) }
	}
	return [...]func(float64) float64{math.Tanh, math.Sin, math.Cos, math.Exp, slope[float64],
		math.Log, math.Sqrt, math.Abs, sign[float64]}[op.kind]
}

// func32 returns the op's function on float32 values.
func (op unaryOp) func32() func(float32) float32 {
	if op.kind == unaryPow {
		p := float32(op.p)
		return func(x float32) float32 { return math32.Pow(x, p) }
	}
	return [...]func(float32) float32{math32.Tanh, math32.Sin, math32.Cos, math32.Exp, slope[float32],
		math32.Log, math32.Sqrt, math32.Abs, sign[float32]}[op.kind]
}

// sign is −1, 0 or 1 as x is negative, zero or positive (NaN stays NaN).
func sign[T float](x T) T {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return x
}
