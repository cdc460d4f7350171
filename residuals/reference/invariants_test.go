package reference

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/dsp/fourier"
)

// rows returns the time rows of a grid.
func rows(g *Grid) [][]float64 {
	var out [][]float64
	for j := range g.T {
		out = append(out, g.U[j*len(g.X):(j+1)*len(g.X)])
	}
	return out
}

// TestKdVConservesMassAndMomentum checks ∫u dx and ∫u² dx over t ∈ [0, 1];
// the periodic trapezoidal rule is exact for the band-limited solution.
func TestKdVConservesMassAndMomentum(t *testing.T) {
	g, err := DefaultKdV().Grid(512, 21)
	if err != nil {
		t.Fatal(err)
	}
	dx := g.Period / float64(len(g.X))
	var m0, q0, worstM, worstQ float64
	for j, row := range rows(g) {
		var m, q float64
		for _, u := range row {
			m += u * dx
			q += u * u * dx
		}
		if j == 0 {
			m0, q0 = m, q
		}
		worstM = math.Max(worstM, math.Abs(m-m0))
		worstQ = math.Max(worstQ, math.Abs(q-q0)/q0)
	}
	t.Logf("KdV drift over t ∈ [0,1]: ∫u %.2g (absolute, ∫u(0) = %.2g), ∫u² %.2g (relative)", worstM, m0, worstQ)
	if worstM > 1e-8 || worstQ > 1e-8 {
		t.Errorf("KdV drift: ∫u %.3g, ∫u² %.3g; want ≤ 1e-8", worstM, worstQ)
	}
}

// TestAllenCahnEnergyDecreases checks the Lyapunov functional
// E = ∫ ε/2 u_x² + γ/4 (u² − 1)² dx of u_t = ε u_xx + γ(u − u³).
func TestAllenCahnEnergyDecreases(t *testing.T) {
	ac := DefaultAllenCahn()
	g, err := ac.Grid(1024, 51)
	if err != nil {
		t.Fatal(err)
	}
	n := len(g.X)
	fft := fourier.NewFFT(n)
	dx := g.Period / float64(n)
	prev := math.Inf(1)
	for j, row := range rows(g) {
		c := fft.Coefficients(nil, row)
		for k := range c {
			kk := 2 * math.Pi / g.Period * float64(k)
			if k == n/2 {
				kk = 0
			}
			c[k] *= complex(0, kk) / complex(float64(n), 0)
		}
		ux := fft.Sequence(nil, c)
		var e float64
		for i, u := range row {
			e += (ac.Eps/2*ux[i]*ux[i] + ac.Gamma/4*(u*u-1)*(u*u-1)) * dx
		}
		if e > prev+1e-12 {
			t.Errorf("energy rose from %.15g to %.15g at t = %v", prev, e, g.T[j])
		}
		prev = e
	}
}
