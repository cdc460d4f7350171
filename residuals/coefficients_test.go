package residuals_test

import (
	"math"
	"testing"

	"github.com/pinngo/pinn/residuals"
)

// coleHopf is u(x, t) of Burgers with viscosity nu by the trapezoid rule
// in η over ±12 standard deviations of the heat kernel, in log space: a
// quadrature independent of the reference's Gauss–Hermite nodes.
func coleHopf(nu, x, t float64) float64 {
	if t == 0 {
		return -math.Sin(math.Pi * x)
	}
	const n = 40000
	half := 12 * math.Sqrt(2*nu*t)
	h := 2 * half / n
	expo := func(eta float64) float64 {
		return -math.Cos(math.Pi*(x-eta))/(2*math.Pi*nu) - eta*eta/(4*nu*t)
	}
	big := math.Inf(-1)
	for i := 0; i <= n; i++ {
		big = math.Max(big, expo(-half+float64(i)*h))
	}
	var num, den float64
	for i := 0; i <= n; i++ {
		eta := -half + float64(i)*h
		w := math.Exp(expo(eta) - big)
		if i == 0 || i == n {
			w /= 2
		}
		num += math.Sin(math.Pi*(x-eta)) * w
		den += w
	}
	return -num / den
}

// TestBurgersReferenceFollowsNu checks what a run with pde.nu = ν is
// scored against: the Problem's reference must be the Cole–Hopf solution
// with that ν, checked against an independent quadrature, and closer to it
// than to the benchmark's ν = 0.01/π (which 0.00318 is within 0.1% of).
// Gauss–Hermite's 250 nodes leave about 1e-5 near the shock at x = 0.
func TestBurgersReferenceFollowsNu(t *testing.T) {
	const tol = 2e-6 // relative L2 against the quadrature
	for _, nu := range []float64{0.00318, 0.02} {
		p, err := residuals.LookupWith("burgers", map[string]float64{"nu": nu})
		if err != nil {
			t.Fatal(err)
		}
		g, err := p.Reference(41, 6)
		if err != nil {
			t.Fatal(err)
		}
		var d, dBench, n float64
		for j, tt := range g.T {
			for i, x := range g.X {
				u, want, bench := g.U[j*len(g.X)+i], coleHopf(nu, x, tt), coleHopf(0.01/math.Pi, x, tt)
				d += (u - want) * (u - want)
				dBench += (u - bench) * (u - bench)
				n += want * want
			}
		}
		rel, relBench := math.Sqrt(d/n), math.Sqrt(dBench/n)
		t.Logf("ν = %v: relative L2 %.2g to the quadrature with ν, %.2g to the benchmark's", nu, rel, relBench)
		if !(rel <= tol) || !(rel < relBench/2) {
			t.Errorf("ν = %v: relative L2 %.2g to the quadrature with ν (want ≤ %g), %.2g to the benchmark's", nu, rel, tol, relBench)
		}
	}
}

func TestLookupWithRejectsBadCoefficients(t *testing.T) {
	for _, c := range []struct {
		name string
		coef map[string]float64
	}{
		{"burgers", map[string]float64{"mu": 0.1}},
		{"burgers", map[string]float64{"nu": 0}},
		{"burgers", map[string]float64{"nu": math.NaN()}},
		{"allen-cahn", map[string]float64{"diffusion": -1}},
		{"poisson-inverse", map[string]float64{"k": 1}},
		{"nosuch", nil},
	} {
		if _, err := residuals.LookupWith(c.name, c.coef); err == nil {
			t.Errorf("%s %v: no error", c.name, c.coef)
		} else {
			t.Logf("%s %v: %v", c.name, c.coef, err)
		}
	}
}

func TestCoefficientsAreTheBenchmarks(t *testing.T) {
	want := map[string]map[string]float64{
		"burgers":            {"nu": 0.01 / math.Pi},
		"allen-cahn":         {"diffusion": 1e-4, "reaction": 5},
		"kdv":                {"advection": 1, "dispersion": 0.022 * 0.022},
		"reaction-diffusion": {"nu": 5, "rho": 5},
		"helmholtz":          {"k": 1},
		"poisson-inverse":    {},
		"burgers-inverse":    {"nu": 0.01 / math.Pi},
	}
	for _, name := range residuals.Names() {
		got, err := residuals.Coefficients(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want[name]) {
			t.Errorf("%s: coefficients %v, want %v", name, got, want[name])
		}
		for k, v := range want[name] {
			if got[k] != v {
				t.Errorf("%s: %s = %v, want %v", name, k, got[k], v)
			}
		}
	}
}
