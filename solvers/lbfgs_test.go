package solvers_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/solvers"
)

// rosenbrock returns the n-D Rosenbrock function and its gradient at x.
func rosenbrock(x []float64) (float64, []float64) {
	g := make([]float64, len(x))
	var f float64
	for i := 0; i+1 < len(x); i++ {
		a, b := 1-x[i], x[i+1]-x[i]*x[i]
		f += a*a + 100*b*b
		g[i] += -2*a - 400*x[i]*b
		g[i+1] += 200 * b
	}
	return f, g
}

// objective drives a solver on a function of one 1×n parameter: it returns
// gradients at x0 and the closure that re-evaluates them in place.
func objective(x0 []float64, fn func([]float64) (float64, []float64)) (*graph.Gradients, func() (*graph.Gradients, error)) {
	gr := fixedGradients(x0)
	eval := func() (*graph.Gradients, error) {
		f, g := fn(gr.Params[0].Value.Data().([]float64))
		gr.Loss = f
		copy(gr.Total[0].Data().([]float64), g)
		return gr, nil
	}
	eval()
	return gr, eval
}

// wolfe checks the strong Wolfe conditions (c1 = 1e-4, c2 = 0.9) of the
// step from x to x+ along their difference, with a relative slack of 1e-12.
func wolfe(t *testing.T, iter int, fn func([]float64) (float64, []float64), x, xp []float64) {
	t.Helper()
	f0, g0 := fn(x)
	f1, g1 := fn(xp)
	var d0, d1 float64
	for j := range x {
		p := xp[j] - x[j]
		d0 += g0[j] * p
		d1 += g1[j] * p
	}
	if !(d0 < 0) {
		t.Fatalf("iteration %d: not a descent step (slope %g)", iter, d0)
	}
	if f1 > f0+1e-4*d0+1e-12*math.Abs(f0) {
		t.Errorf("iteration %d: sufficient decrease fails: f %g -> %g, slope %g", iter, f0, f1, d0)
	}
	if math.Abs(d1) > 0.9*math.Abs(d0)*(1+1e-12) {
		t.Errorf("iteration %d: curvature condition fails: |%g| > 0.9·|%g|", iter, d1, d0)
	}
}

// TestLBFGSRosenbrock minimises the 10-D Rosenbrock function from the
// standard start (−1.2, 1, −1.2, 1, …) to f < 1e-10, checking the strong
// Wolfe conditions at every accepted step.
func TestLBFGSRosenbrock(t *testing.T) {
	const n, maxIter, tol = 10, 500, 1e-10
	x0 := make([]float64, n)
	for i := range x0 {
		x0[i] = 1
		if i%2 == 0 {
			x0[i] = -1.2
		}
	}
	s, err := solvers.New("lbfgs", nil)
	if err != nil {
		t.Fatal(err)
	}
	gr, eval := objective(x0, rosenbrock)
	s.(solvers.NeedsObjective).SetObjective(eval)
	evals := 0
	iter := 0
	for ; iter < maxIter && gr.Loss >= tol; iter++ {
		x := append([]float64(nil), gr.Params[0].Value.Data().([]float64)...)
		if err := s.Update(gr); err != nil {
			t.Fatal(err)
		}
		evals += int(s.(interface{ Diagnostics() map[string]float64 }).Diagnostics()["lbfgs_evals"])
		xp := gr.Params[0].Value.Data().([]float64)
		wolfe(t, iter+1, rosenbrock, x, xp)
		eval() // the runner's Compute at the new parameters
	}
	t.Logf("10-D Rosenbrock: f = %.3g after %d iterations, %d line-search evaluations", gr.Loss, iter, evals)
	if !(gr.Loss < tol) {
		t.Fatalf("f = %g after %d iterations, want < %g", gr.Loss, iter, tol)
	}
}

