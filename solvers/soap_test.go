package solvers_test

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/solvers"
)

// matrixGradients returns gradients for one parameter per shape, with the
// given initial values, in float64 or float32.
func matrixGradients(dt tensor.Dtype, shapes [][2]int, values [][]float64) *graph.Gradients {
	gr := &graph.Gradients{}
	for i, sh := range shapes {
		p := tensor.New(tensor.WithShape(sh[0], sh[1]), tensor.Of(dt))
		setFloats(p, values[i])
		gr.Params = append(gr.Params, graph.Param{Name: string(rune('a' + i)), Value: p})
		gr.Total = append(gr.Total, tensor.New(tensor.WithShape(sh[0], sh[1]), tensor.Of(dt)))
	}
	return gr
}

// setFloats copies x into t, converting to t's dtype.
func setFloats(t *tensor.Dense, x []float64) {
	switch d := t.Data().(type) {
	case []float64:
		copy(d, x)
	case []float32:
		for i, v := range x {
			d[i] = float32(v)
		}
	}
}

// getFloats returns t's values as float64.
func getFloats(t *tensor.Dense) []float64 {
	switch d := t.Data().(type) {
	case []float32:
		out := make([]float64, len(d))
		for i, v := range d {
			out[i] = float64(v)
		}
		return out
	}
	return append([]float64(nil), t.Data().([]float64)...)
}

// soapStep feeds gradSeq of every parameter at step k to s.
func soapStep(t *testing.T, s solvers.Solver, gr *graph.Gradients, k int) {
	t.Helper()
	for i, p := range gr.Params {
		setFloats(gr.Total[i], gradSeq(getFloats(p.Value), k))
	}
	if err := s.Update(gr); err != nil {
		t.Fatal(err)
	}
}

// handSOAP is SOAP on one r×c weight written out with loops, from the
// description in methods.md §3 and the reference soap.py.
type handSOAP struct {
	r, c            int
	m, v, l, rr     [][]float64
	ql, qr          [][]float64
	b1, b2, lr, eps float64
	wd              float64
}

func newHandSOAP(r, c int, lr, b1, b2, eps, wd float64) *handSOAP {
	return &handSOAP{r: r, c: c, m: square(r, c), v: square(r, c), l: square(r, r), rr: square(c, c),
		b1: b1, b2: b2, lr: lr, eps: eps, wd: wd}
}

func square(r, c int) [][]float64 {
	out := make([][]float64, r)
	for i := range out {
		out[i] = make([]float64, c)
	}
	return out
}

// ema sets p ← β p + (1−β) x xᵀ (left) or xᵀ x.
func ema(p, x [][]float64, left bool, beta float64) {
	for i := range p {
		for j := range p[i] {
			s := 0.0
			if left {
				for k := range x[0] {
					s += x[i][k] * x[j][k]
				}
			} else {
				for k := range x {
					s += x[k][i] * x[k][j]
				}
			}
			p[i][j] = beta*p[i][j] + (1-beta)*s
		}
	}
}

// eigDesc returns p's eigenvectors as columns, largest eigenvalue first.
func eigDesc(t *testing.T, p [][]float64) [][]float64 {
	n := len(p)
	sym := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			sym.SetSym(i, j, p[i][j])
		}
	}
	var es mat.EigenSym
	if !es.Factorize(sym, true) {
		t.Fatal("eigen failed")
	}
	var vecs mat.Dense
	es.VectorsTo(&vecs)
	q := square(n, n)
	for i := 0; i < n; i++ {
		for k := 0; k < n; k++ {
			q[i][k] = vecs.At(i, n-1-k)
		}
	}
	return q
}

// powerQR returns the new basis and the column order after sorting q's
// columns by qₖᵀ p qₖ descending and orthonormalising p q by QR.
func powerQR(p, q [][]float64) ([][]float64, []int) {
	n := len(p)
	est := make([]float64, n)
	for k := 0; k < n; k++ {
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				est[k] += q[i][k] * p[i][j] * q[j][k]
			}
		}
	}
	order := []int{}
	for k := 0; k < n; k++ {
		order = append(order, k)
	}
	sort.SliceStable(order, func(a, b int) bool { return est[order[a]] > est[order[b]] })
	pq := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		for k, o := range order {
			s := 0.0
			for j := 0; j < n; j++ {
				s += p[i][j] * q[j][o]
			}
			pq.Set(i, k, s)
		}
	}
	var f mat.QR
	f.Factorize(pq)
	var qm mat.Dense
	f.QTo(&qm)
	out := square(n, n)
	for i := range out {
		for k := range out[i] {
			out[i][k] = qm.At(i, k)
		}
	}
	return out, order
}

