package graph

import (
	"fmt"
	"math/rand/v2"

	"github.com/pkg/errors"
)

// The modified MLP of Wang, Teng & Perdikaris ("Understanding and
// mitigating gradient flow pathologies in physics-informed neural
// networks", 2021) adds two encoders of the inputs, U = σ(x·W_U + b_U)
// and V = σ(x·W_V + b_V), and gates every hidden layer with them:
//
//	h ← h ⊙ U + (1 − h) ⊙ V = V + h ⊙ (U − V).
//
// The multiplicative paths carry the inputs to every depth, which the
// authors found to ease the stiff gradient flow of PINN losses. The gate
// parameters come after all the others, so a plain MLP's parameters keep
// their order and names.

// addGates appends the encoder parameters U_<input>, bU, V_<input>, bV.
func (m *MLP) addGates(rng *rand.Rand) {
	d, w := len(m.cfg.Inputs), m.cfg.Width
	for _, enc := range []string{"U", "V"} {
		for _, in := range m.cfg.Inputs {
			m.add(fmt.Sprintf("%s_%s", enc, in), 1, w, glorot(d, w), rng)
		}
		m.add("b"+enc, 1, w, 0, rng)
	}
}

// gates returns V and U − V of the modified MLP, or nils for a plain one.
func (m *MLP) gates(g *Graph, in map[string]*Node) (v, uMinusV *Node, err error) {
	if !m.cfg.Modified {
		return nil, nil, nil
	}
	// The weights' nodes are created in Params' order, the gates' last,
	// so that a graph lists its parameters as the network does.
	for _, p := range m.params {
		g.Param(p.Name, p.Value)
	}
	d := len(m.cfg.Inputs)
	base := len(m.params) - 2*(d+1)
	encode := func(first int) *Node {
		var z *Node
		for i, name := range m.cfg.Inputs {
			p := m.params[first+i]
			z = g.add0(z, g.MulRow(in[name], g.Param(p.Name, p.Value)))
		}
		b := m.params[first+d]
		return m.act(g, g.AddRow(z, g.Param(b.Name, b.Value)))
	}
	u, v := encode(base), encode(base+d+1)
	if err := g.Err(); err != nil {
		return nil, nil, errors.Wrap(err, "graph: modified MLP encoders")
	}
	return v, g.Sub(u, v), nil
}

// gate applies h ← V + h ⊙ (U − V) when the network is a modified MLP.
func gate(g *Graph, h, v, uMinusV *Node) *Node {
	if v == nil {
		return h
	}
	return g.Add(v, g.Mul(h, uMinusV))
}
