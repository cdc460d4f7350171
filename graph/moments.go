package graph

import (
	"fmt"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/mat"
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
	*g.probes = append(*g.probes, useSite{kind: kind, h: h, w: w, probe: e})
	return g.Add(z, e)
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
// G_i = Σ_s h_s,iᵀ δ_s,i, so Σ_i G_i⊙G_i = Σ_{s,s'} (h_s⊙h_s')ᵀ(δ_s⊙δ_s').
type SampleStats struct {
	n      int
	params []Param
	shapes [][2]int    // of the parameters
	sites  [][]useSite // per parameter; only sites the residual reaches
	deltas map[*Node]*Node
	vm     *machine
	work   statsWork
	// copies are the graph's own copies of the parameters and inputs, so
	// that it can run while other graphs use the shared tensors.
	copies []tensorCopy
}

// statsWork is SampleStats.Compute's scratch space, kept between calls.
type statsWork struct {
	ones              *mat.Dense
	bufs              [][]float64 // float32 values converted, one per matrix read
	hs, ds            []*mat.Dense
	hh, dd, tmp, S, M mat.Dense
}

// NewSampleStats builds the probe graph of the single residual column that
// residuals returns for net at the points held in inputs (one map per site,
// column name → n×1 buffer the caller refills between Computes).
func NewSampleStats(net Network, inputs []map[string]*tensor.Dense, residuals func([]*Fields) []*Node) (*SampleStats, error) {
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
	var copies []tensorCopy
	g.probes, g.copies = &probes, &copies
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
	reach := reachable(g.Expr(), cost)
	var wrt []*Node
	for _, p := range probes {
		if reach[p.probe] {
			wrt = append(wrt, p.probe)
		}
	}
	st := &SampleStats{n: n, params: net.Params(), deltas: map[*Node]*Node{}, copies: copies}
	for _, p := range st.params {
		st.shapes = append(st.shapes, [2]int{p.Value.Shape()[0], p.Value.Shape()[1]})
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
	if st.vm, err = newMachine(g.Expr(), append(append([]*Node{cost}, ds...), keep...)...); err != nil {
		return nil, err
	}
	return st, nil
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

// Compute evaluates the statistics at the current inputs and parameter
// values into sq and mean (one tensor per network parameter, in
// Network.Params order, of the parameters' shapes and dtype). It works on
// its own copies of the parameters and inputs, so it may run beside the
// loss terms' machines (Loss.Compute does).
func (st *SampleStats) Compute(sq, mean []*tensor.Dense) error {
	refresh(st.copies)
	if len(sq) != len(st.params) || len(mean) != len(st.params) {
		return errors.Errorf("graph: SampleStats.Compute needs %d tensors, got %d and %d", len(st.params), len(sq), len(mean))
	}
	if err := st.vm.run(); err != nil {
		return errors.Wrap(err, "graph: SampleStats run")
	}
	w := &st.work
	if w.ones == nil {
		w.ones = mat.NewDense(st.n, 1, nil)
		for i := 0; i < st.n; i++ {
			w.ones.Set(i, 0, 1)
		}
	}
	inv := 1 / float64(st.n)
	read := 0 // matrices read so far, to index w.bufs
	for k := range st.params {
		// Not st.params[k].Value.Shape(): the terms' machines transpose the
		// shared tensors in place while this runs.
		rows, cols := st.shapes[k][0], st.shapes[k][1]
		// The values are read in place (float64) or converted into w.bufs
		// (float32); they stay valid until the next run.
		hs, ds := w.hs[:0], w.ds[:0]
		for _, u := range st.sites[k] {
			h := w.ones
			if u.kind != opAddRow {
				h = w.denseOf(u.h.Value(), read)
				read++
			}
			hs = append(hs, h)
			ds = append(ds, w.denseOf(st.deltas[u.probe].Value(), read))
			read++
		}
		w.hs, w.ds = hs, ds
		S, M, hh, dd, tmp := &w.S, &w.M, &w.hh, &w.dd, &w.tmp
		S.Reset()
		M.Reset()
		S.ReuseAs(rows, cols)
		M.ReuseAs(rows, cols)
		for a := range hs {
			tmp.Reset()
			tmp.Mul(hs[a].T(), ds[a])
			M.Add(M, tmp)
			for b := a; b < len(hs); b++ {
				hh.Reset()
				dd.Reset()
				hh.MulElem(hs[a], hs[b])
				dd.MulElem(ds[a], ds[b])
				tmp.Reset()
				tmp.Mul(hh.T(), dd)
				if b != a {
					tmp.Scale(2, tmp)
				}
				S.Add(S, tmp)
			}
		}
		setFrom(sq[k], S, inv)
		setFrom(mean[k], M, inv)
	}
	return nil
}

// denseOf returns a Gorgonia matrix value as a float64 gonum matrix: the
// value's own data for float64, else a copy into the i-th buffer of w.
func (w *statsWork) denseOf(v gorgonia.Value, i int) *mat.Dense {
	s := v.Shape()
	r, c := s[0], 1
	if len(s) > 1 {
		c = s[1]
	}
	switch d := v.Data().(type) {
	case []float64:
		return mat.NewDense(r, c, d[:r*c])
	case []float32:
		for len(w.bufs) <= i {
			w.bufs = append(w.bufs, nil)
		}
		if cap(w.bufs[i]) < r*c {
			w.bufs[i] = make([]float64, r*c)
		}
		out := w.bufs[i][:r*c]
		for j, x := range d[:r*c] {
			out[j] = float64(x)
		}
		return mat.NewDense(r, c, out)
	}
	return mat.NewDense(r, c, nil)
}

// setFrom sets t = c·m in t's dtype.
func setFrom(t *tensor.Dense, m *mat.Dense, c float64) {
	_, cols := m.Dims()
	switch d := t.Data().(type) {
	case []float64:
		for i := range d {
			d[i] = c * m.At(i/cols, i%cols)
		}
	case []float32:
		for i := range d {
			d[i] = float32(c * m.At(i/cols, i%cols))
		}
	}
}

// enablePerSample builds the SampleStats of the term called name ("pde"
// when empty), bound to that term's input buffers so it sees the same
// points, and allocates the Gradients fields it fills.
func (l *Loss) enablePerSample(name string) error {
	if name == "" {
		name = "pde"
	}
	for _, tg := range l.terms {
		if tg.Name != name {
			continue
		}
		st, err := NewSampleStats(l.net, tg.inputs, tg.Residuals)
		if err != nil {
			return errors.Wrapf(err, "term %q", name)
		}
		l.stats = st
		l.grads.SampleSq, l.grads.SampleMean = zerosLike(l.net.Params()), zerosLike(l.net.Params())
		return nil
	}
	return errors.Errorf("graph: per-sample statistics of term %q, which the loss lacks", name)
}
