package graph

import (
	"math"

	"github.com/pkg/errors"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Causal configures causal weighting of a term's residual in time (Wang,
// Sankaran & Perdikaris, "Respecting causality is all you need for training
// physics-informed neural networks", 2022). The time axis [Min, Max] of
// coordinate Coord is cut into Chunks equal chunks; with L_i the mean
// squared residual of the points in chunk i, the term's loss is
//
//	(1/M) Σ_i w_i L_i,   w_i = exp(−ε Σ_{k<i} L_k),   w_0 = 1,
//
// so a chunk only counts once the residual before it is small. The weights
// are constants for the gradient (the paper's stop-gradient): the gradient
// is (1/M) Σ_i w_i ∇L_i.
//
// Which values the weights come from: evaluation s uses the chunk losses
// of evaluation s−1 (the parameters before the last update, and that
// step's points), because a compiled graph runs its forward and backward
// passes together and the chunk losses of the current pass are known only
// after its gradient. The very first evaluation runs the term twice, so its
// weights come from the current parameters and points. A chunk without
// points in a batch keeps its previous loss. Parameters move little per
// step, so the one-step lag changes the weights by O(learning rate).
type Causal struct {
	Coord    string
	Min, Max float64
	Chunks   int
	Epsilon  float64
}

// Validate checks the configuration.
func (c Causal) Validate() error {
	if c.Coord == "" || !(c.Min < c.Max) || c.Chunks < 1 || !(c.Epsilon >= 0) || math.IsInf(c.Epsilon, 0) {
		return errors.Errorf("graph: causal weighting needs a coordinate, min < max, chunks ≥ 1 and a finite ε ≥ 0, got %+v", c)
	}
	return nil
}

// chunk returns the chunk holding time t; times outside [Min, Max] go to
// the nearest chunk.
func (c Causal) chunk(t float64) int {
	i := int(math.Floor((t - c.Min) / (c.Max - c.Min) * float64(c.Chunks)))
	return min(max(i, 0), c.Chunks-1)
}

// CausalWeights returns w_i = exp(−ε Σ_{k<i} L_k) for chunk losses L.
func CausalWeights(losses []float64, epsilon float64) []float64 {
	w := make([]float64, len(losses))
	var sum float64
	for i, l := range losses {
		w[i] = math.Exp(-epsilon * sum)
		sum += l
	}
	return w
}

// causalGraph is the per-term state of causal weighting.
type causalGraph struct {
	cfg    Causal
	t      *tensor.Dense // the term's time column (site 0)
	w      *tensor.Dense // per-point weights, an input column: a constant for Grad
	sq     gorgonia.Value
	losses []float64 // chunk losses of the last evaluation; nil before the first
	tbuf   []float64
	wbuf   []float64
}

// causalLoss builds mean(w ⊙ Σ_j r_j²) for a term's residual columns,
// with w the per-point weights that make it (1/M) Σ_i w_i L_i.
func (tg *termGraph) causalLoss(rs []*Node) (*Node, error) {
	c := *tg.Causal
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if tg.sites() != 1 {
		return nil, errors.Errorf("graph: causal weighting needs a one-site term, %q has %d", tg.Name, tg.sites())
	}
	tcol, ok := tg.inputs[0][c.Coord]
	if !ok {
		return nil, errors.Errorf("graph: causal weighting in %q, which term %q does not sample", c.Coord, tg.Name)
	}
	g := tg.g
	cg := &causalGraph{cfg: c, t: tcol, tbuf: make([]float64, tg.n), wbuf: make([]float64, tg.n)}
	cg.w = tensor.New(tensor.WithShape(tg.n, 1), tensor.Of(g.Dtype()))
	w := g.Input("causal_weight", cg.w)
	var sq *Node
	for _, r := range rs {
		sq = g.add0(sq, g.Square(r))
	}
	if g.Err() != nil {
		return nil, g.Err()
	}
	if sq == nil {
		return nil, errors.New("graph: term has no residual")
	}
	// Read copies Σ_j r_j² out of the machine on every run, for the chunk losses.
	gorgonia.Read(sq, &cg.sq)
	loss := g.Mean(g.Mul(w, sq))
	if err := g.Err(); err != nil {
		return nil, err
	}
	tg.causal = cg
	return loss, nil
}

// run evaluates the term's graph, with causal weights when it has them.
func (tg *termGraph) run() error {
	cg := tg.causal
	if cg == nil {
		return tg.runVM()
	}
	readColumn(cg.t, cg.tbuf)
	if cg.losses == nil {
		// First evaluation: run once for the chunk losses at the current
		// parameters, then again with the weights they give.
		setColumn(cg.w, func(int) float64 { return 1 })
		if err := tg.runVM(); err != nil {
			return err
		}
		cg.losses = make([]float64, cg.cfg.Chunks)
		cg.observe()
	}
	cg.pointWeights()
	setColumn(cg.w, func(i int) float64 { return cg.wbuf[i] })
	if err := tg.runVM(); err != nil {
		return err
	}
	cg.observe()
	return nil
}

// pointWeights sets wbuf[j] = n w_i / (M n_i) for the chunk i of point j,
// so that mean_j(wbuf_j r_j²) = (1/M) Σ_i w_i L_i.
func (cg *causalGraph) pointWeights() {
	m := cg.cfg.Chunks
	count := make([]int, m)
	for _, t := range cg.tbuf {
		count[cg.cfg.chunk(t)]++
	}
	w := CausalWeights(cg.losses, cg.cfg.Epsilon)
	n := float64(len(cg.tbuf))
	for j, t := range cg.tbuf {
		i := cg.cfg.chunk(t)
		cg.wbuf[j] = n * w[i] / (float64(m) * float64(count[i]))
	}
}

// observe sets the chunk losses from the last run's squared residuals.
func (cg *causalGraph) observe() {
	m := cg.cfg.Chunks
	sum := make([]float64, m)
	count := make([]int, m)
	sq := make([]float64, len(cg.tbuf))
	readColumn(cg.sq, sq)
	for j, t := range cg.tbuf {
		i := cg.cfg.chunk(t)
		sum[i] += sq[j]
		count[i]++
	}
	for i := range sum {
		if count[i] > 0 {
			cg.losses[i] = sum[i] / float64(count[i])
		}
	}
}

// CausalLosses returns a copy of the chunk losses of term k's last
// evaluation and the weights the next evaluation will use; both are nil
// when the term is not causally weighted or has not been evaluated.
func (l *Loss) CausalLosses(k int) (losses, weights []float64) {
	if k < 0 || k >= len(l.terms) || l.terms[k].causal == nil || l.terms[k].causal.losses == nil {
		return nil, nil
	}
	cg := l.terms[k].causal
	return append([]float64(nil), cg.losses...), CausalWeights(cg.losses, cg.cfg.Epsilon)
}
