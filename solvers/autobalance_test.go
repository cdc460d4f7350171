package solvers_test

import (
	"math"
	"testing"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/solvers"
)

// termGradients returns gradients of one parameter vector w with nTerms
// loss terms; Total is their sum.
func termGradients(w []float64, nTerms int) *graph.Gradients {
	gr := fixedGradients(w)
	gr.Terms, gr.Names, gr.Weights, gr.Losses = nil, nil, nil, nil
	for k := 0; k < nTerms; k++ {
		gr.Terms = append(gr.Terms, []*tensor.Dense{tensor.New(tensor.WithShape(1, len(w)), tensor.Of(tensor.Float64))})
		gr.Names = append(gr.Names, string(rune('a'+k)))
		gr.Weights = append(gr.Weights, 1)
		gr.Losses = append(gr.Losses, 0)
	}
	return gr
}

// termSeq is the gradient of term k fed at step s: terms differ in scale
// by orders of magnitude, as interior and boundary terms do.
func termSeq(w []float64, s, k int) []float64 {
	scale := []float64{1, 1e-2, 30}[k%3]
	g := gradSeq(w, s+3*k)
	for i := range g {
		g[i] *= scale
	}
	return g
}

// setTerms writes termSeq for step s into gr.Terms and their sum into
// gr.Total (last, as fixedGradients' one term shares Total's tensor).
func setTerms(gr *graph.Gradients, s int) {
	w := gr.Params[0].Value.Data().([]float64)
	total := make([]float64, len(w))
	for k := range gr.Terms {
		g := termSeq(w, s, k)
		copy(gr.Terms[k][0].Data().([]float64), g)
		for i, v := range g {
			total[i] += v
		}
	}
	copy(gr.Total[0].Data().([]float64), total)
}

// handAuto runs steps of the AutoBalance rule in scalar code from w0 with
// nTerms terms, one independent Adam per term, and returns the weights
// after each step and the per-term updates u_k of the last step.
func handAuto(w0 []float64, nTerms, steps int, lr, wd float64) (ws [][]float64, u [][]float64) {
	const b1, b2, eps = 0.9, 0.999, 1e-8
	w := append([]float64(nil), w0...)
	m, v := make([][]float64, nTerms), make([][]float64, nTerms)
	for k := range m {
		m[k], v[k] = make([]float64, len(w)), make([]float64, len(w))
	}
	for s := 1; s <= steps; s++ {
		u = make([][]float64, nTerms)
		for k := range u {
			g := termSeq(w, s, k)
			u[k] = make([]float64, len(w))
			for i := range w {
				m[k][i] = b1*m[k][i] + (1-b1)*g[i]
				v[k][i] = b2*v[k][i] + (1-b2)*g[i]*g[i]
				mh := m[k][i] / (1 - math.Pow(b1, float64(s)))
				vh := v[k][i] / (1 - math.Pow(b2, float64(s)))
				u[k][i] = lr * mh / (math.Sqrt(vh) + eps)
			}
		}
		next := make([]float64, len(w))
		for i := range w {
			next[i] = w[i] - lr*wd*w[i] // weight decay once, not per term
			for k := range u {
				next[i] -= u[k][i]
			}
		}
		w = next
		ws = append(ws, w)
	}
	return ws, u
}

// badUpdate is an Update that must fail: the gradients gr gives, after a
// successful first step with first terms (none when 0).
type badUpdate struct {
	name  string
	first int
	gr    func() *graph.Gradients
}

// checkRejects runs each case on a fresh solver called solver and requires
// an error that leaves the parameters untouched.
func checkRejects(t *testing.T, solver string, cases []badUpdate) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := solvers.New(solver, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.first > 0 {
				gr := termGradients([]float64{0.3, -1.2, 2.5}, c.first)
				setTerms(gr, 1)
				if err := s.Update(gr); err != nil {
					t.Fatal(err)
				}
			}
			gr := c.gr()
			before := append([]float64(nil), gr.Params[0].Value.Data().([]float64)...)
			if err := s.Update(gr); err == nil {
				t.Fatal("no error")
			}
			if d := maxDiff(gr.Params[0].Value.Data().([]float64), before); d != 0 {
				t.Errorf("parameters moved by %g on a failed update", d)
			}
		})
	}
}

