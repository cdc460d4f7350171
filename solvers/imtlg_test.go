package solvers_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/solvers"
)

// paperAlpha computes IMTL-G's weights as the paper writes them, with
// rows D_k = g_1 − g_k and U_k = u_1 − u_k (k = 2…K):
// α_{2…K} = g_1 Uᵀ (D Uᵀ)⁻¹ by an LU solve, α_1 = 1 − Σ_{k≥2} α_k.
func paperAlpha(t *testing.T, g [][]float64) []float64 {
	t.Helper()
	n, p := len(g)-1, len(g[0])
	if n == 0 {
		return []float64{1}
	}
	d, u := mat.NewDense(n, p, nil), mat.NewDense(n, p, nil)
	u1 := unit(g[0])
	for k := 1; k <= n; k++ {
		uk := unit(g[k])
		for j := range p {
			d.Set(k-1, j, g[0][j]-g[k][j])
			u.Set(k-1, j, u1[j]-uk[j])
		}
	}
	var du mat.Dense
	du.Mul(d, u.T())
	var rhs, x mat.VecDense
	rhs.MulVec(u, mat.NewVecDense(p, g[0])) // (g_1 Uᵀ)ᵀ
	if err := x.SolveVec(du.T(), &rhs); err != nil {
		t.Fatalf("paper's system: %v", err)
	}
	alpha := []float64{1}
	for k := range n {
		alpha = append(alpha, x.AtVec(k))
		alpha[0] -= x.AtVec(k)
	}
	return alpha
}

// unit returns g/‖g‖.
func unit(g []float64) []float64 {
	u := append([]float64(nil), g...)
	floats.Scale(1/floats.Norm(g, 2), u)
	return u
}

// projectionSpread returns the combined gradient Σ_k α_k g_k's largest
// difference of projections onto the unit gradients u_k of the nonzero
// g_k, relative to the largest projection.
func projectionSpread(g [][]float64, alpha []float64) float64 {
	c := weighted(g, alpha)
	var p []float64
	for _, gk := range g {
		if floats.Norm(gk, 2) > 0 {
			p = append(p, floats.Dot(c, unit(gk)))
		}
	}
	return (floats.Max(p) - floats.Min(p)) / math.Max(math.Abs(floats.Max(p)), math.Abs(floats.Min(p)))
}

// asTerms wraps flat gradients as one parameter tensor per term.
func asTerms(g [][]float64) [][][]float64 {
	out := make([][][]float64, len(g))
	for k := range g {
		out[k] = [][]float64{g[k]}
	}
	return out
}

// randomGradient returns n normal values times scale.
func randomGradient(r *rand.Rand, n int, scale float64) []float64 {
	g := make([]float64, n)
	for i := range g {
		g[i] = scale * r.NormFloat64()
	}
	return g
}

// TestIMTLGEqualProjections checks on random gradients, of magnitudes
// spread over six decades and split over two parameter tensors, that the
// combined gradient has equal projections onto every unit gradient to
// 1e-12 relative, that Σα = 1, and that α matches the paper's formula.
func TestIMTLGEqualProjections(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range []int{2, 3, 5} {
		for trial := range 20 {
			g := make([][]float64, k)
			split := make([][][]float64, k) // two parameter tensors of 5 and 8 values
			for i := range g {
				g[i] = randomGradient(r, 13, math.Pow(10, 6*r.Float64()-3))
				split[i] = [][]float64{g[i][:5], g[i][5:]}
			}
			alpha, rcond, path, err := solvers.IMTLGWeights(split)
			if err != nil {
				t.Fatal(err)
			}
			if path != 0 {
				t.Fatalf("K=%d trial %d: path %d (rcond %g), want 0, solved", k, trial, path, rcond)
			}
			spread := projectionSpread(g, alpha)
			want := paperAlpha(t, g)
			var dev float64
			for i := range alpha {
				dev = math.Max(dev, math.Abs(alpha[i]-want[i])/floats.Norm(want, math.Inf(1)))
			}
			sum := floats.Sum(alpha)
			if spread > 1e-12 || dev > 1e-9 || math.Abs(sum-1) > 1e-12 {
				t.Errorf("K=%d trial %d: projections spread %.3g, α %v vs the paper's %v (%.3g), Σα − 1 = %.3g",
					k, trial, spread, alpha, want, dev, sum-1)
			}
			if trial == 0 {
				t.Logf("K=%d: rcond %.3g, projections spread %.3g, α vs the paper's formula %.3g", k, rcond, spread, dev)
			}
		}
	}
}