// rot returns aᵀ x b (or a x bᵀ when back).
func rot(a, x, b [][]float64, back bool) [][]float64 {
	r, c := len(x), len(x[0])
	out := square(r, c)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			for k := 0; k < r; k++ {
				for l := 0; l < c; l++ {
					if back {
						out[i][j] += a[i][k] * x[k][l] * b[j][l]
					} else {
						out[i][j] += a[k][i] * x[k][l] * b[l][j]
					}
				}
			}
		}
	}
	return out
}

// step applies call number call (1-based) with gradient g to w.
func (h *handSOAP) step(t *testing.T, call, freq int, w, g [][]float64) {
	if call == 1 {
		ema(h.l, g, true, h.b2)
		ema(h.rr, g, false, h.b2)
		h.ql, h.qr = eigDesc(t, h.l), eigDesc(t, h.rr)
		return
	}
	n := float64(call - 1)
	size := h.lr * math.Sqrt(1-math.Pow(h.b2, n)) / (1 - math.Pow(h.b1, n))
	for i := range g {
		for j := range g[i] {
			h.m[i][j] = h.b1*h.m[i][j] + (1-h.b1)*g[i][j]
		}
	}
	gp, mp := rot(h.ql, g, h.qr, false), rot(h.ql, h.m, h.qr, false)
	np := square(h.r, h.c)
	for i := range gp {
		for j := range gp[i] {
			h.v[i][j] = h.b2*h.v[i][j] + (1-h.b2)*gp[i][j]*gp[i][j]
			np[i][j] = mp[i][j] / (math.Sqrt(h.v[i][j]) + h.eps)
		}
	}
	dir := rot(h.ql, np, h.qr, true)
	for i := range w {
		for j := range w[i] {
			w[i][j] -= size * dir[i][j]
			w[i][j] -= h.lr * h.wd * w[i][j]
		}
	}
	ema(h.l, g, true, h.b2)
	ema(h.rr, g, false, h.b2)
	if (call-1)%freq == 0 {
		var rows, cols []int
		h.ql, rows = powerQR(h.l, h.ql)
		h.qr, cols = powerQR(h.rr, h.qr)
		old := h.v
		h.v = square(h.r, h.c)
		for i := range h.v {
			for j := range h.v[i] {
				h.v[i][j] = old[rows[i]][cols[j]]
			}
		}
	}
}

// TestSOAPMatchesHandComputation checks the first four calls of SOAP on a
// 3×2 weight and a 1×2 bias against loop code: the first call only sets the
// bases by eigendecomposition, the third refreshes them by power iteration
// (precondition_frequency 2) and, from these initial values, swaps the
// columns of Q_R and so of v, the fourth uses the refreshed bases. The bias
// follows Adam with SOAP's step count. float32 parameters track the float64
// result to 1e-5.
func TestSOAPMatchesHandComputation(t *testing.T) {
	const lr, b1, b2, eps, wd, freq = 0.05, 0.95, 0.95, 1e-8, 0.01, 2
	w0 := []float64{2, -1.9, 1.8, -1.7, 1.5, -1.3}
	b0 := []float64{0.2, -0.6}
	shapes := [][2]int{{3, 2}, {1, 2}}
	for _, c := range []struct {
		dt  tensor.Dtype
		tol float64
	}{{tensor.Float64, 1e-12}, {tensor.Float32, 1e-5}} {
		t.Run(c.dt.String(), func(t *testing.T) {
			s, err := solvers.New("soap", solvers.Hyper{"lr": lr, "precondition_frequency": freq})
			if err != nil {
				t.Fatal(err)
			}
			gr := matrixGradients(c.dt, shapes, [][]float64{w0, b0})
			w := [][]float64{append([]float64(nil), w0[0:2]...), append([]float64(nil), w0[2:4]...), append([]float64(nil), w0[4:6]...)}
			b := append([]float64(nil), b0...)
			h := newHandSOAP(3, 2, lr, b1, b2, eps, wd)
			bm, bv := make([]float64, 2), make([]float64, 2)
			worst := 0.0
			for k := 1; k <= 10; k++ {
				before := append(getFloats(gr.Params[0].Value), getFloats(gr.Params[1].Value)...)
				soapStep(t, s, gr, k)
				flat := append(append(append([]float64(nil), w[0]...), w[1]...), w[2]...)
				gw := gradSeq(flat, k)
				h.step(t, k, freq, w, [][]float64{gw[0:2], gw[2:4], gw[4:6]})
				gb := gradSeq(b, k)
				if k > 1 {
					n := float64(k - 1)
					for i := range b {
						bm[i] = b1*bm[i] + (1-b1)*gb[i]
						bv[i] = b2*bv[i] + (1-b2)*gb[i]*gb[i]
						b[i] -= lr * math.Sqrt(1-math.Pow(b2, n)) / (1 - math.Pow(b1, n)) * bm[i] / (math.Sqrt(bv[i]) + eps)
						b[i] -= lr * wd * b[i]
					}
				}
				want := append(append(append(append([]float64(nil), w[0]...), w[1]...), w[2]...), b...)
				got := append(getFloats(gr.Params[0].Value), getFloats(gr.Params[1].Value)...)
				for i := range want {
					d := math.Abs(got[i] - want[i])
					worst = math.Max(worst, d)
					if d > c.tol {
						t.Fatalf("call %d value %d = %.17g, want %.17g", k, i, got[i], want[i])
					}
				}
				if k == 1 && !floats.Equal(got, before) {
					t.Fatalf("first call moved the parameters: %v to %v", before, got)
				}
			}
			t.Logf("max |difference| over four calls: %.3g", worst)
		})
	}
}

