package graph

import (
	"math"
	"slices"

	"github.com/pkg/errors"
)

// Normalized is a network that sees some of its input columns mapped
// affinely from [lo, hi] to [−1, 1]. Inputs of order one keep tanh layers
// out of saturation and the first layer's weights of order one; without
// it, a time window [0.9, 1] of a time-marching run reaches the network as
// a sliver its initial weights barely resolve. The map is built from the
// Graph's ops, so derivatives are taken with respect to the raw columns.
type Normalized struct {
	net    Network
	bounds map[string][2]float64
}

// NewNormalized wraps net so that each column c in bounds is mapped from
// [bounds[c][0], bounds[c][1]] to [−1, 1] before net reads it.
func NewNormalized(net Network, bounds map[string][2]float64) (*Normalized, error) {
	if net == nil {
		return nil, errors.New("graph: a normalized network needs a network")
	}
	b := make(map[string][2]float64, len(bounds))
	for c, lh := range bounds {
		lo, hi := lh[0], lh[1]
		if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
			return nil, errors.Errorf("graph: normalizing %q needs finite bounds lo < hi, got [%v, %v]", c, lo, hi)
		}
		if !slices.Contains(net.Inputs(), c) {
			return nil, errors.Errorf("graph: normalizing %q, which the network does not read (it reads %v)", c, net.Inputs())
		}
		b[c] = lh
	}
	return &Normalized{net: net, bounds: b}, nil
}

// Inputs are the wrapped network's inputs.
func (n *Normalized) Inputs() []string { return n.net.Inputs() }

// Outputs is the wrapped network's number of outputs.
func (n *Normalized) Outputs() int { return n.net.Outputs() }

// Params are the wrapped network's parameters; the map has none.
func (n *Normalized) Params() []Param { return n.net.Params() }

// Apply maps the columns and applies the wrapped network to them.
func (n *Normalized) Apply(g *Graph, in map[string]*Node) ([]*Node, error) {
	inner := make(map[string]*Node, len(in))
	for c, col := range in {
		inner[c] = col
		if lh, ok := n.bounds[c]; ok {
			lo, hi := lh[0], lh[1]
			inner[c] = g.Shift(g.Scale(2/(hi-lo), col), -(hi+lo)/(hi-lo))
		}
	}
	if err := g.Err(); err != nil {
		return nil, err
	}
	return n.net.Apply(g, inner)
}
