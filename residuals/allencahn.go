package residuals

import (
	"math"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// AllenCahn is the Allen–Cahn equation of the PDE-aware optimizer paper:
//
//	u_t − 10⁻⁴ u_xx + 5u³ − 5u = 0,  x ∈ [−1, 1), t ∈ [0, 1],
//	u(x, 0) = x² cos(πx),  u periodic in x,
//
// scored against a Fourier pseudo-spectral ETDRK4 solution. Its fronts are
// about √(2·10⁻⁴/5) ≈ 0.006 wide.
//
// It has no hard-constraint transform on purpose: x² cos(πx) has u_x = ±2
// at x = ∓1, so u = u₀ + t·N would carry that jump of u_x across the
// periodic boundary for all t, while the solution is smooth there for
// t > 0. Its initial condition stays a (heavily weighted) soft term.
func AllenCahn() Problem {
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}}
	ic := graph.Initial("ic", dom, "t", func(f *graph.Fields) *graph.Node {
		x := f.X("x")
		return f.Sub(f.U(), f.Mul(f.Square(x), f.Cos(f.Scale(math.Pi, x))))
	})
	ic.Sampling = graph.Sampling{Batch: 512}
	bc := graph.Periodic("bc", dom, "x", 1)
	bc.Sampling = graph.Sampling{Batch: 256}
	return Problem{
		Name:    "allen-cahn",
		Summary: "u_t − 1e-4 u_xx + 5u³ − 5u = 0, u(x,0) = x² cos πx, periodic in x ∈ [−1,1)",
		Domain:  dom,
		Residual: func(f *graph.Fields) *graph.Node {
			u := f.U()
			return f.Add(f.Sub(f.D("t"), f.Scale(1e-4, f.D("x", "x"))), f.Scale(5, f.Sub(f.Pow(u, 3), u)))
		},
		Interior:   graph.Sampling{Batch: 1024},
		Conditions: []graph.Term{ic, bc},
		Reference:  func(nx, nt int) (*reference.Grid, error) { return reference.Cached("", "allen-cahn", nx, nt) },
		Grid:       [2]int{512, 201},
		Periodic:   &Periodicity{Coord: "x", Period: 2, Term: "bc"},
	}
}
