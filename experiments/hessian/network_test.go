package hessian_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/hessian"
)

// tinyConfig is Helmholtz on a 2×6 tanh network (67 parameters) with a
// few points per term, its boundary terms soft.
func tinyConfig(t *testing.T, solver string) experiments.Config {
	t.Helper()
	cfg, err := experiments.Default("helmholtz")
	if err != nil {
		t.Fatal(err)
	}
	pool, batch, bc := 64, 32, 16
	cfg.Solver, cfg.Hyper = solver, nil
	cfg.Network = experiments.NetworkConfig{Width: 6, Depth: 2, Activation: "tanh"}
	cfg.HardConstraints, cfg.LRDecay = false, nil
	cfg.Terms = map[string]experiments.TermConfig{"pde": {Pool: &pool, Batch: &batch}, "bc_x": {Batch: &bc}, "bc_y": {Batch: &bc}}
	cfg.Eval = experiments.EvalConfig{NX: 11, NT: 11}
	cfg.Steps = 20
	return cfg
}

// trained returns a trainer of cfg after its steps, and the moments
// tracked along them.
func trained(t *testing.T, cfg experiments.Config) (*experiments.Trainer, *hessian.Moments) {
	t.Helper()
	tr, err := experiments.NewTrainer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	m := hessian.NewMoments(0.999)
	for tr.StepCount() < cfg.Steps {
		gr, err := tr.Step()
		if err != nil {
			t.Fatal(err)
		}
		m.Observe(gr)
	}
	return tr, m
}

// TestTinyNetworkExtremes compares Lanczos's extreme eigenvalues of each
// term's Hessian with those of the dense Hessian built column by column
// from the same finite-difference products (symmetrized), on a network
// small enough to form it: with m = n steps Lanczos is exact, and with
// fewer the extremes have converged.
func TestTinyNetworkExtremes(t *testing.T) {
	const tol = 1e-6
	tr, _ := trained(t, tinyConfig(t, "adam"))
	ps := tr.Loss.Network().Params()
	w, err := hessian.Flatten(ps)
	if err != nil {
		t.Fatal(err)
	}
	n := len(w)
	for k, name := range tr.Loss.Terms() {
		grad, err := hessian.TermGradient(tr.Loss, k)
		if err != nil {
			t.Fatal(err)
		}
		op := &hessian.FiniteDifference{Grad: grad, W: w}
		h := mat.NewDense(n, n, nil)
		e, col := make([]float64, n), make([]float64, n)
		for j := range n {
			e[j] = 1
			if err := op.MulVec(col, e); err != nil {
				t.Fatal(err)
			}
			e[j] = 0
			h.SetCol(j, col)
		}
		sym := mat.NewSymDense(n, nil)
		var asym float64
		for i := range n {
			for j := i; j < n; j++ {
				sym.SetSym(i, j, (h.At(i, j)+h.At(j, i))/2)
				asym = math.Max(asym, math.Abs(h.At(i, j)-h.At(j, i)))
			}
		}
		var eig mat.EigenSym
		if !eig.Factorize(sym, false) {
			t.Fatal("dense eigendecomposition failed")
		}
		vals := eig.Values(nil)
		lo, hi := vals[0], vals[n-1]
		scale := math.Max(math.Abs(lo), math.Abs(hi))
		for _, steps := range []int{n, 40} {
			s := hessian.DefaultSettings()
			s.Steps, s.Probes = steps, 1
			sp, err := hessian.Analyze(op, s)
			if err != nil {
				t.Fatal(err)
			}
			eMax, eMin := math.Abs(sp.Max-hi)/scale, math.Abs(sp.Min-lo)/scale
			if eMax > tol || eMin > tol {
				t.Errorf("%s, m = %d: Lanczos [%.10g, %.10g], dense [%.10g, %.10g] (relative errors %g, %g > %g)",
					name, steps, sp.Min, sp.Max, lo, hi, eMin, eMax, tol)
			}
			t.Logf("%s, n = %d, m = %d: λ ∈ [%.6g, %.6g], relative errors %.1e, %.1e; max |H − Hᵀ| %.1e",
				name, n, steps, lo, hi, eMin, eMax, asym)
		}
	}
	if got, _ := hessian.Flatten(ps); !equalBits(got, w) {
		t.Error("the analysis changed the parameters")
	}
}

// TestAtSources checks that At takes Adam's diagonal from an Adam run's
// solver and AutoBalance's from tracked moments, that tracked moments
// equal the solver's own when they describe the same solver, and that the
// parameters are left as they were.
func TestAtSources(t *testing.T) {
	tr, m := trained(t, tinyConfig(t, "autobalance"))
	w, _ := hessian.Flatten(tr.Loss.Network().Params())
	s := hessian.DefaultSettings()
	s.Steps, s.Probes = 10, 1
	res, err := hessian.At(tr, m, []int{0, 2}, s)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ term, pre, src string }{
		{"pde", "raw", ""}, {"pde", "adam", "tracked"}, {"pde", "autobalance", "solver"},
		{"bc_y", "raw", ""}, {"bc_y", "adam", "tracked"}, {"bc_y", "autobalance", "solver"},
	}
	if len(res) != len(want) {
		t.Fatalf("%d results, want %d", len(res), len(want))
	}
	for i, r := range res {
		if r.Term != want[i].term || r.Preconditioner != want[i].pre || r.Source != want[i].src || r.Step != 20 {
			t.Errorf("result %d is %s/%s/%q at step %d, want %v at step 20", i, r.Term, r.Preconditioner, r.Source, r.Step, want[i])
		}
		if !(r.Max >= r.Min) || r.Products != 10 {
			t.Errorf("result %d: λ ∈ [%g, %g] from %d products", i, r.Min, r.Max, r.Products)
		}
	}
	// AutoBalance's own diagonal and the tracked one give the same spectrum.
	tracked, err := hessian.At(tr, m, []int{0}, s)
	if err != nil {
		t.Fatal(err)
	}
	if own := res[2]; math.Abs(own.Max-tracked[2].Max) > 1e-12*math.Abs(own.Max) {
		t.Errorf("λ_max with AutoBalance's diagonal %g, again %g", own.Max, tracked[2].Max)
	}
	if got, _ := hessian.Flatten(tr.Loss.Network().Params()); !equalBits(got, w) {
		t.Error("At changed the parameters")
	}
}

func equalBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}
