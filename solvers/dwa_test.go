package solvers_test

import (
	"math"
	"testing"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/solvers"
)

// preGradients returns gradients of two parameter tensors, 2×2 and 1×3 in
// dtype dt, set from the 7 values of w0, with nTerms loss terms named a,
// b, c ….
func preGradients(dt tensor.Dtype, w0 []float64, nTerms int) *graph.Gradients {
	gr := matrixGradients(dt, [][2]int{{2, 2}, {1, 3}}, [][]float64{w0[:4], w0[4:]})
	for k := 0; k < nTerms; k++ {
		var ts []*tensor.Dense
		for _, p := range gr.Params {
			ts = append(ts, tensor.New(tensor.WithShape(p.Value.Shape()...), tensor.Of(dt)))
		}
		gr.Terms = append(gr.Terms, ts)
		gr.Names = append(gr.Names, string(rune('a'+k)))
		gr.Weights = append(gr.Weights, 1)
		gr.Losses = append(gr.Losses, 0)
	}
	return gr
}

// preParams returns gr's parameters, flattened, as float64.
func preParams(gr *graph.Gradients) []float64 {
	var w []float64
	for _, p := range gr.Params {
		w = append(w, getFloats(p.Value)...)
	}
	return w
}

// setPreTerms writes termSeq of the flattened parameters for step s into
// every term's gradient tensors.
func setPreTerms(gr *graph.Gradients, s int) {
	w := preParams(gr)
	for k, ts := range gr.Terms {
		g := termSeq(w, s, k)
		for _, t := range ts {
			n := t.Shape().TotalSize()
			setFloats(t, g[:n])
			g = g[n:]
		}
	}
}

// handAdam is Adam, and AdamW with wd > 0, written out in scalar code.
type handAdam struct {
	lr, wd float64
	m, v   []float64
	t      int
}

// step updates w in place with the gradient g.
func (h *handAdam) step(w, g []float64) {
	const b1, b2, eps = 0.9, 0.999, 1e-8
	if h.m == nil {
		h.m, h.v = make([]float64, len(w)), make([]float64, len(w))
	}
	h.t++
	for i := range w {
		h.m[i] = b1*h.m[i] + (1-b1)*g[i]
		h.v[i] = b2*h.v[i] + (1-b2)*g[i]*g[i]
		mh := h.m[i] / (1 - math.Pow(b1, float64(h.t)))
		vh := h.v[i] / (1 - math.Pow(b2, float64(h.t)))
		w[i] -= h.lr*h.wd*w[i] + h.lr*mh/(math.Sqrt(vh)+eps)
	}
}

// weighted returns Σ_k c_k g_k.
func weighted(g [][]float64, c []float64) []float64 {
	out := make([]float64, len(g[0]))
	for k := range g {
		for i, v := range g[k] {
			out[i] += c[k] * v
		}
	}
	return out
}

// dwaLosses are the unweighted losses of three terms over six steps, and
// dwaLambda DWA's weights at each step with T = 2, worked out by hand: 1
// for the first two steps, then 3·e^{r_k/2}/Σ_j e^{r_j/2} with
// r_k = L_k(t−1)/L_k(t−2).
var (
	dwaLosses = [][]float64{{1, 1, 1}, {0.5, 2, 1}, {0.25, 2, 0.5}, {0, 1, 0.25}, {0.1, 0.5, 0.25}, {0.2, 0.5, 0.5}}
	dwaLambda = [][]float64{
		{1, 1, 1},
		{1, 1, 1},
		// r = (0.5, 2, 1): e^0.25 = 1.28402541668774, e^1 = 2.71828182845905,
		// e^0.5 = 1.64872127070013, sum 5.65102851584692.
		{0.681659319053342, 1.44307278976011, 0.875267891186549},
		// r = (0.5, 1, 0.5): e^0.25, e^0.5, e^0.25, sum 4.21677210407561.
		{0.913513027260852, 1.17297394547830, 0.913513027260852},
		// r = (0/0.25 = 0, 0.5, 0.5): 1, e^0.25, e^0.25, sum 3.56805083337548.
		{0.840795196060004, 1.07960240196999, 1.07960240196999},
		// r = (0.1/0: a zero denominator counts as 1, 0.5, 1): e^0.5,
		// e^0.25, e^0.5, sum 4.58146795808800.
		{1.07960240196999, 0.840795196060004, 1.07960240196999},
	}
)