// quadratic is ½ tr((W−W*)ᵀ A (W−W*) B) for W r×c, whose Hessian B ⊗ A is
// ill-conditioned and not diagonal.
type quadratic struct {
	a, b, target *mat.Dense
}

// newQuadratic draws a quadratic with A, B of condition number cond each:
// random orthogonal eigenvectors, eigenvalues log-spaced from 1 to 1/cond.
func newQuadratic(r, c int, cond float64, rng *rand.Rand) *quadratic {
	spd := func(n int) *mat.Dense {
		x := mat.NewDense(n, n, nil)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				x.Set(i, j, rng.NormFloat64())
			}
		}
		var f mat.QR
		f.Factorize(x)
		var u mat.Dense
		f.QTo(&u)
		d := mat.NewDiagDense(n, nil)
		for i := 0; i < n; i++ {
			d.SetDiag(i, math.Pow(cond, -float64(i)/float64(n-1)))
		}
		var out mat.Dense
		out.Product(&u, d, u.T())
		return &out
	}
	target := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			target.Set(i, j, rng.NormFloat64())
		}
	}
	return &quadratic{a: spd(r), b: spd(c), target: target}
}

// eval returns the loss at w and writes the gradient A (W−W*) B into grad.
func (q *quadratic) eval(w, grad []float64) float64 {
	r, c := q.target.Dims()
	var e, g mat.Dense
	e.Sub(mat.NewDense(r, c, w), q.target)
	g.Product(q.a, &e, q.b)
	copy(grad, g.RawMatrix().Data)
	return 0.5 * floats.Dot(e.RawMatrix().Data, g.RawMatrix().Data)
}

// TestSOAPBeatsAdamOnIllConditionedQuadratic runs SOAP and Adam with the same
// learning rate and betas on a quadratic with a Kronecker-factored Hessian of
// condition number 1e6 (1e3 per factor) and checks SOAP ends at a loss at
// least 10 times lower (about 100 times at the time of writing).
func TestSOAPBeatsAdamOnIllConditionedQuadratic(t *testing.T) {
	const r, c, steps, lr = 8, 6, 300, 0.02
	q := newQuadratic(r, c, 1000, rand.New(rand.NewPCG(1, 2)))
	w0 := make([]float64, r*c)
	run := func(s solvers.Solver) float64 {
		gr := matrixGradients(tensor.Float64, [][2]int{{r, c}}, [][]float64{w0})
		w, g := gr.Params[0].Value.Data().([]float64), gr.Total[0].Data().([]float64)
		for k := 0; k < steps; k++ {
			q.eval(w, g)
			if err := s.Update(gr); err != nil {
				t.Fatal(err)
			}
		}
		return q.eval(w, g)
	}
	adam, _ := solvers.NewAdam(lr, 0.95, 0.95, 1e-8, 0)
	soap, _ := solvers.NewSOAP(lr, 0.95, 0.95, 1e-8, 0, 10)
	start := q.eval(w0, make([]float64, r*c))
	la, ls := run(adam), run(soap)
	t.Logf("loss from %.3g: adam %.3g, soap %.3g", start, la, ls)
	if !(ls*10 < la) {
		t.Errorf("soap loss %.3g not 10 times below adam's %.3g", ls, la)
	}
}

