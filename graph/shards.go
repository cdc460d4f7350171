package graph

import "gorgonia.org/tensor"

// minShard is the fewest points a shard of a term gets: below it a
// graph's fixed cost per op outweighs running beside the others.
const minShard = 256

// part is one shard of a term: a graph of its own over rows [lo, hi) of
// the term's points, evaluated beside the other shards (Options.Shards).
type part struct {
	*termGraph
	lo, hi int
	gr     Gradients // the shard's loss, gradient and statistics, unweighted
}

// shardCount is how many shards term t with n points per step gets.
// Causally weighted terms stay whole: their weights depend on the chunk
// losses over all their points.
func (l *Loss) shardCount(t Term, n int) int {
	if l.shards <= 1 || t.Causal != nil {
		return 1
	}
	return max(1, min(l.shards, n/minShard))
}

// shard builds k graphs for tg's term, one per contiguous block of its
// rows; tg keeps the input buffers that Next fills.
func (l *Loss) shard(tg *termGraph, k int) error {
	ps := l.net.Params()
	for s := range k {
		lo, hi := s*tg.n/k, (s+1)*tg.n/k
		t := tg.Term
		t.Weight = 1 // the term's weight applies when shards are combined
		sub := &termGraph{Term: t, n: hi - lo, inputs: newInputsLike(tg.inputs, hi-lo)}
		if err := l.compile(sub); err != nil {
			return err
		}
		if sub.fused != nil {
			sub.fused.share = k
		}
		p := &part{termGraph: sub, lo: lo, hi: hi, gr: newGradients(ps, []Term{t})}
		tg.parts = append(tg.parts, p)
	}
	return nil
}

// newInputsLike returns n-row buffers for the columns of inputs.
func newInputsLike(inputs []map[string]*tensor.Dense, n int) []map[string]*tensor.Dense {
	out := make([]map[string]*tensor.Dense, len(inputs))
	for s, bufs := range inputs {
		out[s] = map[string]*tensor.Dense{}
		for col, buf := range bufs {
			out[s][col] = tensor.New(tensor.WithShape(n, 1), tensor.Of(buf.Dtype()))
		}
	}
	return out
}

// scatter copies each shard's rows of the term's points into its buffers.
func (tg *termGraph) scatter() {
	for _, p := range tg.parts {
		for s, bufs := range tg.inputs {
			for col, buf := range bufs {
				copyRows(p.inputs[s][col], buf, p.lo)
			}
		}
	}
}

// evaluatePart evaluates shard p of term k; the last of the term's shards
// to finish combines them, so that this runs beside the step's other graph
// runs instead of after them all (serial, it took 2–3% of a 2-core step).
// The combination adds the shards in order, whichever finished last.
func (tg *termGraph) evaluatePart(p *part, gr *Gradients, k int) error {
	if err := p.evaluate(&p.gr, 0); err != nil {
		return err
	}
	if int(tg.done.Add(1)) == len(tg.parts) {
		tg.combine(gr, k)
	}
	return nil
}

// combine stores the combination of the evaluated shards of term k, each
// weighted by its share of the points.
func (tg *termGraph) combine(gr *Gradients, k int) {
	gr.Losses[k] = 0
	for i := range gr.Terms[k] {
		zero(gr.Terms[k][i])
	}
	stats := tg.givesStats()
	if stats {
		for i := range gr.SampleSq {
			zero(gr.SampleSq[i])
			if gr.SampleMean != nil {
				zero(gr.SampleMean[i])
			}
		}
	}
	for _, p := range tg.parts {
		f := float64(p.hi-p.lo) / float64(tg.n)
		gr.Losses[k] += f * p.gr.Losses[0]
		for i, g := range p.gr.Terms[0] {
			addScaled(gr.Terms[k][i], g, f*tg.Weight)
		}
		if !stats {
			continue
		}
		for i := range gr.SampleSq {
			addScaled(gr.SampleSq[i], p.gr.SampleSq[i], f)
			if gr.SampleMean != nil {
				addScaled(gr.SampleMean[i], p.gr.SampleMean[i], f)
			}
		}
	}
}

// givesStats reports whether the term's own graphs give the per-sample
// statistics (see termGraph.fused).
func (tg *termGraph) givesStats() bool {
	if len(tg.parts) > 0 {
		return tg.parts[0].fused != nil
	}
	return tg.fused != nil
}

// copyRows sets dst to the len(dst) values of src from its value lo on
// (rows [lo, lo+m) of an n×1 src for an m×1 dst).
func copyRows(dst, src *tensor.Dense, lo int) {
	switch d := valuesOf(dst).(type) {
	case []float64:
		copy(d, valuesOf(src).([]float64)[lo:])
	case []float32:
		copy(d, valuesOf(src).([]float32)[lo:])
	}
}

// addScaled adds c·src to dst element-wise (same dtype and size), each
// product rounded before its sum as a scalar loop rounds it.
func addScaled(dst, src *tensor.Dense, c float64) {
	switch d := valuesOf(dst).(type) {
	case []float64:
		addScaledVec(d, valuesOf(src).([]float64), c)
	case []float32:
		addScaledVec(d, valuesOf(src).([]float32), float32(c))
	}
}

// addScaledVec sets dst = dst + c·x on the vector kernels: c·x (exactly x
// for c = 1) in blocks on the stack, then the sum.
func addScaledVec[T float](dst, x []T, c T) {
	if c == 1 {
		addVec(dst, dst, x)
		return
	}
	var buf [512]T
	for lo := 0; lo < len(x); lo += len(buf) {
		n := min(len(buf), len(x)-lo)
		scaleVec(buf[:n], x[lo:lo+n], c)
		addVec(dst[lo:lo+n], dst[lo:lo+n], buf[:n])
	}
}