// TestLBFGSFirstStep checks on a quadratic that the first step is steepest
// descent with the step length the line search accepted, starting from
// min(1, 1/|g|₁).
func TestLBFGSFirstStep(t *testing.T) {
	quad := func(x []float64) (float64, []float64) {
		a := []float64{1, 4, 9, 16}
		var f float64
		g := make([]float64, len(x))
		for i, v := range x {
			f += a[i] * v * v / 2
			g[i] = a[i] * v
		}
		return f, g
	}
	x0 := []float64{1, -0.5, 0.25, 0.1}
	_, g0 := quad(x0)
	s, _ := solvers.NewLBFGS(1, 50, 25, 1e-9)
	gr, eval := objective(x0, quad)
	s.SetObjective(eval)
	if err := s.Update(gr); err != nil {
		t.Fatal(err)
	}
	a := s.Diagnostics()["lbfgs_step"]
	if !(a > 0) {
		t.Fatalf("accepted step %g", a)
	}
	x1 := gr.Params[0].Value.Data().([]float64)
	for i := range x0 {
		if want := x0[i] - a*g0[i]; math.Abs(x1[i]-want) > 1e-12 {
			t.Errorf("x1[%d] = %.17g, want x0 − a·g = %.17g (a = %g)", i, x1[i], want, a)
		}
	}
	wolfe(t, 1, quad, x0, x1)
}

// step updates s and re-evaluates the objective at the new parameters, as
// a runner's next Compute would.
func step(t *testing.T, s solvers.Solver, gr *graph.Gradients, eval func() (*graph.Gradients, error)) {
	t.Helper()
	if err := s.Update(gr); err != nil {
		t.Fatal(err)
	}
	eval()
}

// lbfgsRun is a fresh L-BFGS solver on the 10-D Rosenbrock function.
func lbfgsRun(t *testing.T, x []float64) (solvers.Solver, *graph.Gradients, func() (*graph.Gradients, error)) {
	t.Helper()
	s, err := solvers.New("lbfgs", solvers.Hyper{"history": 5})
	if err != nil {
		t.Fatal(err)
	}
	gr, eval := objective(x, rosenbrock)
	s.(solvers.NeedsObjective).SetObjective(eval)
	return s, gr, eval
}

// TestLBFGSRestoreBitIdentical saves L-BFGS after 8 iterations (a full
// history of 5 pairs), restores it into a fresh solver and requires the
// next 10 iterations to agree to the last bit.
func TestLBFGSRestoreBitIdentical(t *testing.T) {
	x0 := []float64{-1.2, 1, -1.2, 1, -1.2, 1}
	a, ga, ea := lbfgsRun(t, x0)
	for i := 0; i < 8; i++ {
		step(t, a, ga, ea)
	}
	state, err := a.State()
	if err != nil {
		t.Fatal(err)
	}
	b, gb, eb := lbfgsRun(t, ga.Params[0].Value.Data().([]float64))
	if err := b.Restore(state); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		step(t, a, ga, ea)
		step(t, b, gb, eb)
		wa, wb := ga.Params[0].Value.Data().([]float64), gb.Params[0].Value.Data().([]float64)
		for j := range wa {
			if math.Float64bits(wa[j]) != math.Float64bits(wb[j]) {
				t.Fatalf("iteration %d: w[%d] %v and %v", i+9, j, wa[j], wb[j])
			}
		}
	}
}

