package graph

import "github.com/pkg/errors"

// Redraw replaces the point pool of every pooled term with a fresh draw
// from src, starts a new epoch over it and loads its first batch, so the
// next Compute uses the new points. Terms without a pool already draw
// fresh points every step and are left alone, as are data terms, whose
// sampler returns the same points.
//
// Resampling every few hundred steps keeps a fixed pool from being
// overfitted between its points (Wu et al. 2023). src is the caller's, not
// the loss's own generator, so that a run resumed from a checkpoint can
// rebuild the current pool from the round number alone (for example with
// NewSource(seed+round, method)) and then Restore the loss's state.
func (l *Loss) Redraw(src *Source) error {
	for _, tg := range l.terms {
		if tg.pool == nil {
			continue
		}
		pool, err := l.drawFrom(src, tg.Term, tg.pool[0].Len())
		if err != nil {
			return errors.Wrapf(err, "term %q", tg.Name)
		}
		tg.pool = pool
		tg.order = src.rng.Perm(pool[0].Len())
		tg.pos = 0
		rows := tg.nextRows(src)
		for s, p := range tg.pool {
			for c, col := range p {
				setColumn(tg.inputs[s][c], func(i int) float64 { return col[rows[i]] })
			}
		}
	}
	return nil
}

// drawFrom is draw with another generator.
func (l *Loss) drawFrom(src *Source, t Term, n int) ([]Points, error) {
	saved := l.src
	l.src = src
	defer func() { l.src = saved }()
	return l.draw(t, n)
}