// maxDiff is the largest absolute difference of a and b.
func maxDiff(a, b []float64) float64 {
	var d float64
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

// TestAutoBalanceOneTermIsAdam checks that with a single loss term Auto-Adam
// and Auto-AdamW take Adam's and AdamW's steps.
func TestAutoBalanceOneTermIsAdam(t *testing.T) {
	const tol = 1e-12
	for _, c := range []struct{ auto, adam string }{{"autobalance", "adam"}, {"autobalance-adamw", "adamw"}} {
		t.Run(c.auto, func(t *testing.T) {
			w0 := []float64{0.3, -1.2, 2.5}
			h := solvers.Hyper{"lr": 1e-2}
			auto, err := solvers.New(c.auto, h)
			if err != nil {
				t.Fatal(err)
			}
			adam, err := solvers.New(c.adam, h)
			if err != nil {
				t.Fatal(err)
			}
			ga, gb := fixedGradients(w0), fixedGradients(w0)
			var worst float64
			for s := 1; s <= 3; s++ {
				setTerms(ga, s)
				setTerms(gb, s)
				if err := auto.Update(ga); err != nil {
					t.Fatal(err)
				}
				if err := adam.Update(gb); err != nil {
					t.Fatal(err)
				}
				wa, wb := ga.Params[0].Value.Data().([]float64), gb.Params[0].Value.Data().([]float64)
				if d := maxDiff(wa, wb); d > tol {
					t.Fatalf("step %d: %s %v, %s %v (max diff %g > %g)", s, c.auto, wa, c.adam, wb, d, tol)
				}
				worst = math.Max(worst, maxDiff(wa, wb))
			}
			t.Logf("max diff over 3 steps: %g", worst)
		})
	}
}

// TestAutoBalanceMatchesHandComputation checks three steps with three terms
// against K independent Adam updates summed in scalar code, weight decay
// applied once per step.
func TestAutoBalanceMatchesHandComputation(t *testing.T) {
	const lr, tol = 1e-2, 1e-12
	for _, c := range []struct {
		test, name string
		wd         float64
	}{{"auto-adam", "autobalance", 0}, {"auto-adamw", "autobalance-adamw", 0.01}, {"auto-adamw wd=0.3", "autobalance-adamw", 0.3}} {
		t.Run(c.test, func(t *testing.T) {
			w0 := []float64{0.3, -1.2, 2.5}
			h := solvers.Hyper{"lr": lr}
			if c.wd != 0 {
				h["weight_decay"] = c.wd
			}
			s, err := solvers.New(c.name, h)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := handAuto(w0, 3, 3, lr, c.wd)
			gr := termGradients(w0, 3)
			var worst float64
			for k := 1; k <= 3; k++ {
				setTerms(gr, k)
				if err := s.Update(gr); err != nil {
					t.Fatal(err)
				}
				got := gr.Params[0].Value.Data().([]float64)
				if d := maxDiff(got, want[k-1]); d > tol {
					t.Fatalf("step %d: w = %v, want %v (max diff %g > %g)", k, got, want[k-1], d, tol)
				}
				worst = math.Max(worst, maxDiff(got, want[k-1]))
			}
			t.Logf("max diff over 3 steps: %g", worst)
		})
	}
}

// TestAutoBalanceRestoreRejects checks that damaged state, another
// solver's state, and state for another number of terms are errors
// (TestRestoreContinuesBitIdentically covers a good restore).
func TestAutoBalanceRestoreRejects(t *testing.T) {
	w0 := []float64{0.3, -1.2, 2.5}
	a, _ := solvers.New("autobalance", nil)
	gr := termGradients(w0, 3)
	setTerms(gr, 1)
	if err := a.Update(gr); err != nil {
		t.Fatal(err)
	}
	state, err := a.State()
	if err != nil {
		t.Fatal(err)
	}
	adam, err := solvers.NewAdam(1e-3, 0.9, 0.999, 1e-8, 0)
	if err != nil {
		t.Fatal(err)
	}
	other, err := adam.State()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		state []byte
	}{{"truncated", state[:len(state)/2]}, {"flipped", append([]byte{state[0] ^ 0xff}, state[1:]...)}, {"adam's", other}} {
		b, _ := solvers.New("autobalance", nil)
		if err := b.Restore(c.state); err == nil {
			t.Errorf("%s state restored without error", c.name)
		}
	}
	b, _ := solvers.New("autobalance-adamw", nil)
	if err := b.Restore(state); err != nil {
		t.Fatal(err)
	}
	if err := b.Update(termGradients(w0, 2)); err == nil {
		t.Error("three-term state updated with two terms without error")
	}
}

