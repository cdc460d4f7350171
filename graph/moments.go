package graph

import (
	"fmt"
	"sort"

	"github.com/pkg/errors"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// useSite is one use of a parameter w in a graph built in probe mode:
// z = h·w (MatMul), z = h ⊙ w (MulRow, h a column) or z = h + w (AddRow,
// where the per-sample input is a column of ones). The graph uses z + probe
// in place of z, with probe a zero input, so ∂r_i/∂probe_i = ∂r_i/∂z_i.
type useSite struct {
	kind  opKind
	h, w  *Node
	z     *Node // the product or sum before the probe is added
	probe *Node
}

// probed returns z, or z + e with a fresh zero probe e when the graph is in
// probe mode and w is a parameter, recording the use site.
func (g *Graph) probed(kind opKind, h, w, z *Node) *Node {
	if g.probes == nil || z == nil || !g.isParam(w) {
		return z
	}
	shape := z.Shape().Clone()
	e := gorgonia.NewMatrix(g.eg, g.dtype, gorgonia.WithShape(shape...),
		gorgonia.WithName(fmt.Sprintf("probe%d", len(*g.probes))),
		gorgonia.WithValue(tensor.New(tensor.WithShape(shape...), tensor.Of(g.dtype))))
	g.recs[e] = record{kind: opLeaf}
	*g.probes = append(*g.probes, useSite{kind: kind, h: h, w: w, z: z, probe: e})
	return g.build(opAdd, z, e, 0, func() (*Node, error) { return gorgonia.ApplyOp(probeOp{}, z, e) })
}

func (g *Graph) isParam(n *Node) bool {
	for _, p := range g.order {
		if p == n {
			return true
		}
	}
	return false
}

// SampleStats computes per-sample statistics of a residual's parameter
// gradients: with g_i = ∂r_i/∂w over the n points, SampleSq = (1/n) Σ_i g_i⊙g_i
// and SampleMean = (1/n) Σ_i g_i, without forming the n gradients. It runs
// its own graph of the residual, bound to the caller's input buffers, in
// which every use of a parameter carries a zero probe; one reverse pass of
// Σ_i r_i gives δ_s (row i = ∂r_i/∂z_s,i) per use site s, and for a
// parameter with use sites s (inputs h_s) the per-sample gradient is
// G_i = Σ_s h_s,iᵀ δ_s,i. Vector kernels form each G_i and sum G_i⊙G_i
// where the CPU has them (AVX2 and FMA); elsewhere the sum is the pair
// identity Σ_{s,s'} (h_s⊙h_s')ᵀ(δ_s⊙δ_s') in BLAS products.
type SampleStats struct {
	n      int
	params []Param
	shapes [][2]int    // of the parameters
	sites  [][]useSite // per parameter; only sites the residual reaches
	order  []int       // parameters, most expensive first
	deltas map[*Node]*Node
	vm     *machine
	work   any // *statsWork[float64] or *statsWork[float32], by dtype
	// copies are the graph's own copies of the parameters and inputs, so
	// that it can run while other graphs use the shared tensors.
	copies []tensorCopy
	// loss (mean r²) and r's value are set when the statistics graph is
	// also a loss term's graph (see termGraph.fused).
	loss *Node
	r    gorgonia.Value
	// share is the number of statistics graphs running at once (the
	// shards of a term), which divide the cores between them.
	share int
}

// NewSampleStats builds the probe graph of the single residual column that
// residuals returns for net at the points held in inputs (one map per site,
// column name → n×1 buffer the caller refills between Computes).
func NewSampleStats(net Network, inputs []map[string]*tensor.Dense, residuals func([]*Fields) []*Node) (*SampleStats, error) {
	return newSampleStats(net, inputs, residuals, false, chains{})
}

// errUncovered is newSampleStats' error for a residual that uses a
// parameter other than through a probed product or sum, whose gradient
// the deltas therefore do not give.
var errUncovered = errors.New("graph: a parameter is used outside a probed product")

// newSampleStats builds the statistics graph with the chains ch (again
// where a chain hid a shared product); withLoss adds the term's loss
// mean(r²) and keeps r's value, so that the graph can stand for the loss
// term itself (its gradient is Σ_s h_sᵀ((2r/n) ⊙ δ_s)).
func newSampleStats(net Network, inputs []map[string]*tensor.Dense, residuals func([]*Fields) []*Node, withLoss bool, ch chains) (*SampleStats, error) {
	if len(inputs) == 0 {
		return nil, errors.New("graph: SampleStats needs inputs")
	}
	var dtype tensor.Dtype
	n := -1
	for _, buf := range inputs[0] {
		dtype, n = buf.Dtype(), buf.Shape()[0]
		break
	}
	if n < 0 {
		return nil, errors.New("graph: SampleStats needs input columns")
	}
	if n < 2 {
		// With one row Gorgonia's reverse pass leaves the deltas at zero:
		// the statistics would be silently wrong.
		return nil, errors.Errorf("graph: per-sample statistics need at least 2 points, got %d", n)
	}
	g, err := NewGraph(dtype)
	if err != nil {
		return nil, err
	}
	var probes []useSite
	st := &SampleStats{n: n, params: net.Params(), deltas: map[*Node]*Node{}, work: &statsWork[float64]{}, share: 1}
	if dtype == tensor.Float32 {
		st.work = &statsWork[float32]{}
	}
	g.probes, g.copies = &probes, &st.copies
	ch.use(g)
	fields := make([]*Fields, len(inputs))
	for s, bufs := range inputs {
		in := map[string]*Node{}
		for col, buf := range bufs {
			in[col] = g.Input(fmt.Sprintf("%s%d", col, s), buf)
		}
		if fields[s], err = NewFields(g, net, in); err != nil {
			return nil, errors.Wrap(err, "graph: SampleStats")
		}
	}
	rs := residuals(fields)
	if err := g.Err(); err != nil {
		return nil, errors.Wrap(err, "graph: SampleStats")
	}
	if len(rs) != 1 {
		return nil, errors.Errorf("graph: SampleStats needs exactly one residual column, got %d", len(rs))
	}
	// Rows are independent points, so the gradient of Σ_i r_i with respect
	// to probe row i is ∂r_i/∂z_i.
	cost, err := gorgonia.Sum(rs[0])
	if err != nil {
		return nil, errors.Wrap(err, "graph: SampleStats sum")
	}
	roots := []*Node{cost}
	if withLoss {
		if !probesCover(g, cost) {
			return nil, errUncovered
		}
		if st.loss = g.Mean(g.Square(rs[0])); g.Err() != nil {
			return nil, errors.Wrap(g.Err(), "graph: SampleStats loss")
		}
		gorgonia.Read(rs[0], &st.r)
		roots = append(roots, st.loss)
	}
	if next, again := ch.next(g); again {
		return newSampleStats(net, inputs, residuals, withLoss, next)
	}
	reach := reachable(g.Expr(), cost)
	var wrt []*Node
	for _, p := range probes {
		if reach[p.probe] {
			wrt = append(wrt, p.probe)
		}
	}
	for _, p := range st.params {
		st.shapes = append(st.shapes, [2]int{p.Value.Shape()[0], p.Value.Shape()[1]})
	}
	if withLoss && len(wrt) == 0 {
		return nil, errNoParams
	}
	if len(wrt) > 0 {
		ds, err := gorgonia.Grad(cost, wrt...)
		if err != nil {
			return nil, errors.Wrap(err, "graph: SampleStats differentiating")
		}
		for i, p := range wrt {
			st.deltas[p] = ds[i]
		}
	}
	st.sites = make([][]useSite, len(st.params))
	for k, p := range st.params {
		w := g.params[p.Value]
		for _, u := range probes {
			if u.w == w && st.deltas[u.probe] != nil {
				st.sites[k] = append(st.sites[k], u)
			}
		}
	}
	st.order = byCost(st.shapes, st.sites)
	// Only the deltas and the layer inputs they pair with are read after a
	// run; the rest of what Grad built (gradients with respect to the
	// parameters and constants) is left out of the program.
	var ds, hs []*Node
	for _, sites := range st.sites {
		for _, u := range sites {
			ds = append(ds, st.deltas[u.probe])
			if u.kind != opAddRow {
				hs = append(hs, u.h)
			}
		}
	}
	keep, err := keepIntact(g, ds, hs)
	if err != nil {
		return nil, err
	}
	if st.vm, err = newMachine(g.Expr(), append(append(roots, ds...), keep...)...); err != nil {
		return nil, err
	}
	return st, nil
}

// probesCover reports whether every path from cost to a parameter passes
// through a probed use site, so that the deltas give the whole gradient.
func probesCover(g *Graph, cost *Node) bool {
	blocked := map[*Node]bool{}
	for _, u := range *g.probes {
		blocked[u.z] = true
	}
	reach := reachableAvoiding(g.eg, cost, blocked)
	for _, p := range g.order {
		if reach[p] {
			return false
		}
	}
	return true
}

// byCost returns the parameter indices ordered by the work of their pair
// products, largest first, so that workers taking them in turn finish
// close together. The kernels' work, rows·cols·(S+2), is ordered the same
// way among parameters with equal stream counts S, as the weight matrices
// of one network's hidden layers are; across counts it is an estimate.
func byCost(shapes [][2]int, sites [][]useSite) []int {
	order := make([]int, len(shapes))
	cost := make([]int, len(shapes))
	for k := range order {
		order[k] = k
		s := len(sites[k])
		cost[k] = shapes[k][0] * shapes[k][1] * s * (s + 1)
	}
	sort.SliceStable(order, func(a, b int) bool { return cost[order[a]] > cost[order[b]] })
	return order
}

// keepIntact returns nodes that keep the layer inputs hs intact to the end
// of a run, so that they can be read after it. Gorgonia lets an op that
// overwrites its input (most element-wise ops and reductions) take the
// input's register at its last use, and with the parameter gradients left
// out, the last use of a layer input may be such an op. Each returned node
// is a matrix product (which never overwrites) of a layer input with a
// column that depends on every delta, so it runs after every other use.
// The deltas themselves are gradients with respect to input nodes, which
// Gorgonia keeps live for the whole program.
func keepIntact(g *Graph, ds, hs []*Node) ([]*Node, error) {
	if len(ds) == 0 || len(hs) == 0 {
		return nil, nil
	}
	var v *Node
	for _, d := range ds {
		col, err := gorgonia.Mul(d, g.filled(tensor.Shape{d.Shape()[1], 1}, 1))
		if err == nil && v != nil {
			col, err = gorgonia.Add(v, col)
		}
		if err != nil {
			return nil, errors.Wrap(err, "graph: SampleStats")
		}
		v = col
	}
	vt, err := gorgonia.Transpose(v)
	if err != nil {
		return nil, errors.Wrap(err, "graph: SampleStats")
	}
	keep := make([]*Node, len(hs))
	for i, h := range hs {
		if keep[i], err = gorgonia.Mul(vt, h); err != nil {
			return nil, errors.Wrap(err, "graph: SampleStats")
		}
	}
	return keep, nil
}

// enablePerSample allocates the Gradients fields the per-sample statistics
// fill (SampleMean only with mean) and, unless the term called name
// computes them itself (see compile), builds its SampleStats,
// bound to that term's input buffers so it sees the same points.
func (l *Loss) enablePerSample(name string, mean bool) error {
	for _, tg := range l.terms {
		if tg.Name != name {
			continue
		}
		if !tg.givesStats() {
			st, err := NewSampleStats(l.net, tg.inputs, tg.Residuals)
			if err != nil {
				return errors.Wrapf(err, "term %q", tg.Name)
			}
			l.stats = st
		}
		ps := l.net.Params()
		l.grads.SampleSq = zerosLike(ps)
		if mean {
			l.grads.SampleMean = zerosLike(ps)
		}
		for _, p := range tg.parts {
			if p.fused != nil {
				p.gr.SampleSq = zerosLike(ps)
				if mean {
					p.gr.SampleMean = zerosLike(ps)
				}
			}
		}
		return nil
	}
	return errors.Errorf("graph: per-sample statistics of term %q, which the loss lacks", name)
}
