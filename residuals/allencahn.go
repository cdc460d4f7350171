package residuals

import (
	"fmt"
	"math"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// AllenCahn is the Allen–Cahn equation of the PDE-aware optimizer paper:
//
//	u_t − D u_xx + R (u³ − u) = 0,  x ∈ [−1, 1), t ∈ [0, 1],
//	u(x, 0) = x² cos(πx),  u periodic in x,
//
// with diffusion D = 10⁻⁴ and reaction R = 5 in the benchmark, scored
// against a Fourier pseudo-spectral ETDRK4 solution with the same
// coefficients. Its fronts are about √(2D/R) ≈ 0.006 wide.
//
// It has no hard-constraint transform on purpose: x² cos(πx) has u_x = ±2
// at x = ∓1, so u = u₀ + t·N would carry that jump of u_x across the
// periodic boundary for all t, while the solution is smooth there for
// t > 0. Its initial condition stays a (heavily weighted) soft term.
type AllenCahn struct {
	Diffusion float64 `json:"diffusion"` // D ≥ 0
	Reaction  float64 `json:"reaction"`  // R
}

// Validate checks the coefficients: D ≥ 0, or the heat operator runs backwards.
func (a AllenCahn) Validate() error { return nonNegative("allen-cahn", "diffusion", a.Diffusion) }

// Problem returns the equation with its residual and reference.
func (a AllenCahn) Problem() Problem {
	ref := reference.DefaultAllenCahn()
	ref.Eps, ref.Gamma = a.Diffusion, a.Reaction
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}, Time: "t"}
	ic := graph.Initial("ic", dom, dom.Time, func(f *graph.Fields) *graph.Node {
		x := f.X("x")
		return f.Sub(f.U(), f.Mul(f.Square(x), f.Cos(f.Scale(math.Pi, x))))
	})
	ic.Sampling = graph.Sampling{Batch: 512}
	bc := graph.Periodic("bc", dom, "x", 1)
	bc.Sampling = graph.Sampling{Batch: 256}
	return Problem{
		Name:    "allen-cahn",
		Summary: fmt.Sprintf("u_t − D u_xx + R(u³ − u) = 0, u(x,0) = x² cos πx, periodic in x ∈ [−1,1); D = %.6g, R = %.6g", a.Diffusion, a.Reaction),
		Domain:  dom,
		Residual: func(f *graph.Fields) *graph.Node {
			u := f.U()
			return f.Add(f.Sub(f.D("t"), f.Scale(a.Diffusion, f.D("x", "x"))), f.Scale(a.Reaction, f.Sub(f.Pow(u, 3), u)))
		},
		Interior:   graph.Sampling{Batch: 1024},
		Conditions: []graph.Term{ic, bc},
		Reference:  cached(ref),
		Grid:       [2]int{512, 201},
		Periodic:   &Periodicity{Coord: "x", Period: 2, Term: "bc"},
	}
}