// TestAutoBalanceDiagnostics checks the update ratio and cosine of the
// interior term against the other terms' summed update, by hand.
func TestAutoBalanceDiagnostics(t *testing.T) {
	const lr, tol = 1e-2, 1e-12
	w0 := []float64{0.3, -1.2, 2.5}
	for _, nTerms := range []int{2, 3} {
		s, err := solvers.NewAutoBalance(lr, 0.9, 0.999, 1e-8, 0)
		if err != nil {
			t.Fatal(err)
		}
		if d := s.Diagnostics(); d != nil {
			t.Errorf("%d terms: diagnostics %v before the first step, want nil", nTerms, d)
		}
		gr := termGradients(w0, nTerms)
		for k := 1; k <= 3; k++ {
			setTerms(gr, k)
			if err := s.Update(gr); err != nil {
				t.Fatal(err)
			}
		}
		_, u := handAuto(w0, nTerms, 3, lr, 0)
		var uu, rr, ur float64
		for i := range w0 {
			var r float64
			for k := 1; k < nTerms; k++ {
				r += u[k][i]
			}
			uu += u[0][i] * u[0][i]
			rr += r * r
			ur += u[0][i] * r
		}
		want := map[string]float64{"update_ratio": math.Sqrt(uu / rr), "update_cos": ur / math.Sqrt(uu*rr)}
		got := s.Diagnostics()
		if len(got) != len(want) {
			t.Fatalf("%d terms: diagnostics %v, want keys of %v", nTerms, got, want)
		}
		for key, w := range want {
			d := math.Abs(got[key] - w)
			if d > tol*math.Max(1, math.Abs(w)) {
				t.Errorf("%d terms: %s = %.17g, want %.17g (diff %g)", nTerms, key, got[key], w, d)
			}
			t.Logf("%d terms: %s = %.6g (diff %g)", nTerms, key, got[key], d)
		}
	}
	s, _ := solvers.NewAutoBalance(lr, 0.9, 0.999, 1e-8, 0)
	gr := termGradients(w0, 1)
	setTerms(gr, 1)
	if err := s.Update(gr); err != nil {
		t.Fatal(err)
	}
	if d := s.Diagnostics(); d != nil {
		t.Errorf("one term: diagnostics %v, want nil", d)
	}
}

// TestAutoBalanceRejectsBadGradients checks the errors, and that a failed
// update leaves the parameters untouched.
func TestAutoBalanceRejectsBadGradients(t *testing.T) {
	w0 := []float64{0.3, -1.2, 2.5}
	checkRejects(t, "autobalance", []badUpdate{
		{"no terms", 0, func() *graph.Gradients { return termGradients(w0, 0) }},
		{"terms added", 2, func() *graph.Gradients { return termGradients(w0, 3) }},
		{"terms dropped", 2, func() *graph.Gradients { return termGradients(w0, 1) }},
		{"gradient size", 0, func() *graph.Gradients {
			gr := termGradients(w0, 2)
			gr.Terms[1][0] = tensor.New(tensor.WithShape(1, 2), tensor.Of(tensor.Float64))
			return gr
		}},
		{"gradient count", 0, func() *graph.Gradients {
			gr := termGradients(w0, 2)
			gr.Terms[0] = append(gr.Terms[0], gr.Terms[1][0])
			return gr
		}},
		{"parameters changed", 2, func() *graph.Gradients { return termGradients(w0[:2], 2) }},
	})
	for _, h := range []solvers.Hyper{{"lr": 0}, {"beta2": 1}, {"eps": -1}, {"weight_decay": -1}} {
		if _, err := solvers.New("autobalance-adamw", h); err == nil {
			t.Errorf("New(autobalance-adamw, %v): no error", h)
		}
	}
}