// TestLBFGSRejectsBadState checks that corrupt and foreign states are
// errors, as are parameters that do not fit the restored history.
func TestLBFGSRejectsBadState(t *testing.T) {
	x0 := []float64{-1.2, 1, -1.2, 1}
	a, ga, ea := lbfgsRun(t, x0)
	for i := 0; i < 3; i++ {
		step(t, a, ga, ea)
	}
	good, _ := a.State()
	adam, _ := solvers.New("adam", nil)
	adamState, _ := adam.State()
	cases := []struct {
		name  string
		state []byte
		want  string
	}{
		{"truncated", good[:len(good)/2], "corrupt"},
		{"garbage", bytes.Repeat([]byte{0xff}, 40), "corrupt"},
		{"adam's", adamState, `solver "adam"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _, _ := lbfgsRun(t, x0)
			if err := b.Restore(c.state); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one mentioning %s", err, c.want)
			}
		})
	}
	t.Run("other size", func(t *testing.T) {
		b, _, _ := lbfgsRun(t, x0)
		if err := b.Restore(good); err != nil {
			t.Fatal(err)
		}
		gr, eval := objective([]float64{1, 2, 3}, rosenbrock)
		b.(solvers.NeedsObjective).SetObjective(eval)
		if err := b.Update(gr); err == nil || !strings.Contains(err.Error(), "history") {
			t.Fatalf("error %v, want one about the history", err)
		}
	})
	t.Run("no objective", func(t *testing.T) {
		s, _ := solvers.New("lbfgs", nil)
		if err := s.Update(fixedGradients(x0)); err == nil || !strings.Contains(err.Error(), "objective") {
			t.Fatalf("error %v, want one about the objective", err)
		}
	})
}

// TestAdamLBFGSSwitches checks that adam+lbfgs takes Adam steps, wants
// full batches from its switch on, and restores its phase.
func TestAdamLBFGSSwitches(t *testing.T) {
	x0 := []float64{-1.2, 1, -1.2, 1}
	s, err := solvers.New("adam+lbfgs", solvers.Hyper{"switch": 3, "lr": 1e-2})
	if err != nil {
		t.Fatal(err)
	}
	gr, eval := objective(x0, rosenbrock)
	s.(solvers.NeedsObjective).SetObjective(eval)
	fb := s.(solvers.FullBatch)
	for i := 0; i < 6; i++ {
		if want := i >= 3; fb.FullBatch() != want {
			t.Fatalf("before update %d FullBatch() = %v, want %v", i+1, fb.FullBatch(), want)
		}
		step(t, s, gr, eval)
	}
	state, _ := s.State()
	r, _ := solvers.New("adam+lbfgs", solvers.Hyper{"switch": 3})
	if err := r.Restore(state); err != nil {
		t.Fatal(err)
	}
	if !r.(solvers.FullBatch).FullBatch() {
		t.Error("restored solver is back in the Adam phase")
	}
	if _, err := solvers.New("adam+lbfgs", solvers.Hyper{"switch": 2.5}); err == nil {
		t.Error("switch 2.5 accepted")
	}
}

// TestLBFGSRefusesMinibatchGradients follows the docs in a plain loop but
// keeps the mini-batch loss after adam+lbfgs switches: the L-BFGS step
// must refuse it, naming the fix, rather than line-search a moving loss;
// the same loop with the loss rebuilt full-batch runs.
func TestLBFGSRefusesMinibatchGradients(t *testing.T) {
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}}
	pde := graph.Interior("pde", dom, func(f *graph.Fields) *graph.Node { return f.Sub(f.D("t"), f.D("x", "x")) })
	pde.Sampling = graph.Sampling{Pool: 64, Batch: 16}
	for _, rebuild := range []bool{false, true} {
		net, err := graph.NewMLP(graph.MLPConfig{Inputs: dom.Coords, Width: 4, Depth: 1, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		loss, err := graph.NewLoss(net, []graph.Term{pde}, graph.Options{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		s, err := solvers.New("adam+lbfgs", solvers.Hyper{"switch": 1})
		if err != nil {
			t.Fatal(err)
		}
		s.(solvers.NeedsObjective).SetObjective(func() (*graph.Gradients, error) { return loss.Compute() })
		var last error
		for i := 0; i < 3 && last == nil; i++ {
			if rebuild && s.(solvers.FullBatch).FullBatch() && i == 1 {
				if loss, err = graph.NewLoss(net, []graph.Term{pde}, graph.Options{Seed: 1, FullBatch: true}); err != nil {
					t.Fatal(err)
				}
			}
			gr, err := loss.Compute()
			if err != nil {
				t.Fatal(err)
			}
			last = s.Update(gr)
		}
		switch {
		case rebuild && last != nil:
			t.Errorf("with the loss rebuilt full-batch: %v", last)
		case !rebuild && (last == nil || !strings.Contains(last.Error(), "FullBatch: true")):
			t.Errorf("mini-batch gradients after the switch: error %v, want one naming Options.FullBatch", last)
		}
	}
}
