package graph

import (
	"math"
	"sync/atomic"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"
)

// Options are the settings of a Loss that are not part of its terms.
type Options struct {
	Seed   uint64 // seed of the collocation points
	Method Method // how points are drawn
	// PerSample makes Compute fill Gradients.SampleSq from the raw
	// residual of the term named PerSampleTerm (the first RoleInterior
	// term when empty), and
	// SampleMean too with PerSampleMean (one more matrix product per use
	// of a parameter).
	PerSample     bool
	PerSampleMean bool
	PerSampleTerm string
	// Shards splits every term of at least 2·256 points per step (but a
	// causally weighted one) into up to Shards blocks of points, each its
	// own graph, evaluated at once: with that many cores a step takes
	// about 1/Shards of the time. The loss, gradients and statistics are
	// the same up to rounding. 0 or 1 keeps one graph per term.
	Shards int
	// FullBatch makes every term evaluate its whole pool at every step, and
	// a term without a pool draw its points once and keep them, so the loss
	// is a deterministic function of the parameters (for solvers.FullBatch
	// solvers such as L-BFGS) and Next loads the same points again.
	FullBatch bool
	// plain builds the terms' graphs without the chains of fuseops.go (see
	// Graph.plain), for the tests that compare the two.
	plain bool
}

// Loss evaluates loss terms and their parameter gradients. Every term is
// its own Gorgonia graph, differentiated once, so per-term gradients cost
// one reverse pass each and the total gradient is their weighted sum. Each
// graph holds its own copies of the network's parameters, refreshed before
// every run, so that the terms run concurrently.
type Loss struct {
	net    Network
	fuse   string // the term whose graph also gives per-sample statistics
	plain  bool   // Options.plain
	shards int    // Options.Shards
	src    *Source
	terms  []*termGraph
	grads  Gradients
	stats  *SampleStats // nil unless Options.PerSample
	jobs   []*job       // the graph runs of a step
}

// termGraph is one term's graph, points and compiled machine.
type termGraph struct {
	Term
	n      int                        // points per step
	inputs []map[string]*tensor.Dense // per site, per column
	pool   []Points                   // per site; nil when points are fresh every step
	order  []int                      // pool rows in the current epoch's order
	pos    int                        // next row of order
	loss   *Node                      // Σ_j mean(r_j²)
	grads  []*Node                    // per network parameter; nil where the term does not depend on it
	vm     *machine
	g      *Graph
	copies []tensorCopy // the graph's own copies of the parameters and inputs
	causal *causalGraph // nil unless Term.Causal is set
	// fused, when set, is the term's graph: the per-sample statistics'
	// probe graph, whose deltas also give the loss gradient, so the forward
	// and reverse passes are shared (vm, g and grads are then unused).
	fused *SampleStats
	// parts, when set, are the term's graphs instead, one per block of its
	// points (Options.Shards); done counts those evaluated in this step.
	parts []*part
	done  atomic.Int32
	// adaptive is set once the pool depends on the parameters (RedrawAdaptive)
	// and must be saved with the state.
	adaptive bool
}

// NewLoss builds and compiles the graphs of terms for net and draws the
// first batch of points.
func NewLoss(net Network, terms []Term, opt Options) (*Loss, error) {
	if len(terms) == 0 {
		return nil, errors.New("graph: a loss needs at least one term")
	}
	if opt.Shards < 0 {
		return nil, errors.Errorf("graph: Options.Shards is %d, must not be negative", opt.Shards)
	}
	l := &Loss{net: net, src: NewSource(opt.Seed, opt.Method), shards: opt.Shards, plain: opt.plain}
	if opt.PerSample {
		if opt.PerSampleTerm == "" {
			k := RoleIndex(terms, RoleInterior)
			if k < 0 {
				return nil, errors.New("graph: per-sample statistics of the interior residual, but no term has RoleInterior (or set Options.PerSampleTerm)")
			}
			opt.PerSampleTerm = terms[k].Name
		}
		l.fuse = opt.PerSampleTerm
	}
	names := map[string]bool{}
	for _, t := range terms {
		if t.Name == "" || names[t.Name] {
			return nil, errors.Errorf("graph: loss term names must be distinct and non-empty, got %q twice or empty", t.Name)
		}
		names[t.Name] = true
		if opt.FullBatch {
			t.Sampling = t.Sampling.full()
		}
		if t.Residuals != nil {
			t.Residuals = checkedResiduals(net, t.Residuals)
		}
		if t.Sample != nil && len(t.Forcing) > 0 {
			t.Sample = forcedSample(t.Sample, t.Forcing)
		}
		tg, err := l.build(t)
		if err != nil {
			return nil, errors.Wrapf(err, "term %q", t.Name)
		}
		l.terms = append(l.terms, tg)
	}
	l.grads = newGradients(net.Params(), terms)
	l.grads.Minibatch = !opt.FullBatch
	if opt.PerSample {
		if err := l.enablePerSample(opt.PerSampleTerm, opt.PerSampleMean); err != nil {
			return nil, err
		}
	}
	l.jobs = l.newJobs()
	return l, l.Next()
}

