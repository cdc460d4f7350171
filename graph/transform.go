package graph

import "github.com/pkg/errors"

// OutputTransform maps a network's raw outputs at the input columns in to
// the outputs the loss terms and the evaluation see. It is built from the
// Graph's ops, so derivatives go through it; it reports errors through g.
type OutputTransform func(g *Graph, in map[string]*Node, raw []*Node) []*Node

// Transformed is a network followed by an output transform. Its main use is
// imposing initial and Dirichlet conditions exactly ("hard constraints",
// Lagaris et al. 1998; Lu et al. 2021): for example
//
//	u(x, t) = −sin(πx) + t (1 − x²) N(x, t)
//
// equals −sin(πx) at t = 0 and 0 at x = ±1 whatever N is, so the loss needs
// no initial or boundary term and the optimizer no balancing of them.
type Transformed struct {
	net Network
	f   OutputTransform
}

// NewTransformed returns net followed by f.
func NewTransformed(net Network, f OutputTransform) (*Transformed, error) {
	if net == nil || f == nil {
		return nil, errors.New("graph: a transformed network needs a network and a transform")
	}
	return &Transformed{net: net, f: f}, nil
}

// Inputs are the wrapped network's inputs.
func (t *Transformed) Inputs() []string { return t.net.Inputs() }

// Outputs is the wrapped network's number of outputs.
func (t *Transformed) Outputs() int { return t.net.Outputs() }

// Params are the wrapped network's parameters.
func (t *Transformed) Params() []Param { return t.net.Params() }

// Apply applies the network and then the transform.
func (t *Transformed) Apply(g *Graph, in map[string]*Node) ([]*Node, error) {
	raw, err := t.net.Apply(g, in)
	if err != nil {
		return nil, err
	}
	out := t.f(g, in, raw)
	if err := g.Err(); err != nil {
		return nil, errors.Wrap(err, "graph: output transform")
	}
	if len(out) != len(raw) {
		return nil, errors.Errorf("graph: output transform returned %d outputs for %d", len(out), len(raw))
	}
	for k, o := range out {
		if o == nil {
			return nil, errors.Errorf("graph: output transform returned no output %d", k)
		}
	}
	return out, nil
}
