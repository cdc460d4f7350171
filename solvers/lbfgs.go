package solvers

import (
	"math"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// LBFGS is full-batch L-BFGS (Nocedal & Wright 2006, Alg. 7.4) with a
// strong-Wolfe line search (Alg. 3.5 and 3.6, cubic interpolation in zoom).
// One Update is one iteration. The first trial step is LR, except that with
// no curvature pairs (the first iteration, or after a reset) it is
// min(1, 1/|g|₁)·LR along −g, as in PyTorch's LBFGS.
//
// gonum's optimize.LBFGS is not used: its history is unexported, so a
// checkpoint could not restore it and continue bit-identically.
type LBFGS struct {
	LR       float64 // first trial step of the line search
	History  int     // curvature pairs kept
	MaxEvals int     // objective evaluations per Update at the most
	TolGrad  float64 // Update leaves the parameters alone once |g|_∞ ≤ TolGrad
	C1, C2   float64 // sufficient-decrease and curvature constants

	f    func() (*graph.Gradients, error)
	st   lbfgsState
	diag map[string]float64
}

// lbfgsState is what LBFGS carries from one Update to the next.
type lbfgsState struct {
	Iter int
	S, Y [][]float64 // curvature pairs, oldest first
}

// tolChange ends a zoom whose bracket no longer moves the parameters.
const tolChange = 1e-9

func lbfgsSpec() Spec {
	return Spec{
		Name:       "lbfgs",
		Summary:    "full-batch L-BFGS with a strong-Wolfe line search",
		Defaults:   Hyper{"lr": 1, "history": 50, "max_evals": 25, "tolerance_grad": 1e-9},
		LineSearch: true,
		New: func(h Hyper) (Solver, error) {
			return NewLBFGS(h["lr"], h["history"], h["max_evals"], h["tolerance_grad"])
		},
	}
}

// NewLBFGS returns an L-BFGS solver with c1 = 1e-4 and c2 = 0.9; history
// and maxEvals must be positive whole numbers.
func NewLBFGS(lr, history, maxEvals, tolGrad float64) (*LBFGS, error) {
	whole := func(v float64) bool { return v >= 1 && v == math.Trunc(v) && v < 1<<31 }
	if !(lr > 0) || !whole(history) || !whole(maxEvals) || !(tolGrad >= 0) {
		return nil, errors.Errorf("lbfgs: need lr > 0, whole history ≥ 1 and max_evals ≥ 1, tolerance_grad ≥ 0, got %v, %v, %v, %v", lr, history, maxEvals, tolGrad)
	}
	return &LBFGS{LR: lr, History: int(history), MaxEvals: int(maxEvals), TolGrad: tolGrad, C1: 1e-4, C2: 0.9}, nil
}

// SetObjective sets the function the line search evaluates.
func (l *LBFGS) SetObjective(f func() (*graph.Gradients, error)) { l.f = f }

// FullBatch reports that L-BFGS always needs the full-batch loss.
func (l *LBFGS) FullBatch() bool { return true }

// Diagnostics reports the last Update's accepted step length and number of
// objective evaluations.
func (l *LBFGS) Diagnostics() map[string]float64 { return l.diag }

// trial is one point x0 + a·d of the line search.
type trial struct {
	a, f, d float64   // step, loss, directional derivative
	g       []float64 // gradient
}

// Update takes one L-BFGS iteration from the loss and gradient in gr, which
// must be those at the current parameters. When the line search finds no
// decrease within MaxEvals evaluations, the parameters are left unchanged
// and the history is dropped, so the next Update starts along −g.
func (l *LBFGS) Update(gr *graph.Gradients) error {
	if l.f == nil {
		return errors.New("lbfgs: no objective; the runner must call SetObjective")
	}
	if gr.Minibatch {
		return errors.New("lbfgs: gradients of a mini-batch loss; a line search needs the loss built with graph.Options{FullBatch: true}, rebuilt when the solver's FullBatch() turns true")
	}
	values := paramTensors(gr.Params)
	if len(gr.Total) != len(values) {
		return errors.Errorf("lbfgs: %d gradients for %d parameters", len(gr.Total), len(values))
	}
	x0, g0 := flatten(values), flatten(gr.Total)
	for i := range l.st.S {
		if len(l.st.S[i]) != len(x0) || len(l.st.Y[i]) != len(x0) {
			return errors.Errorf("lbfgs: history holds vectors of %d values, parameters %d", len(l.st.S[i]), len(x0))
		}
	}
	l.diag = map[string]float64{"lbfgs_step": 0, "lbfgs_evals": 0}
	if normInf(g0) <= l.TolGrad {
		return nil
	}
	d := l.direction(g0)
	if !(dot(g0, d) < 0) { // rounding made it no descent direction
		l.st.S, l.st.Y = nil, nil
		d = l.direction(g0)
	}
	t := l.LR
	if len(l.st.S) == 0 {
		t *= math.Min(1, 1/norm1(g0))
	}
	evals := 0
	eval := func(a float64) (trial, error) {
		evals++
		setFlat(values, func(j int) float64 { return x0[j] + a*d[j] })
		g, err := l.f()
		if g == nil {
			return trial{}, errors.Wrap(err, "lbfgs: line search")
		}
		// A non-finite loss (reported as an error) is a step too long.
		if err != nil && !math.IsNaN(g.Loss) && !math.IsInf(g.Loss, 0) {
			return trial{}, errors.Wrap(err, "lbfgs: line search")
		}
		gt := flatten(g.Total)
		return trial{a: a, f: finite(g.Loss), d: finite(dot(gt, d)), g: gt}, nil
	}
	start := trial{f: gr.Loss, d: dot(g0, d), g: g0}
	best, err := l.search(start, t, tolChange/normInf(d), eval)
	l.diag["lbfgs_evals"] = float64(evals)
	if err != nil {
		setFlat(values, func(j int) float64 { return x0[j] })
		return err
	}
	setFlat(values, func(j int) float64 { return x0[j] + best.a*d[j] })
	if best.a == 0 {
		l.st.S, l.st.Y = nil, nil
		return nil
	}
	l.diag["lbfgs_step"] = best.a
	s, y := make([]float64, len(d)), make([]float64, len(d))
	for j := range d {
		s[j], y[j] = best.a*d[j], best.g[j]-g0[j]
	}
	if dot(s, y) > 1e-10 {
		l.st.S, l.st.Y = append(l.st.S, s), append(l.st.Y, y)
		if n := len(l.st.S) - l.History; n > 0 {
			l.st.S, l.st.Y = l.st.S[n:], l.st.Y[n:]
		}
	}
	l.st.Iter++
	return nil
}

// direction returns −H·g by the two-loop recursion (Alg. 7.4), with
// H₀ = (sᵀy / yᵀy)·I from the newest pair, or −g without pairs.
func (l *LBFGS) direction(g []float64) []float64 {
	q := append([]float64(nil), g...)
	k := len(l.st.S)
	alpha := make([]float64, k)
	for i := k - 1; i >= 0; i-- {
		s, y := l.st.S[i], l.st.Y[i]
		alpha[i] = dot(s, q) / dot(y, s)
		axpy(-alpha[i], y, q)
	}
	if k > 0 {
		s, y := l.st.S[k-1], l.st.Y[k-1]
		gamma := dot(s, y) / dot(y, y)
		for j := range q {
			q[j] *= gamma
		}
	}
	for i := 0; i < k; i++ {
		s, y := l.st.S[i], l.st.Y[i]
		beta := dot(y, q) / dot(y, s)
		axpy(alpha[i]-beta, s, q)
	}
	for j := range q {
		q[j] = -q[j]
	}
	return q
}

// search is the strong-Wolfe line search of Alg. 3.5 from start (a = 0),
// trying step t first. It returns the accepted trial, or when the
// evaluations run out or the bracket shrinks below tol the best one with
// sufficient decrease, a = 0 if none.
func (l *LBFGS) search(start trial, t, tol float64, eval func(a float64) (trial, error)) (trial, error) {
	prev := start
	for n := 0; n < l.MaxEvals; n++ {
		cur, err := eval(t)
		if err != nil {
			return trial{}, err
		}
		if !l.decreases(start, cur) || n > 0 && cur.f >= prev.f {
			return l.zoom(start, prev, cur, l.MaxEvals-n-1, tol, eval)
		}
		if math.Abs(cur.d) <= -l.C2*start.d {
			return cur, nil
		}
		if cur.d >= 0 {
			return l.zoom(start, cur, prev, l.MaxEvals-n-1, tol, eval)
		}
		// Extrapolate: the cubic's minimiser, kept in [t + 0.01(t − prev.a), 10t].
		next := cubicMin(prev, cur, t+0.01*(t-prev.a), 10*t)
		prev, t = cur, next
	}
	return prev, nil
}

// zoom is Alg. 3.6: lo has sufficient decrease and the lowest loss so far,
// and a step satisfying the strong Wolfe conditions lies between lo and hi.
func (l *LBFGS) zoom(start, lo, hi trial, evals int, tol float64, eval func(a float64) (trial, error)) (trial, error) {
	for ; evals > 0; evals-- {
		a, b := math.Min(lo.a, hi.a), math.Max(lo.a, hi.a)
		if b-a < tol {
			break
		}
		// The cubic's minimiser, or bisection when it falls within a tenth
		// of the bracket's ends.
		t := cubicMin(lo, hi, a, b)
		if w := b - a; t < a+0.1*w || t > b-0.1*w {
			t = (a + b) / 2
		}
		cur, err := eval(t)
		if err != nil {
			return trial{}, err
		}
		if !l.decreases(start, cur) || cur.f >= lo.f {
			hi = cur
			continue
		}
		if math.Abs(cur.d) <= -l.C2*start.d {
			return cur, nil
		}
		if cur.d*(hi.a-lo.a) >= 0 {
			hi = lo
		}
		lo = cur
	}
	return lo, nil
}

// decreases reports the sufficient-decrease (Armijo) condition at cur.
func (l *LBFGS) decreases(start, cur trial) bool {
	return cur.f <= start.f+l.C1*cur.a*start.d
}

// cubicMin returns the minimiser of the cubic through p and q's values and
// slopes (Nocedal & Wright eq. 3.59) clamped to [lo, hi], or the middle of
// [lo, hi] when the cubic has none.
func cubicMin(p, q trial, lo, hi float64) float64 {
	d1 := p.d + q.d - 3*(p.f-q.f)/(p.a-q.a)
	disc := d1*d1 - p.d*q.d
	if !(disc >= 0) || math.IsInf(disc, 0) {
		return (lo + hi) / 2
	}
	d2 := math.Sqrt(disc)
	if q.a < p.a {
		d2 = -d2
	}
	t := q.a - (q.a-p.a)*(q.d+d2-d1)/(q.d-p.d+2*d2)
	if math.IsNaN(t) {
		return (lo + hi) / 2
	}
	return math.Min(math.Max(t, lo), hi)
}

// State serialises the iteration count and the curvature pairs.
func (l *LBFGS) State() ([]byte, error) { return encodeState("lbfgs", l.st) }

// Restore sets the iteration count and curvature pairs, checking that the
// pairs have equal lengths.
func (l *LBFGS) Restore(b []byte) error {
	var st lbfgsState
	if err := decodeState("lbfgs", b, &st); err != nil {
		return err
	}
	if len(st.S) != len(st.Y) || len(st.S) > l.History {
		return errors.Errorf("lbfgs: corrupt solver state: %d s and %d y vectors, history %d", len(st.S), len(st.Y), l.History)
	}
	for i := range st.S {
		if len(st.S[i]) != len(st.S[0]) || len(st.Y[i]) != len(st.S[0]) {
			return errors.New("lbfgs: corrupt solver state: history vectors of different lengths")
		}
	}
	l.st = st
	return nil
}

// flatten copies the tensors' values, in order, into one float64 vector.
func flatten(ts []*tensor.Dense) []float64 {
	var out []float64
	for _, t := range ts {
		out = append(out, floats(t)...)
	}
	return out
}

// setFlat sets value j of the tensors, counted across them in order, to v(j).
func setFlat(ts []*tensor.Dense, v func(j int) float64) {
	off := 0
	for _, t := range ts {
		update(t, func(j int, _ float64) float64 { return v(off + j) })
		off += t.Shape().TotalSize()
	}
}

// finite maps NaN and ±Inf to +Inf, so a failed evaluation reads as a
// step too long.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return math.Inf(1)
	}
	return v
}

func dot(a, b []float64) float64 {
	var s float64
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

// axpy sets y += a·x.
func axpy(a float64, x, y []float64) {
	for i, v := range x {
		y[i] += a * v
	}
}

func norm1(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += math.Abs(x)
	}
	return s
}

func normInf(v []float64) float64 {
	var s float64
	for _, x := range v {
		s = math.Max(s, math.Abs(x))
	}
	return s
}
