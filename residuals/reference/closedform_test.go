package reference

import (
	"math"
	"testing"
)

// laplacian is a fourth-order central difference of Δf at (x, y).
func laplacian(f func(x, y float64) float64, x, y, h float64) float64 {
	d2 := func(g func(s float64) float64, s float64) float64 {
		return (-g(s+2*h) + 16*g(s+h) - 30*g(s) + 16*g(s-h) - g(s-2*h)) / (12 * h * h)
	}
	return d2(func(s float64) float64 { return f(s, y) }, x) + d2(func(s float64) float64 { return f(x, s) }, y)
}

// TestClosedFormsSolveTheirPDEs checks Δu + k²u = q (Helmholtz) and
// −Δu = q (Poisson) by finite differences at interior points.
func TestClosedFormsSolveTheirPDEs(t *testing.T) {
	hz, pi := DefaultHelmholtz(), PoissonInverse{}
	const h, tol = 1e-3, 1e-6
	for _, x := range []float64{-0.7, -0.1, 0.33, 0.8} {
		for _, y := range []float64{-0.55, 0.05, 0.6} {
			r1 := laplacian(hz.U, x, y, h) + hz.K*hz.K*hz.U(x, y) - hz.Q(x, y)
			r2 := -laplacian(pi.U, x, y, h) - pi.Q(x, y)
			if math.Abs(r1) > tol*170 || math.Abs(r2) > tol*20 {
				t.Errorf("(%v, %v): Helmholtz residual %.3g, Poisson residual %.3g", x, y, r1, r2)
			}
		}
	}
}

// TestReactionDiffusion checks splitting convergence in dt, and that with
// ν = 0 each point follows the logistic closed form.
func TestReactionDiffusion(t *testing.T) {
	r := DefaultReactionDiffusion()
	a, err := r.Grid(512, 11)
	if err != nil {
		t.Fatal(err)
	}
	half := r
	half.Dt /= 2
	b, err := half.Grid(512, 11)
	if err != nil {
		t.Fatal(err)
	}
	d := relL2At1(a, b)
	t.Logf("reaction-diffusion: dt/2 changes u(·,1) by %.2g", d)
	if d > 1e-7 {
		t.Errorf("halving dt changes u(·,1) by %.3g > 1e-7", d)
	}
	pure := ReactionDiffusion{Nu: 0, Rho: 5, Modes: 64, Dt: 1e-2}
	g, err := pure.Grid(64, 3)
	if err != nil {
		t.Fatal(err)
	}
	for i := range g.X {
		u0, u1 := g.U[i], g.U[2*64+i]
		want := u0 * math.Exp(5) / (1 - u0 + u0*math.Exp(5))
		if math.Abs(u1-want) > 1e-12 {
			t.Fatalf("x = %v: u(1) = %v, logistic closed form %v", g.X[i], u1, want)
		}
	}
}