func (l *Loss) build(t Term) (*termGraph, error) {
	if t.Sample == nil || t.Residuals == nil {
		return nil, errors.New("graph: term needs Sample and Residuals")
	}
	if err := t.Sampling.Validate(); err != nil {
		return nil, err
	}
	if math.IsNaN(t.Weight) || t.Weight < 0 {
		return nil, errors.Errorf("graph: weight %v must be non-negative", t.Weight)
	}
	tg := &termGraph{Term: t, n: t.Sampling.Size()}
	first, err := l.draw(t, max(t.Sampling.Pool, tg.n))
	if err != nil {
		return nil, err
	}
	if t.Sampling.Pool > 0 {
		tg.pool = first
		tg.order = l.src.rng.Perm(first[0].Len())
	}
	tg.inputs = newInputs(first, tg.n, l.dtype())
	if parts := l.shardCount(t, tg.n); parts > 1 {
		return tg, l.shard(tg, parts)
	}
	return tg, l.compile(tg)
}

func (l *Loss) dtype() tensor.Dtype {
	ps := l.net.Params()
	if len(ps) == 0 {
		return tensor.Float64
	}
	return ps[0].Value.Dtype()
}

// draw samples n points per site of t and checks their shape.
func (l *Loss) draw(t Term, n int) ([]Points, error) {
	pts, err := t.Sample(l.src, n)
	if err != nil {
		return nil, err
	}
	if len(pts) != t.sites() {
		return nil, errors.Errorf("graph: sampler gave %d sites, want %d", len(pts), t.sites())
	}
	for _, p := range pts {
		for _, c := range l.net.Inputs() {
			if _, ok := p[c]; !ok {
				return nil, errors.Errorf("graph: sampled points lack network input %q", c)
			}
		}
		for c, col := range p {
			if len(col) < n {
				return nil, errors.Errorf("graph: column %q has %d points, want %d", c, len(col), n)
			}
		}
	}
	return pts, nil
}

// Next loads the next batch of points into every term: fresh points, or
// the next rows of the term's pool in an order reshuffled every epoch.
func (l *Loss) Next() error {
	for _, tg := range l.terms {
		if tg.pool == nil {
			pts, err := l.draw(tg.Term, tg.n)
			if err != nil {
				return errors.Wrapf(err, "term %q", tg.Name)
			}
			for s, p := range pts {
				for c, col := range p {
					setColumn(tg.inputs[s][c], func(i int) float64 { return col[i] })
				}
			}
			continue
		}
		rows := tg.nextRows(l.src)
		for s, p := range tg.pool {
			for c, col := range p {
				setColumn(tg.inputs[s][c], func(i int) float64 { return col[rows[i]] })
			}
		}
	}
	return nil
}

// nextRows returns the pool rows of the next batch.
func (tg *termGraph) nextRows(src *Source) []int {
	if tg.n == len(tg.order) {
		return identity(tg.n)
	}
	if tg.pos+tg.n > len(tg.order) {
		tg.order = src.rng.Perm(len(tg.order))
		tg.pos = 0
	}
	rows := tg.order[tg.pos : tg.pos+tg.n]
	tg.pos += tg.n
	return rows
}

func identity(n int) []int {
	r := make([]int, n)
	for i := range r {
		r[i] = i
	}
	return r
}

// setColumn writes v(i) into row i of an n×1 tensor of either dtype.
func setColumn(t *tensor.Dense, v func(i int) float64) {
	switch d := t.Data().(type) {
	case []float64:
		for i := range d {
			d[i] = v(i)
		}
	case []float32:
		for i := range d {
			d[i] = float32(v(i))
		}
	}
}