// TestIMTLGTermScale checks that scaling a term's gradient, as its loss
// weight does, scales the combined gradient without turning it.
func TestIMTLGTermScale(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	g := [][]float64{randomGradient(r, 9, 1), randomGradient(r, 9, 0.1), randomGradient(r, 9, 10)}
	alpha, _, _, err := solvers.IMTLGWeights(asTerms(g))
	if err != nil {
		t.Fatal(err)
	}
	c := weighted(g, alpha)
	for k, s := range []float64{100, 1e-3, 7} {
		h := [][]float64{g[0], g[1], g[2]}
		h[k] = floats.ScaleTo(make([]float64, 9), s, g[k])
		beta, _, _, err := solvers.IMTLGWeights(asTerms(h))
		if err != nil {
			t.Fatal(err)
		}
		d := weighted(h, beta)
		if cos := floats.Dot(c, d) / (floats.Norm(c, 2) * floats.Norm(d, 2)); math.Abs(cos-1) > 1e-13 {
			t.Errorf("term %d scaled by %g: cosine %.17g between the combined gradients, want 1", k, s, cos)
		}
		t.Logf("term %d scaled by %g: length ×%.4g", k, s, floats.Norm(d, 2)/floats.Norm(c, 2))
	}
}

// TestIMTLGFallbacks checks the documented path, finite weights and their
// values for zero, parallel, nearly parallel and opposite gradients.
func TestIMTLGFallbacks(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	g1, g3 := randomGradient(r, 6, 1), randomGradient(r, 6, 20)
	a, c := floats.Norm(g1, 2), 3*floats.Norm(g1, 2)
	// perp, of g1's length, is orthogonal to g1 and g3 (Gram–Schmidt).
	q3 := floats.AddScaledTo(make([]float64, 6), g3, -floats.Dot(g3, g1)/(a*a), g1)
	perp := randomGradient(r, 6, 1)
	floats.AddScaled(perp, -floats.Dot(perp, g1)/(a*a), g1)
	floats.AddScaled(perp, -floats.Dot(perp, q3)/floats.Dot(q3, q3), q3)
	floats.Scale(a/floats.Norm(perp, 2), perp)
	scaled := func(s float64, g []float64) []float64 { return floats.ScaleTo(make([]float64, len(g)), s, g) }
	nearly := floats.AddScaledTo(make([]float64, 6), scaled(3, g1), 1e-7, perp) // 1e-7 rad from parallel
	zero := make([]float64, 6)
	// In 3-D, g2 lies between g1 and g3 but out of their plane, and is
	// short: the only equal projections with Σα = 1 are negative.
	s := 1 / math.Sqrt2
	up1, up2, up3 := []float64{s, 0, s}, scaled(0.01/math.Sqrt(1.01), []float64{0, 0.1, 1}), []float64{-s, 0, s}
	const (
		solved = iota
		pinv
		equal
	)
	cases := []struct {
		name  string
		g     [][]float64
		path  int
		alpha []float64 // nil: not known in closed form
	}{
		// K = 2: α ∝ 1/‖g_k‖ for any angle, as g ∝ u_1 + u_2 has equal projections.
		{"two", [][]float64{g1, g3}, solved, []float64{floats.Norm(g3, 2) / (a + floats.Norm(g3, 2)), a / (a + floats.Norm(g3, 2))}},
		{"nearly parallel", [][]float64{g1, nearly}, pinv, []float64{floats.Norm(nearly, 2) / (a + floats.Norm(nearly, 2)), a / (a + floats.Norm(nearly, 2))}},
		{"parallel", [][]float64{g1, scaled(3, g1)}, pinv, []float64{c / (a + c), a / (a + c)}},
		{"parallel pair and another", [][]float64{g1, scaled(3, g1), g3}, pinv, nil},
		{"nearly parallel pair and another", [][]float64{g1, nearly, g3}, pinv, nil},
		{"opposite", [][]float64{g1, scaled(-3, g1)}, equal, []float64{0.5, 0.5}},
		{"three in a plane", [][]float64{g1, g3, floats.AddTo(make([]float64, 6), g1, g3)}, equal, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		{"uphill", [][]float64{up1, up2, up3}, equal, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		{"zero gradient", [][]float64{g1, zero, g3}, solved, []float64{floats.Norm(g3, 2) / (a + floats.Norm(g3, 2)), 0, a / (a + floats.Norm(g3, 2))}},
		{"zero and opposite", [][]float64{g1, zero, scaled(-1, g1)}, equal, []float64{0.5, 0, 0.5}},
		{"all zero", [][]float64{zero, zero}, solved, []float64{0, 0}},
		{"one term", [][]float64{g3}, solved, []float64{1}},
		{"one nonzero", [][]float64{zero, g3}, solved, []float64{0, 1}},
		{"1e150 apart", [][]float64{scaled(1e150, g1), g3}, solved, []float64{floats.Norm(g3, 2) / (1e150 * a), 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			alpha, rcond, path, err := solvers.IMTLGWeights(asTerms(tc.g))
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range append(alpha, rcond) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("α %v, rcond %v", alpha, rcond)
				}
			}
			if path != tc.path {
				t.Errorf("path %d (rcond %.3g), want %d", path, rcond, tc.path)
			}
			for i := range tc.alpha {
				if math.Abs(alpha[i]-tc.alpha[i]) > 1e-12*math.Max(1, math.Abs(tc.alpha[i])) {
					t.Errorf("α = %v, want %v", alpha, tc.alpha)
					break
				}
			}
			if tc.path != equal && floats.Max(alpha) > 0 {
				if spread := projectionSpread(tc.g, alpha); spread > 1e-12 {
					t.Errorf("projections spread %.3g", spread)
				}
				if sum := floats.Sum(alpha); math.Abs(sum-1) > 1e-12 {
					t.Errorf("Σα = %.17g", sum)
				}
			}
			if tc.alpha == nil && math.Abs(alpha[0]-3*alpha[1]) > 1e-9*alpha[0] {
				// Within a (nearly) parallel pair the weights follow the
				// parallel limit, α_k ∝ 1/‖g_k‖.
				t.Errorf("α = %v: α_1/α_2 = %.17g, want 3", alpha, alpha[0]/alpha[1])
			}
			t.Logf("α %v, rcond %.3g", alpha, rcond)
		})
	}
	// The uphill case is one: the paper's α give every term a negative
	// projection.
	up := [][]float64{up1, up2, up3}
	if p := floats.Dot(weighted(up, paperAlpha(t, up)), up1); !(p < 0) {
		t.Errorf("uphill case: the paper's α project %g onto u_1, want < 0", p)
	}
	for _, bad := range []float64{math.NaN(), math.Inf(-1)} {
		g := append([]float64(nil), g1...)
		g[2] = bad
		if _, _, _, err := solvers.IMTLGWeights(asTerms([][]float64{g3, g})); err == nil {
			t.Errorf("gradient holding %v: no error", bad)
		}
	}
}

