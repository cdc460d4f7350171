package residuals_test

import (
	"math"
	"testing"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/residuals/reference"
)

// observations returns the data term's points of p.
func observations(t *testing.T, p residuals.Problem) graph.Points {
	t.Helper()
	for _, c := range p.Conditions {
		if c.Name == "data" {
			pts, err := c.Sample(graph.NewSource(1, graph.Uniform), residuals.BurgersObservations)
			if err != nil {
				t.Fatal(err)
			}
			return pts[0]
		}
	}
	t.Fatal("no data term")
	return nil
}

// TestBurgersInverseObservations checks that the clean observations are
// the Cole–Hopf solution at their points, inside the domain, and that the
// noisy ones differ from them by noise of the requested relative size.
func TestBurgersInverseObservations(t *testing.T) {
	clean := observations(t, residuals.BurgersInverse{Nu: 0.01 / math.Pi}.Problem())
	if n := clean.Len(); n != residuals.BurgersObservations {
		t.Fatalf("%d observations, want %d", n, residuals.BurgersObservations)
	}
	exact := reference.NewBurgers(0.01/math.Pi, 250)
	for i := 0; i < clean.Len(); i += 97 {
		x, tt, u := clean["x"][i], clean["t"][i], clean["u_obs"][i]
		if x < -1 || x > 1 || tt < 0 || tt > 1 {
			t.Fatalf("observation %d at (%v, %v), outside the domain", i, x, tt)
		}
		if want := exact.U(x, tt); math.Abs(u-want) > 1e-14 {
			t.Errorf("u(%v, %v) observed %v, Cole–Hopf %v", x, tt, u, want)
		}
	}
	const level = 0.01
	p := residuals.BurgersInverse{Nu: 0.01 / math.Pi}.Problem()
	noisy := observations(t, p.Noisy(level))
	var mean, sq, noise float64
	u := clean["u_obs"]
	for i, v := range u {
		mean += v / float64(len(u))
		d := noisy["u_obs"][i] - v
		noise += d * d / float64(len(u))
		if noisy["x"][i] != clean["x"][i] || noisy["t"][i] != clean["t"][i] {
			t.Fatalf("noisy observation %d at other coordinates", i)
		}
	}
	for _, v := range u {
		sq += (v - mean) * (v - mean) / float64(len(u))
	}
	// 2,000 normal samples: the sample deviation is within 5 % of σ with
	// probability above 0.998.
	if rel := math.Sqrt(noise/sq) / level; math.Abs(rel-1) > 0.05 {
		t.Errorf("noise of %.4g·std(u), want %g", rel*level, level)
	}
	again := observations(t, p.Noisy(level))
	if again["u_obs"][5] != noisy["u_obs"][5] {
		t.Error("the same noise level gave other data")
	}
}

// TestBurgersInverseUnknowns checks that the built network carries λ₁
// and λ₂ after its weights, starting where the paper starts, and that the
// residual at the true coefficients is Burgers' residual.
func TestBurgersInverseUnknowns(t *testing.T) {
	p := residuals.BurgersInverse{Nu: 0.01 / math.Pi}.Problem()
	m, err := p.Build(residuals.Setup{Network: graph.MLPConfig{Width: 8, Depth: 2, Seed: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		u    graph.Unknown
		want float64
	}{{p.Unknowns[0], 0}, {p.Unknowns[1], math.Exp(-6)}} {
		v, err := graph.UnknownValue(m.Net, c.u)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(v[0]-c.want) > 1e-15 {
			t.Errorf("%s starts at %v, want %v", c.u.Name, v[0], c.want)
		}
	}
	// Set λ₁ = 1 and λ₂ = 0.01/π: the pde term's loss is then Burgers'.
	for _, prm := range m.Net.Params() {
		switch prm.Name {
		case "lambda1":
			prm.Value.Data().([]float64)[0] = 1
		case "lambda2":
			prm.Value.Data().([]float64)[0] = math.Log(0.01 / math.Pi)
		}
	}
	burgers := residuals.Burgers{Nu: 0.01 / math.Pi}.Problem()
	pde := m.Terms[0]
	plain := graph.Interior("pde", p.Domain, burgers.Residual)
	plain.Sampling = pde.Sampling
	var losses [2]float64
	for i, term := range []graph.Term{pde, plain} {
		l, err := graph.NewLoss(m.Net, []graph.Term{term}, graph.Options{Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		gr, err := l.Compute()
		if err != nil {
			t.Fatal(err)
		}
		losses[i] = gr.Loss
	}
	if d := math.Abs(losses[0]-losses[1]) / losses[1]; d > 1e-12 {
		t.Errorf("residual loss %v at the true coefficients, Burgers' %v", losses[0], losses[1])
	}
}

// TestBurgersInverseOtherViscosity checks that -set pde.nu changes the
// observed solution and λ₂'s true value together.
func TestBurgersInverseOtherViscosity(t *testing.T) {
	const nu = 0.005
	p, err := residuals.LookupWith("burgers-inverse", map[string]float64{"nu": nu})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Unknowns[1].True[0]; got != nu {
		t.Errorf("lambda2's true value %v, want %v", got, nu)
	}
	obs := observations(t, p)
	exact := reference.NewBurgers(nu, 250)
	if x, tt := obs["x"][3], obs["t"][3]; obs["u_obs"][3] != exact.U(x, tt) {
		t.Errorf("u(%v, %v) observed %v, Cole–Hopf for ν = %v %v", x, tt, obs["u_obs"][3], nu, exact.U(x, tt))
	}
}
