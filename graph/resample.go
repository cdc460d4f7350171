package graph

import (
	"math"
	"sort"

	"github.com/pkg/errors"
)

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
		tg.adaptive = false
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

// Adaptive configures residual-based adaptive redrawing of a term's pool
// (RAD, Wu, Zhu, Tan, Kartha & Lu 2023): out of Candidates uniformly drawn
// points, the pool keeps points drawn without replacement with density
//
//	p(x) ∝ |r(x)|^K / mean |r|^K + C,
//
// where |r| is the norm of the term's residual columns at the current
// parameters. K = 1, C = 1 is the paper's robust default: half the points
// follow the residual, half stay uniform, so regions such as shocks and
// fronts get many points without the rest of the domain being forgotten.
type Adaptive struct {
	Term       string
	Candidates int
	K, C       float64
}

// Validate checks the configuration.
func (a Adaptive) Validate() error {
	if a.Term == "" || a.Candidates < 1 || !(a.K >= 0) || !(a.C >= 0) || a.K == 0 && a.C == 0 {
		return errors.Errorf("graph: adaptive redraw needs a term, candidates ≥ 1, K ≥ 0 and C ≥ 0 not both zero, got %+v", a)
	}
	return nil
}

// RedrawAdaptive replaces the pool of term a.Term as Adaptive describes,
// starts a new epoch over it and loads its first batch. The term must have
// a pool of at most a.Candidates points and one site. The new pool depends
// on the parameters, so it is part of the loss's State.
func (l *Loss) RedrawAdaptive(src *Source, a Adaptive) error {
	if err := a.Validate(); err != nil {
		return err
	}
	var tg *termGraph
	for _, t := range l.terms {
		if t.Name == a.Term {
			tg = t
		}
	}
	if tg == nil || tg.pool == nil || tg.sites() != 1 {
		return errors.Errorf("graph: adaptive redraw of %q, which is not a one-site term with a pool", a.Term)
	}
	n := tg.pool[0].Len()
	if n > a.Candidates {
		return errors.Errorf("graph: adaptive redraw of %d pool points from %d candidates", n, a.Candidates)
	}
	cand, err := l.drawFrom(src, tg.Term, a.Candidates)
	if err != nil {
		return errors.Wrapf(err, "term %q", tg.Name)
	}
	norm, err := l.residualNorms(tg.Term, cand[0])
	if err != nil {
		return errors.Wrapf(err, "term %q", tg.Name)
	}
	rows := weightedSample(src, density(norm, a.K, a.C), n)
	pool := Points{}
	for c, col := range cand[0] {
		pool[c] = make([]float64, n)
		for i, r := range rows {
			pool[c][i] = col[r]
		}
	}
	tg.pool = []Points{pool}
	tg.adaptive = true
	tg.order = src.rng.Perm(n)
	tg.pos = 0
	batch := tg.nextRows(src)
	for c, col := range pool {
		setColumn(tg.inputs[0][c], func(i int) float64 { return col[batch[i]] })
	}
	return nil
}

// residualNorms evaluates √(Σ_j r_j²) of term t's residual columns at pts.
func (l *Loss) residualNorms(t Term, pts Points) ([]float64, error) {
	columns := make([]string, 0, len(pts))
	for c := range pts {
		columns = append(columns, c)
	}
	sort.Strings(columns)
	pred, err := newPredictor(l.net, min(4096, pts.Len()), columns, func(f *Fields) []*Node {
		return t.Residuals([]*Fields{f})
	})
	if err != nil {
		return nil, err
	}
	rs, err := pred.Predict(pts)
	if err != nil {
		return nil, err
	}
	norm := make([]float64, pts.Len())
	for _, r := range rs {
		for i, v := range r {
			norm[i] += v * v
		}
	}
	for i := range norm {
		norm[i] = math.Sqrt(norm[i])
	}
	return norm, nil
}

// density returns |r|^k / mean |r|^k + c, or c where every |r| is zero.
func density(norm []float64, k, c float64) []float64 {
	p := make([]float64, len(norm))
	var mean float64
	for i, r := range norm {
		p[i] = math.Pow(r, k)
		mean += p[i] / float64(len(norm))
	}
	for i := range p {
		if mean > 0 {
			p[i] /= mean
		} else {
			p[i] = 0
		}
		p[i] += c
	}
	return p
}

// weightedSample draws n distinct rows with probabilities proportional to
// p, by the keys log(u)/p of Efraimidis & Spirakis (2006): the n largest
// keys are a weighted sample without replacement. Rows with p = 0 come last.
func weightedSample(src *Source, p []float64, n int) []int {
	keys := make([]float64, len(p))
	for i, w := range p {
		u := src.rng.Float64()
		for u == 0 {
			u = src.rng.Float64()
		}
		keys[i] = math.Inf(-1)
		if w > 0 {
			keys[i] = math.Log(u) / w
		}
	}
	rows := make([]int, len(p))
	for i := range rows {
		rows[i] = i
	}
	sort.SliceStable(rows, func(a, b int) bool { return keys[rows[a]] > keys[rows[b]] })
	return rows[:n]
}
