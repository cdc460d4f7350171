package residuals

import (
	"fmt"
	"math"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// ReactionDiffusion is the 1D reaction–diffusion benchmark of Krishnapriyan
// et al. (2021) used by AutoBalance, with ν = ρ = 5 in the benchmark:
//
//	u_t − ν u_xx − ρ u(1 − u) = 0,  x ∈ [0, 2π), t ∈ [0, 1],
//	u(x, 0) = exp(−(x − π)² / (2(π/4)²)),  u periodic in x,
//
// scored against exact operator splitting with the same coefficients (the
// logistic step in closed form, the diffusion step exact in Fourier
// space). The initial Gaussian
// takes the same value e⁻⁸ at both ends, so the hard transform
// u = u₀(x) + t·N(x, t) is periodic under a Fourier embedding; its slope
// differs by 2·(16/π)e⁻⁸ ≈ 3e-3 across the boundary, far below the target
// error.
type ReactionDiffusion struct {
	Nu  float64 `json:"nu"`  // diffusion ν ≥ 0
	Rho float64 `json:"rho"` // reaction ρ
}

// Validate checks the coefficients: ν ≥ 0, or the heat operator runs backwards.
func (r ReactionDiffusion) Validate() error { return nonNegative("reaction-diffusion", "nu", r.Nu) }

// Problem returns the equation with its residual and reference.
func (r ReactionDiffusion) Problem() Problem {
	nu, rho := r.Nu, r.Rho
	ref := reference.DefaultReactionDiffusion()
	ref.Nu, ref.Rho = nu, rho
	sigma := math.Pi / 4
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{0, 0}, Max: []float64{2 * math.Pi, 1}, Time: "t"}
	u0 := func(g *graph.Graph, x *graph.Node) *graph.Node {
		d := g.Shift(x, -math.Pi)
		return g.Exp(g.Scale(-1/(2*sigma*sigma), g.Square(d)))
	}
	ic := graph.Initial("ic", dom, dom.Time, func(f *graph.Fields) *graph.Node { return f.Sub(f.U(), u0(f.Graph, f.X("x"))) })
	ic.Sampling = graph.Sampling{Batch: 512}
	bc := graph.Periodic("bc", dom, "x", 1)
	bc.Sampling = graph.Sampling{Batch: 256}
	return Problem{
		Name:    "reaction-diffusion",
		Summary: fmt.Sprintf("u_t − ν u_xx − ρ u(1 − u) = 0, u(x,0) = exp(−(x−π)²/(2(π/4)²)), periodic in x ∈ [0,2π); ν = %.6g, ρ = %.6g", nu, rho),
		Domain:  dom,
		Residual: func(f *graph.Fields) *graph.Node {
			u := f.U()
			reaction := f.Scale(rho, f.Mul(u, f.Shift(f.Neg(u), 1)))
			return f.Sub(f.Sub(f.D("t"), f.Scale(nu, f.D("x", "x"))), reaction)
		},
		Interior:   graph.Sampling{Batch: 1024},
		Conditions: []graph.Term{ic, bc},
		Reference:  cached(ref),
		Grid:       [2]int{256, 101},
		Periodic:   &Periodicity{Coord: "x", Period: 2 * math.Pi, Term: "bc"},
		Hard: &Hard{
			Transform: initialValue(dom.Time, 0, func(g *graph.Graph, in map[string]*graph.Node) *graph.Node { return u0(g, in["x"]) }),
			Replaces:  []string{"ic"},
		},
	}
}