// Compute evaluates every term and its gradient at the current points. The
// result is owned by the Loss and overwritten by the next Compute.
func (l *Loss) Compute() (*Gradients, error) {
	gr := &l.grads
	// Each term's graph (or shard's), and the per-sample statistics', works
	// on its own copies of the parameters and points (Gorgonia's matrix
	// product transposes its operands in place), so they run at once, on
	// as many cores as GOMAXPROCS gives.
	for _, tg := range l.terms {
		tg.scatter()
		tg.done.Store(0) // a failed shard of the last step left it short
	}
	if err := runJobs(l.jobs); err != nil {
		return nil, err
	}
	gr.Loss = 0
	for k, tg := range l.terms {
		gr.Loss += tg.Weight * gr.Losses[k]
	}
	gr.sumTerms()
	if math.IsNaN(gr.Loss) || math.IsInf(gr.Loss, 0) {
		return gr, errors.Errorf("graph: loss is %v (terms %v)", gr.Loss, gr.Losses)
	}
	return gr, nil
}

// runVM refreshes the graph's copies of the parameters and inputs and runs
// its machine.
func (tg *termGraph) runVM() error {
	refresh(tg.copies)
	return tg.vm.run()
}

// evaluate runs term k's machine and stores its loss and weighted gradient.
// The machine writes every run into the previous run's tensors (see
// machine): dropping them with Gorgonia's Reset made every step allocate
// every intermediate tensor again (53 MB per Burgers step at n = 1024).
func (tg *termGraph) evaluate(gr *Gradients, k int) error {
	if tg.fused != nil {
		return tg.evaluateFused(gr, k)
	}
	if err := tg.run(); err != nil {
		return errors.Wrapf(err, "graph: evaluating term %q", tg.Name)
	}
	v, err := scalarOf(tg.loss.Value())
	if err != nil {
		return errors.Wrapf(err, "term %q", tg.Name)
	}
	gr.Losses[k] = v
	for i, gn := range tg.grads {
		if gn == nil {
			zero(gr.Terms[k][i])
			continue
		}
		copyScaled(gr.Terms[k][i], gn.Value(), tg.Weight)
	}
	return nil
}

// Terms returns the names of the terms in order.
func (l *Loss) Terms() []string { return l.grads.Names }

// Weights returns a copy of the terms' weights, in order.
func (l *Loss) Weights() []float64 { return append([]float64(nil), l.grads.Weights...) }

// SetWeight changes the weight of term k, for balancing schemes that adapt
// weights during training.
func (l *Loss) SetWeight(k int, w float64) error {
	if k < 0 || k >= len(l.terms) || math.IsNaN(w) || w < 0 {
		return errors.Errorf("graph: SetWeight(%d, %v) on %d terms", k, w, len(l.terms))
	}
	l.terms[k].Weight = w
	l.grads.Weights[k] = w
	return nil
}

// Source returns the sampler, whose state belongs in a checkpoint.
func (l *Loss) Source() *Source { return l.src }

// Network returns the network being trained.
func (l *Loss) Network() Network { return l.net }

// Batch returns a copy of the points term k uses in the current step, one
// Points per site.
func (l *Loss) Batch(k int) []Points {
	tg := l.terms[k]
	out := make([]Points, len(tg.inputs))
	for s, bufs := range tg.inputs {
		out[s] = Points{}
		for c, buf := range bufs {
			col := make([]float64, tg.n)
			readColumn(buf, col)
			out[s][c] = col
		}
	}
	return out
}

// evaluateFused evaluates a term whose graph is its per-sample statistics'
// (see termGraph.fused), filling its loss and gradient and the statistics.
func (tg *termGraph) evaluateFused(gr *Gradients, k int) error {
	if err := tg.fused.compute(gr.SampleSq, gr.SampleMean, gr.Terms[k], tg.Weight); err != nil {
		return errors.Wrapf(err, "graph: evaluating term %q", tg.Name)
	}
	v, err := scalarOf(tg.fused.loss.Value())
	if err != nil {
		return errors.Wrapf(err, "term %q", tg.Name)
	}
	gr.Losses[k] = v
	return nil
}
