package residuals

import "github.com/pinngo/pinn/graph"

// vanishing returns (x − lo)(hi − x), which is zero at both ends of
// [lo, hi] and positive inside: the factor that makes an output transform
// satisfy a homogeneous Dirichlet condition exactly.
func vanishing(g *graph.Graph, x *graph.Node, lo, hi float64) *graph.Node {
	return g.Mul(g.Shift(x, -lo), g.Neg(g.Shift(x, -hi)))
}

// initialValue returns the transform u = u₀(x) + (t − t0)·N(x, t), which
// equals u₀ at t = t0 whatever N is. u₀ must be built from the Graph's ops.
func initialValue(t string, t0 float64, u0 func(g *graph.Graph, in map[string]*graph.Node) *graph.Node) graph.OutputTransform {
	return func(g *graph.Graph, in map[string]*graph.Node, raw []*graph.Node) []*graph.Node {
		out := append([]*graph.Node(nil), raw...)
		out[0] = g.Add(u0(g, in), g.Mul(g.Shift(in[t], -t0), raw[0]))
		return out
	}
}
