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
// λ₂ = 0.01/π at fixed points (a Latin hypercube with seed 7), with no
// initial or boundary condition. As in the paper, λ₁ starts at 0 and λ₂
// at e⁻⁶, trained as its logarithm.
func BurgersInverse() Problem { return burgersInverse(0) }

// burgersInverse is BurgersInverse with relative observation noise.
func burgersInverse(noise float64) Problem {
	nu := 0.01 / math.Pi
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}}
	obs := burgersObservations(nu, noise)
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
		Reference:  func(nx, nt int) (*reference.Grid, error) { return reference.Cached("", "burgers", nx, nt) },
		Grid:       [2]int{256, 101},
		Unknowns: []graph.Unknown{
			{Name: "lambda1", Init: []float64{0}, True: []float64{1}},
			{Name: "lambda2", Init: []float64{math.Exp(-6)}, True: []float64{nu}, Positive: true},
		},
		Noisy: burgersInverse,
	}
}

// burgersObservations samples the Cole–Hopf solution at the problem's
// points, adding Gaussian noise of standard deviation noise·std(u) from a
// fixed seed, so that a noise level always gives the same data.
func burgersObservations(nu, noise float64) graph.Points {
	exact := reference.NewBurgers(nu, 250)
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
