package graph

import (
	"github.com/pkg/errors"
)

// D returns the derivative of u with respect to the input column x, row by
// row: row i holds ∂u_i/∂x_i. Rows of a pointwise network depend only on the
// same row of the inputs, so this is the field derivative u_x. D nests:
// D(D(u, x), x) is u_xx. A node built outside the Graph's methods cannot be
// differentiated and gives an error naming its op.
func (g *Graph) D(u, x *Node) *Node {
	if !g.ok(u, x) {
		return nil
	}
	if !g.inputs[x] {
		return g.fail(errors.Errorf("graph: D with respect to %q, which is not an input column", x.Name()))
	}
	d, err := g.d(u, x)
	if err != nil {
		return g.fail(err)
	}
	if d == nil {
		return g.filled(u.Shape(), 0)
	}
	return d
}

// d is D with nil standing for a structural zero, memoised per (u, x) so
// that nested derivatives share their lower-order nodes.
func (g *Graph) d(u, x *Node) (*Node, error) {
	key := [2]*Node{u, x}
	if v, ok := g.diffs[key]; ok {
		return v, nil
	}
	r, ok := g.recs[u]
	if !ok {
		return nil, errors.Errorf("graph: cannot differentiate %q: op %v was not built through graph.Graph", u.Name(), u.Op())
	}
	if r.kind == opMean {
		return nil, errors.New("graph: cannot differentiate a Mean: it is one value for all points, not one value per point")
	}
	var da, db *Node
	var err error
	if r.a != nil {
		if da, err = g.d(r.a, x); err != nil {
			return nil, err
		}
	}
	if r.b != nil {
		if db, err = g.d(r.b, x); err != nil {
			return nil, err
		}
	}
	var out *Node
	switch r.kind {
	case opLeaf:
		if u == x {
			out = g.filled(x.Shape(), 1)
			g.ones[out] = true
		}
	case opAdd:
		out = g.add0(da, db)
	case opSub:
		out = g.sub0(da, db)
	case opMul:
		out = g.product(da, r.b, r.a, db)
	case opMulScale:
		// c·(a ⊙ b)' as the rule for c·m of m = a ⊙ b builds it
		if m := g.product(da, r.b, r.a, db); m != nil {
			out = g.Scale(r.c, m)
		}
	case opMulAdd:
		var dp, dq *Node
		if dp, err = g.d(r.p, x); err == nil {
			dq, err = g.d(r.q, x)
		}
		if err != nil {
			return nil, err
		}
		out = g.add0(g.product(da, r.b, r.a, db), g.product(dp, r.q, r.p, dq))
	case opDiv:
		// (a/b)' = (a' − (a/b)·b') / b
		if num := g.sub0(da, g.mul0(u, db)); num != nil {
			out = g.Div(num, r.b)
		}
	case opNeg:
		if da != nil {
			out = g.Neg(da)
		}
	case opScale:
		if da != nil {
			out = g.Scale(r.c, da)
		}
	case opShift:
		out = da
	case opTanh:
		out = g.mul0(da, g.slope(u))
	case opSlope:
		if da != nil {
			out = g.mulScale(r.a, da, -2)
		}
	case opSin:
		out = g.mul0(da, g.Cos(r.a))
	case opCos:
		if da != nil {
			out = g.Neg(g.mul0(da, g.Sin(r.a)))
		}
	case opExp:
		out = g.mul0(da, u)
	case opLog:
		if da != nil {
			out = g.Div(da, r.a)
		}
	case opSqrt:
		if da != nil {
			out = g.Div(da, g.Scale(2, u))
		}
	case opAbs:
		out = g.mul0(da, g.sign(r.a))
	case opSign:
		// piecewise constant: a structural zero
	case opPowReal:
		if da != nil {
			out = g.Scale(r.c, g.mul0(da, g.PowReal(r.a, r.c-1)))
		}
	case opMatMul:
		out = g.add0(g.matmul0(da, r.b), g.matmul0(r.a, db))
	case opAddRow:
		if db != nil {
			return nil, errors.Errorf("graph: cannot differentiate %q: its row operand depends on %q", u.Name(), x.Name())
		}
		out = da
	case opMulRow:
		var left, right *Node
		if da != nil {
			left = g.MulRow(da, r.b)
		}
		if db != nil {
			right = g.MulRow(r.a, db)
		}
		out = g.add0(left, right)
	default:
		return nil, errors.Errorf("graph: no derivative rule for %v", kindNames[r.kind])
	}
	if g.err != nil {
		return nil, g.err
	}
	g.diffs[key] = out
	return out, nil
}

// add0 adds, treating nil as zero.
func (g *Graph) add0(a, b *Node) *Node {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return g.Add(a, b)
}

// sub0 subtracts, treating nil as zero.
func (g *Graph) sub0(a, b *Node) *Node {
	switch {
	case b == nil:
		return a
	case a == nil:
		return g.Neg(b)
	}
	return g.Sub(a, b)
}

// mul0 multiplies element-wise, treating nil as zero and skipping ones.
func (g *Graph) mul0(a, b *Node) *Node {
	switch {
	case a == nil || b == nil:
		return nil
	case g.ones[a]:
		return b
	case g.ones[b]:
		return a
	}
	return g.Mul(a, b)
}

// matmul0 multiplies matrices, treating nil as zero.
func (g *Graph) matmul0(a, b *Node) *Node {
	if a == nil || b == nil {
		return nil
	}
	return g.MatMul(a, b)
}
