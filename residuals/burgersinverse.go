package residuals

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// BurgersObservations is the number of samples of u the Burgers inverse
// problem learns its coefficients from.
const BurgersObservations = 2000

// BurgersInverse is the data-driven discovery of Burgers' equation of
// Raissi, Perdikaris and Karniadakis (2019, section 4.1.1): learn λ₁ and λ₂ in
//
//	u_t + λ₁ u u_x − λ₂ u_xx = 0,  x ∈ [−1, 1], t ∈ [0, 1],
//
// from BurgersObservations samples of the Cole–Hopf solution with λ₁ = 1,
// λ₂ = Nu (0.01/π in the benchmark) at fixed points (a Latin hypercube
// with seed 7), with no initial or boundary condition. As in the paper,
// λ₁ starts at 0 and λ₂ at e⁻⁶, trained as its logarithm.
type BurgersInverse struct {
	Nu float64 `json:"nu"` // the viscosity of the observed solution, λ₂'s true value
}

// Validate checks that the Cole–Hopf solution exists: ν > 0.
func (b BurgersInverse) Validate() error { return positive("burgers-inverse", "nu", b.Nu) }

// Problem returns the problem with clean observations.
func (b BurgersInverse) Problem() Problem { return b.observed(0) }

// observed returns the problem with relative observation noise.
func (b BurgersInverse) observed(noise float64) Problem {
	nu := b.Nu
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}, Time: "t"}
	exact := reference.NewBurgers(nu, 250)
	obs := burgersObservations(exact, noise)
	data := graph.Data("data", obs, func(f *graph.Fields) *graph.Node { return f.Sub(f.U(), f.X("u_obs")) })
	summary := fmt.Sprintf("u_t + λ₁ u u_x − λ₂ u_xx = 0, λ₁ and λ₂ unknown, u observed at %d points", BurgersObservations)
	if noise > 0 {
		summary += fmt.Sprintf(" with %g %% noise", 100*noise)
	}
	return Problem{
		Name:    "burgers-inverse",
		Summary: summary,
		Domain:  dom,
		Residual: func(f *graph.Fields) *graph.Node {
			advection := f.Mul(f.Unknown("lambda1"), f.Mul(f.U(), f.D("x")))
			return f.Sub(f.Add(f.D("t"), advection), f.Mul(f.Unknown("lambda2"), f.D("x", "x")))
		},
		Interior:   graph.Sampling{Pool: BurgersObservations},
		Conditions: []graph.Term{data},
		Reference:  cached(exact),
		Grid:       [2]int{256, 101},
		Unknowns: []graph.Unknown{
			{Name: "lambda1", Init: []float64{0}, True: []float64{1}},
			{Name: "lambda2", Init: []float64{math.Exp(-6)}, True: []float64{nu}, Positive: true},
		},
		Noisy: b.observed,
	}
}

// burgersObservations samples the Cole–Hopf solution at the problem's
// points, adding Gaussian noise of standard deviation noise·std(u) from a
// fixed seed, so that a noise level always gives the same data.
func burgersObservations(exact *reference.Burgers, noise float64) graph.Points {
	obs := graph.Points{"x": nil, "t": nil, "u_obs": nil}
	for _, p := range graph.NewSource(7, graph.LatinHypercube).Cube(BurgersObservations, 2) {
		x, t := -1+2*p[0], p[1]
		obs["x"] = append(obs["x"], x)
		obs["t"] = append(obs["t"], t)
		obs["u_obs"] = append(obs["u_obs"], exact.U(x, t))
	}
	if noise > 0 {
		u := obs["u_obs"]
		var mean, sq float64
		for _, v := range u {
			mean += v / float64(len(u))
		}
		for _, v := range u {
			sq += (v - mean) * (v - mean) / float64(len(u))
		}
		rng := rand.New(rand.NewPCG(7, 8))
		for i := range u {
			u[i] += noise * math.Sqrt(sq) * rng.NormFloat64()
		}
	}
	return obs
}