// TestSOAPRestoreContinuesBitIdentically saves SOAP after three calls on a
// weight and a bias, restores it into a fresh solver, and checks that the
// next five calls, across two basis refreshes, agree exactly.
func TestSOAPRestoreContinuesBitIdentically(t *testing.T) {
	h := solvers.Hyper{"precondition_frequency": 2, "lr": 0.05}
	shapes := [][2]int{{3, 2}, {1, 2}}
	init := [][]float64{{2, -1.9, 1.8, -1.7, 1.5, -1.3}, {0.2, -0.6}}
	a, _ := solvers.New("soap", h)
	ga := matrixGradients(tensor.Float64, shapes, init)
	for k := 1; k <= 3; k++ {
		soapStep(t, a, ga, k)
	}
	state, err := a.State()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := solvers.New("soap", h)
	if err := b.Restore(state); err != nil {
		t.Fatal(err)
	}
	gb := matrixGradients(tensor.Float64, shapes, [][]float64{getFloats(ga.Params[0].Value), getFloats(ga.Params[1].Value)})
	for k := 4; k <= 8; k++ {
		soapStep(t, a, ga, k)
		soapStep(t, b, gb, k)
	}
	for i := range ga.Params {
		wa, wb := getFloats(ga.Params[i].Value), getFloats(gb.Params[i].Value)
		for j := range wa {
			if wa[j] != wb[j] {
				t.Fatalf("param %d value %d: uninterrupted %.17g, restored %.17g", i, j, wa[j], wb[j])
			}
		}
	}
}

// TestSOAPRejectsBadState checks that corrupt or mismatched states fail to
// restore or to step, rather than panicking.
func TestSOAPRejectsBadState(t *testing.T) {
	s, _ := solvers.New("soap", nil)
	gr := matrixGradients(tensor.Float64, [][2]int{{3, 2}}, [][]float64{{1, 2, 3, 4, 5, 6}})
	soapStep(t, s, gr, 1)
	soapStep(t, s, gr, 2)
	state, err := s.State()
	if err != nil {
		t.Fatal(err)
	}
	adam, _ := solvers.New("adam", nil)
	adamState, _ := adam.State()
	for _, c := range []struct {
		name  string
		state []byte
	}{{"truncated", state[:len(state)/2]}, {"garbage", []byte("not a state")}, {"adam's", adamState}} {
		if err := s.Restore(c.state); err == nil {
			t.Errorf("%s state restored without error", c.name)
		}
	}
	// A state for a 3×2 weight does not fit a 2×3 one of the same size.
	fresh, _ := solvers.New("soap", nil)
	if err := fresh.Restore(state); err != nil {
		t.Fatal(err)
	}
	other := matrixGradients(tensor.Float64, [][2]int{{2, 3}}, [][]float64{{1, 2, 3, 4, 5, 6}})
	if err := fresh.Update(other); err == nil {
		t.Error("state for a 3×2 weight stepped a 2×3 one")
	}
}

func TestSOAPRejectsBadHyper(t *testing.T) {
	for _, h := range []solvers.Hyper{
		{"precondition_frequency": 0},
		{"precondition_frequency": 2.5},
		{"precondition_frequency": -10},
		{"precondition_frequency": math.NaN()},
		{"precondition_frequency": math.Inf(1)},
		{"lr": 0},
		{"beta2": 1},
		{"weight_decay": -0.1},
		{"shampoo_beta": 0.9},
	} {
		if _, err := solvers.New("soap", h); err == nil {
			t.Errorf("New(soap, %v): no error", h)
		}
	}
	if _, err := solvers.NewSOAP(3e-3, 0.95, 0.95, 1e-8, 0.01, 0); err == nil {
		t.Error("NewSOAP with frequency 0: no error")
	}
}

// BenchmarkUpdate times one Update alone, without the loss, on the
// parameter shapes of the 3×64 tanh MLP of BenchmarkStep: SOAP's extra cost
// is its rotations, its Kronecker factors and, every tenth step, the QR.
func BenchmarkUpdate(b *testing.B) {
	shapes := [][2]int{{1, 64}, {1, 64}, {1, 64}, {64, 64}, {1, 64}, {64, 64}, {1, 64}, {64, 1}, {1, 1}}
	for _, name := range []string{"adam", "soap"} {
		b.Run("solver="+name, func(b *testing.B) {
			values := make([][]float64, len(shapes))
			for i, sh := range shapes {
				values[i] = make([]float64, sh[0]*sh[1])
			}
			gr := matrixGradients(tensor.Float64, shapes, values)
			rng := rand.New(rand.NewPCG(1, 2))
			for _, g := range gr.Total {
				d := g.Data().([]float64)
				for j := range d {
					d[j] = rng.NormFloat64()
				}
			}
			s, err := solvers.New(name, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := s.Update(gr); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