// checkHandSteps runs the solver called name, its -adamw variant and
// float32 parameters on three terms for steps steps, fed setPreTerms and
// dwaLosses, and compares every step's parameters with handAdam on
// Σ_k c_k g_k, c given by weights from the step, the terms' gradients g_k
// and the solver's diagnostics.
func checkHandSteps(t *testing.T, name string, steps int, weights func(t *testing.T, step int, g [][]float64, diag map[string]float64) []float64) {
	const lr = 1e-2
	w0 := []float64{0.3, -1.2, 2.5, 0.7, -0.4, 1.1, -2}
	for _, c := range []struct {
		test, name string
		wd         float64
		dt         tensor.Dtype
		tol        float64
	}{
		{name, name, 0, tensor.Float64, 1e-12},
		{name + "-adamw", name + "-adamw", 0.01, tensor.Float64, 1e-12},
		{name + " float32", name, 0, tensor.Float32, 1e-5},
	} {
		t.Run(c.test, func(t *testing.T) {
			s, err := solvers.New(c.name, solvers.Hyper{"lr": lr})
			if err != nil {
				t.Fatal(err)
			}
			gr := preGradients(c.dt, w0, 3)
			h := handAdam{lr: lr, wd: c.wd}
			want := append([]float64(nil), w0...)
			var worst float64
			for step := 1; step <= steps; step++ {
				setPreTerms(gr, step)
				copy(gr.Losses, dwaLosses[step-1])
				if err := s.Update(gr); err != nil {
					t.Fatal(err)
				}
				g := make([][]float64, 3)
				for k := range g {
					g[k] = termSeq(want, step, k)
				}
				diag := s.(interface{ Diagnostics() map[string]float64 }).Diagnostics()
				h.step(want, weighted(g, weights(t, step, g, diag)))
				got := preParams(gr)
				if diff := maxDiff(got, want); diff > c.tol {
					t.Fatalf("step %d: w = %v, want %v (max diff %g > %g)", step, got, want, diff, c.tol)
				}
				worst = math.Max(worst, maxDiff(got, want))
			}
			t.Logf("max diff over %d steps: %g", steps, worst)
		})
	}
}

// TestDWAMatchesHandComputation feeds DWA the losses above and checks its
// weights against the hand-worked ones and every step's parameters against
// Adam (AdamW) in scalar code on Σ_k λ_k g_k, for float64 and float32
// parameters.
func TestDWAMatchesHandComputation(t *testing.T) {
	checkHandSteps(t, "dwa", len(dwaLosses), func(t *testing.T, step int, _ [][]float64, diag map[string]float64) []float64 {
		lambda := dwaLambda[step-1]
		for k, name := range []string{"a", "b", "c"} {
			if got := diag["lambda_"+name]; math.Abs(got-lambda[k]) > 1e-14 {
				t.Errorf("step %d: λ_%s = %.17g, want %.15g", step, name, got, lambda[k])
			}
		}
		return lambda
	})
}

// TestDWAGuardsLossRatios checks the weights of the third step after
// losses that make r_k = L_k(t−1)/L_k(t−2) undefined, infinite or huge.
func TestDWAGuardsLossRatios(t *testing.T) {
	e := math.Exp
	cases := []struct {
		name   string
		losses [][]float64
		want   []float64
	}{
		// r = (1 for NaN, 2): 2·(e^0.5, e^1)/(e^0.5 + e^1).
		{"NaN loss", [][]float64{{1, 1}, {math.NaN(), 2}}, []float64{2 * e(0.5) / (e(0.5) + e(1)), 2 * e(1) / (e(0.5) + e(1))}},
		// r = (1 for +Inf, 0.5).
		{"infinite loss", [][]float64{{1, 1}, {math.Inf(1), 0.5}}, []float64{2 * e(0.5) / (e(0.5) + e(0.25)), 2 * e(0.25) / (e(0.5) + e(0.25))}},
		// r = (1 for 0/0, 1): equal weights.
		{"zero losses", [][]float64{{0, 1}, {0, 1}}, []float64{1, 1}},
		// r = (1e20, 1): e^{5e19} overflows unless the largest exponent is
		// subtracted first; the weights are then (2, 2e^{0.5−5e19}) = (2, 0).
		{"huge ratio", [][]float64{{1e-10, 1}, {1, 1}}, []float64{2, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := solvers.NewDWA(1e-3, 0.9, 0.999, 1e-8, 0, 2)
			if err != nil {
				t.Fatal(err)
			}
			gr := termGradients([]float64{0.3, -1.2, 2.5}, 2)
			for step, l := range append(c.losses, []float64{1, 1}) {
				setTerms(gr, step+1)
				copy(gr.Losses, l)
				if err := s.Update(gr); err != nil {
					t.Fatal(err)
				}
			}
			for k, name := range gr.Names {
				got := s.Diagnostics()["lambda_"+name]
				if math.Abs(got-c.want[k]) > 1e-14 {
					t.Errorf("λ_%s = %.17g, want %.17g", name, got, c.want[k])
				}
			}
			for _, w := range gr.Params[0].Value.Data().([]float64) {
				if math.IsNaN(w) || math.IsInf(w, 0) {
					t.Fatalf("parameters %v", gr.Params[0].Value.Data())
				}
			}
		})
	}
}

