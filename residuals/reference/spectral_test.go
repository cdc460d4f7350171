package reference

import (
	"math"
	"testing"
)

// relL2At1 returns ‖a − b‖/‖b‖ over the last time row of two grids.
func relL2At1(a, b *Grid) float64 {
	nx := len(a.X)
	ra, rb := a.U[len(a.U)-nx:], b.U[len(b.U)-nx:]
	var d, n float64
	for i := range ra {
		d += (ra[i] - rb[i]) * (ra[i] - rb[i])
		n += rb[i] * rb[i]
	}
	return math.Sqrt(d / n)
}

// TestSpectralSelfConvergence halves dt and doubles the modes: the solution
// at t = 1 on the 512-point grid must change by less than 1e-7.
func TestSpectralSelfConvergence(t *testing.T) {
	ac, kdv := DefaultAllenCahn(), DefaultKdV()
	cases := []struct {
		name              string
		base, dt2, modes2 func(nx, nt int) (*Grid, error)
	}{
		{"allen-cahn", ac.Grid, AllenCahn{ac.Eps, ac.Gamma, ac.Modes, ac.Dt / 2}.Grid, AllenCahn{ac.Eps, ac.Gamma, 2 * ac.Modes, ac.Dt}.Grid},
		{"kdv", kdv.Grid, KdV{kdv.Advection, kdv.Dispersion, kdv.Modes, kdv.Dt / 2}.Grid, KdV{kdv.Advection, kdv.Dispersion, 2 * kdv.Modes, kdv.Dt}.Grid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base, err := c.base(512, 11)
			if err != nil {
				t.Fatal(err)
			}
			for name, f := range map[string]func(int, int) (*Grid, error){"dt/2": c.dt2, "2×modes": c.modes2} {
				g, err := f(512, 11)
				if err != nil {
					t.Fatal(err)
				}
				d := relL2At1(base, g)
				t.Logf("%s: %s changes u(·,1) by %.2g", c.name, name, d)
				if d > 1e-7 {
					t.Errorf("%s: %s changes u(·,1) by %.3g > 1e-7", c.name, name, d)
				}
			}
		})
	}
}

// TestSpectralInterpolation asks for a grid that is not a subset of the
// solver's points: the band-limited initial condition cos πx must come back
// to round-off.
func TestSpectralInterpolation(t *testing.T) {
	g, err := KdV{Advection: 1, Dispersion: 0.022 * 0.022, Modes: 64, Dt: 1e-3}.Grid(37, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range g.X {
		if d := math.Abs(g.U[i] - math.Cos(math.Pi*x)); d > 1e-12 {
			t.Errorf("u(%v, 0) = %v, want cos πx = %v", x, g.U[i], math.Cos(math.Pi*x))
		}
	}
	if !g.Periodic || g.Period != 2 || g.X[0] != -1 || g.X[36] >= 1 {
		t.Errorf("periodic grid: %v %v %v..%v", g.Periodic, g.Period, g.X[0], g.X[36])
	}
}