// TestIMTLGMatchesHandComputation checks three steps of IMTL-G on three
// terms against Adam (AdamW) in scalar code on Σ_k α_k g_k with α from the
// paper's formula, for float64 and float32 parameters, and the weights it
// reports.
func TestIMTLGMatchesHandComputation(t *testing.T) {
	checkHandSteps(t, "imtl-g", 3, func(t *testing.T, step int, g [][]float64, diag map[string]float64) []float64 {
		alpha := paperAlpha(t, g)
		for k, name := range []string{"a", "b", "c"} {
			// float32 gradients move α by about 1e-7.
			if got := diag["alpha_"+name]; math.Abs(got-alpha[k]) > 1e-6*math.Max(1, math.Abs(alpha[k])) {
				t.Errorf("step %d: α_%s = %.17g, the paper's formula %.17g", step, name, got, alpha[k])
			}
		}
		if diag["imtlg_fallback"] != 0 {
			t.Errorf("step %d: fallback %v", step, diag["imtlg_fallback"])
		}
		return alpha
	})
}

// TestIMTLGOneTermIsAdam checks that with one loss term IMTL-G takes
// Adam's and AdamW's steps to the last bit.
func TestIMTLGOneTermIsAdam(t *testing.T) {
	for _, c := range []struct{ imtlg, adam string }{{"imtl-g", "adam"}, {"imtl-g-adamw", "adamw"}} {
		t.Run(c.imtlg, func(t *testing.T) {
			w0 := []float64{0.3, -1.2, 2.5}
			a, _ := solvers.New(c.imtlg, solvers.Hyper{"lr": 1e-2})
			b, _ := solvers.New(c.adam, solvers.Hyper{"lr": 1e-2})
			ga, gb := fixedGradients(w0), fixedGradients(w0)
			for s := 1; s <= 3; s++ {
				setTerms(ga, s)
				setTerms(gb, s)
				if err := a.Update(ga); err != nil {
					t.Fatal(err)
				}
				if err := b.Update(gb); err != nil {
					t.Fatal(err)
				}
			}
			wa, wb := ga.Params[0].Value.Data().([]float64), gb.Params[0].Value.Data().([]float64)
			if maxDiff(wa, wb) != 0 {
				t.Errorf("%s %v, %s %v", c.imtlg, wa, c.adam, wb)
			}
		})
	}
}

// TestIMTLGRejectsBadGradients checks that a non-finite gradient and
// missing terms are errors that leave the parameters untouched, and that
// the diagnostics report a zero gradient's weight and the path.
func TestIMTLGRejectsBadGradients(t *testing.T) {
	w0 := []float64{0.3, -1.2, 2.5}
	checkRejects(t, "imtl-g", []badUpdate{
		{"no terms", 0, func() *graph.Gradients { return termGradients(w0, 0) }},
		{"NaN gradient", 0, func() *graph.Gradients {
			gr := termGradients(w0, 2)
			setTerms(gr, 1)
			gr.Terms[1][0].Data().([]float64)[1] = math.NaN()
			return gr
		}},
	})
	s, _ := solvers.NewIMTLG(1e-3, 0.9, 0.999, 1e-8, 0)
	gr := termGradients(w0, 3)
	setTerms(gr, 1)
	copy(gr.Terms[1][0].Data().([]float64), []float64{0, 0, 0})
	copy(gr.Terms[2][0].Data().([]float64), []float64{-2, -4, -6})
	copy(gr.Terms[0][0].Data().([]float64), []float64{1, 2, 3})
	if err := s.Update(gr); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"alpha_a": 0.5, "alpha_b": 0, "alpha_c": 0.5, "imtlg_fallback": 2, "imtlg_rcond": 0}
	for key, v := range want {
		if got := s.Diagnostics()[key]; math.Abs(got-v) > 1e-12 {
			t.Errorf("%s = %v, want %v", key, got, v)
		}
	}
}
