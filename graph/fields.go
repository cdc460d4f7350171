package graph

import "github.com/pkg/errors"

// Residual builds a per-point residual column from the network's fields.
type Residual func(f *Fields) *Node

// Fields is a network applied at one set of points: its outputs, the input
// columns, and their derivatives, with the Graph's arithmetic promoted so a
// residual reads close to its equation. Like Graph, it keeps the first error.
type Fields struct {
	*Graph
	net Network // whose unknowns Unknown reads
	in  map[string]*Node
	out []*Node
}

// NewFields applies net to the input columns in and returns its fields.
func NewFields(g *Graph, net Network, in map[string]*Node) (*Fields, error) {
	out, err := net.Apply(g, in)
	if err != nil {
		return nil, err
	}
	return &Fields{Graph: g, net: net, in: in, out: out}, nil
}

// U returns the first network output.
func (f *Fields) U() *Node { return f.Out(0) }

// Out returns network output k.
func (f *Fields) Out(k int) *Node {
	if k < 0 || k >= len(f.out) {
		return f.fail(errors.Errorf("graph: output %d of a network with %d outputs", k, len(f.out)))
	}
	return f.out[k]
}

// X returns the input column called name (a coordinate or a data column).
func (f *Fields) X(name string) *Node {
	x, ok := f.in[name]
	if !ok {
		return f.fail(errors.Errorf("graph: no input column %q", name))
	}
	return x
}

// D returns the derivative of U with respect to the named coordinates in
// turn: D("x", "x") is u_xx, D("x", "t") is u_xt.
func (f *Fields) D(coords ...string) *Node { return f.DOf(f.U(), coords...) }

// DOf returns the derivative of v with respect to the named coordinates in turn.
func (f *Fields) DOf(v *Node, coords ...string) *Node {
	for _, c := range coords {
		v = f.Graph.D(v, f.X(c))
	}
	return v
}
