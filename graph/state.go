package graph

import (
	"github.com/pkg/errors"
)

// LossState is everything a Loss carries from one step to the next besides
// the network: the sampler's generator, and per term its weight, its place
// in the pool's current epoch and the points loaded for the next Compute.
// A Loss built from the same terms and restored from it draws exactly the
// points the saved one would have drawn, so a resumed run is bit-identical.
type LossState struct {
	Source []byte
	Terms  []TermState
}

// TermState is one term's part of a LossState.
type TermState struct {
	Name   string
	Weight float64
	Order  []int     // pool rows in the current epoch's order; nil without a pool
	Pos    int       // next row of Order
	Batch  []Points  // the points of the next Compute, one Points per site
	Causal []float64 // chunk losses the next causal weights come from; nil without them
	// Pool is the point pool per site, saved only when it depends on the
	// parameters (RedrawAdaptive); other pools are redrawn from seeds.
	Pool []Points
}

// State returns a copy of the loss's state.
func (l *Loss) State() (LossState, error) {
	src, err := l.src.MarshalBinary()
	if err != nil {
		return LossState{}, errors.Wrap(err, "graph: saving sampler state")
	}
	s := LossState{Source: src}
	for k, tg := range l.terms {
		ts := TermState{Name: tg.Name, Weight: tg.Weight,
			Order: append([]int(nil), tg.order...), Pos: tg.pos, Batch: l.Batch(k)}
		if tg.causal != nil && tg.causal.losses != nil {
			ts.Causal = append([]float64(nil), tg.causal.losses...)
		}
		if tg.adaptive {
			ts.Pool = copyPoints(tg.pool)
		}
		s.Terms = append(s.Terms, ts)
	}
	return s, nil
}

// Restore sets the loss's state from State's output. It checks that the
// state belongs to a loss with the same terms, pools and batch sizes, and
// changes nothing when it does not.
func (l *Loss) Restore(s LossState) error {
	if len(s.Terms) != len(l.terms) {
		return errors.Errorf("graph: state has %d loss terms, the loss %d", len(s.Terms), len(l.terms))
	}
	for k, tg := range l.terms {
		if err := tg.checkState(s.Terms[k]); err != nil {
			return err
		}
	}
	if err := l.src.UnmarshalBinary(s.Source); err != nil {
		return err
	}
	for k, tg := range l.terms {
		ts := s.Terms[k]
		if err := l.SetWeight(k, ts.Weight); err != nil {
			return err
		}
		tg.order = append([]int(nil), ts.Order...)
		tg.pos = ts.Pos
		if ts.Pool != nil {
			tg.pool, tg.adaptive = copyPoints(ts.Pool), true
		}
		if tg.causal != nil {
			tg.causal.losses = append([]float64(nil), ts.Causal...)
			if len(ts.Causal) == 0 {
				tg.causal.losses = nil
			}
		}
		for site, bufs := range tg.inputs {
			for c, buf := range bufs {
				col := ts.Batch[site][c]
				setColumn(buf, func(i int) float64 { return col[i] })
			}
		}
	}
	return nil
}

// checkState reports whether ts fits the term's pool, sites and columns.
func (tg *termGraph) checkState(ts TermState) error {
	if ts.Name != tg.Name {
		return errors.Errorf("graph: state has term %q where the loss has %q", ts.Name, tg.Name)
	}
	if len(ts.Order) != len(tg.order) || ts.Pos < 0 || ts.Pos > len(ts.Order) {
		return errors.Errorf("graph: term %q: state has a pool of %d rows at %d, the loss %d rows", tg.Name, len(ts.Order), ts.Pos, len(tg.order))
	}
	for _, r := range ts.Order {
		if r < 0 || r >= len(tg.order) {
			return errors.Errorf("graph: term %q: pool row %d out of range", tg.Name, r)
		}
	}
	if len(ts.Batch) != len(tg.inputs) {
		return errors.Errorf("graph: term %q: state has %d sites, the loss %d", tg.Name, len(ts.Batch), len(tg.inputs))
	}
	for site, bufs := range tg.inputs {
		for c := range bufs {
			if len(ts.Batch[site][c]) != tg.n {
				return errors.Errorf("graph: term %q: state has %d points in column %q, the loss %d", tg.Name, len(ts.Batch[site][c]), c, tg.n)
			}
		}
	}
	if tg.causal == nil && ts.Causal != nil || tg.causal != nil && ts.Causal != nil && len(ts.Causal) != tg.causal.cfg.Chunks {
		return errors.Errorf("graph: term %q: state has %d causal chunk losses, the loss is not causal or has other chunks", tg.Name, len(ts.Causal))
	}
	if ts.Pool != nil {
		if len(ts.Pool) != len(tg.inputs) {
			return errors.Errorf("graph: term %q: state has a pool of %d sites, the loss %d", tg.Name, len(ts.Pool), len(tg.inputs))
		}
		for site, bufs := range tg.inputs {
			for c := range bufs {
				if len(ts.Pool[site][c]) != len(tg.order) {
					return errors.Errorf("graph: term %q: state has %d pool points in column %q, the loss %d", tg.Name, len(ts.Pool[site][c]), c, len(tg.order))
				}
			}
		}
	}
	if !(ts.Weight >= 0) {
		return errors.Errorf("graph: term %q: state has weight %v", tg.Name, ts.Weight)
	}
	return nil
}

// copyPoints returns a deep copy of pts.
func copyPoints(pts []Points) []Points {
	out := make([]Points, len(pts))
	for s, p := range pts {
		out[s] = Points{}
		for c, col := range p {
			out[s][c] = append([]float64(nil), col...)
		}
	}
	return out
}