// TestDWARejectsBadInput checks the errors of Update, which leave the
// parameters untouched, and of the constructor.
func TestDWARejectsBadInput(t *testing.T) {
	w0 := []float64{0.3, -1.2, 2.5}
	checkRejects(t, "dwa", []badUpdate{
		{"no terms", 0, func() *graph.Gradients { return termGradients(w0, 0) }},
		{"losses missing", 0, func() *graph.Gradients {
			gr := termGradients(w0, 2)
			gr.Losses = gr.Losses[:1]
			return gr
		}},
		{"terms added", 2, func() *graph.Gradients { return termGradients(w0, 3) }},
		{"gradient size", 0, func() *graph.Gradients {
			gr := termGradients(w0, 2)
			gr.Terms[1][0] = tensor.New(tensor.WithShape(1, 2), tensor.Of(tensor.Float64))
			return gr
		}},
	})
	for _, h := range []solvers.Hyper{{"temperature": 0}, {"temperature": math.Inf(1)}, {"lr": 0}} {
		if _, err := solvers.New("dwa-adamw", h); err == nil {
			t.Errorf("New(dwa-adamw, %v): no error", h)
		}
	}
}

// TestPreCombineRestoreBitIdentical saves DWA and IMTL-G after three steps
// of losses that change DWA's weights, restores them into fresh solvers
// and checks that the next three steps agree to the last bit, parameters
// and diagnostics, and that another solver's state is refused.
func TestPreCombineRestoreBitIdentical(t *testing.T) {
	w0 := []float64{0.3, -1.2, 2.5, 0.7, -0.4, 1.1, -2}
	for _, name := range []string{"dwa", "dwa-adamw", "imtl-g", "imtl-g-adamw"} {
		t.Run(name, func(t *testing.T) {
			type diagnoser interface{ Diagnostics() map[string]float64 }
			step := func(s solvers.Solver, gr *graph.Gradients, k int) {
				setPreTerms(gr, k)
				copy(gr.Losses, dwaLosses[k-1])
				if err := s.Update(gr); err != nil {
					t.Fatal(err)
				}
			}
			a, _ := solvers.New(name, nil)
			ga := preGradients(tensor.Float64, w0, 3)
			for k := 1; k <= 3; k++ {
				step(a, ga, k)
			}
			b, _ := restored(t, name, a)
			gb := preGradients(tensor.Float64, preParams(ga), 3)
			for k := 4; k <= 6; k++ {
				step(a, ga, k)
				step(b, gb, k)
				da, db := a.(diagnoser).Diagnostics(), b.(diagnoser).Diagnostics()
				for key, v := range da {
					if math.Float64bits(v) != math.Float64bits(db[key]) {
						t.Errorf("step %d %s: uninterrupted %.17g, restored %.17g", k, key, v, db[key])
					}
				}
			}
			wa, wb := preParams(ga), preParams(gb)
			for i := range wa {
				if math.Float64bits(wa[i]) != math.Float64bits(wb[i]) {
					t.Fatalf("w[%d]: uninterrupted %.17g, restored %.17g", i, wa[i], wb[i])
				}
			}
			adam, _ := solvers.New("adam", nil)
			other, _ := adam.State()
			if err := b.Restore(other); err == nil {
				t.Error("adam's state restored without error")
			}
		})
	}
}
