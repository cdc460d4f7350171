package residuals

import (
	"fmt"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// PoissonObservations is the number of interior points at which the
// Poisson inverse problem observes u.
const PoissonObservations = 2000

// PoissonInverse is a 2D Poisson inverse problem: recover the unknown
// source q of
//
//	−(u_xx + u_yy) = q(x, y) on [−1, 1]², u = 0 on the boundary,
//
// from PoissonObservations noise-free observations of u at fixed interior
// points (a Latin hypercube with seed 7). The exact pair is
// u = sin(πx) sin(πy), q = 2π² sin(πx) sin(πy). The network has two
// outputs, u and q; the residual ties them together, the data term fits u,
// and q is scored as the recovered Field. The hard transform
// u = (1 − x²)(1 − y²) N₀ satisfies the boundary condition exactly and
// leaves q = N₁ free. It has no coefficients.
type PoissonInverse struct{}

// Validate accepts the problem, which has no coefficients.
func (PoissonInverse) Validate() error { return nil }

// Problem returns the problem with its residual and reference.
func (PoissonInverse) Problem() Problem {
	dom := graph.Domain{Coords: []string{"x", "y"}, Min: []float64{-1, -1}, Max: []float64{1, 1}}
	exact := reference.PoissonInverse{}
	obs := graph.Points{"x": nil, "y": nil, "u_obs": nil}
	for _, p := range graph.NewSource(7, graph.LatinHypercube).Cube(PoissonObservations, 2) {
		x, y := -1+2*p[0], -1+2*p[1]
		obs["x"] = append(obs["x"], x)
		obs["y"] = append(obs["y"], y)
		obs["u_obs"] = append(obs["u_obs"], exact.U(x, y))
	}
	data := graph.Data("data", obs, func(f *graph.Fields) *graph.Node { return f.Sub(f.U(), f.X("u_obs")) })
	zero := func(f *graph.Fields) *graph.Node { return f.U() }
	bcx := graph.Dirichlet("bc_x", dom, "x", zero)
	bcx.Sampling = graph.Sampling{Batch: 256}
	bcy := graph.Dirichlet("bc_y", dom, "y", zero)
	bcy.Sampling = graph.Sampling{Batch: 256}
	return Problem{
		Name:    "poisson-inverse",
		Summary: fmt.Sprintf("−Δu = q on [−1,1]², q unknown (output 1), u observed at %d interior points, u = 0 on the boundary", PoissonObservations),
		Domain:  dom,
		Residual: func(f *graph.Fields) *graph.Node {
			return f.Sub(f.Neg(f.Add(f.D("x", "x"), f.D("y", "y"))), f.Out(1))
		},
		Interior:   graph.Sampling{Batch: 1024},
		Conditions: []graph.Term{data, bcx, bcy},
		Reference:  cached(exact),
		Grid:       [2]int{201, 201},
		Outputs:    2,
		Field:      &Field{Name: "q", Output: 1, Reference: ClosedForm(dom, exact.Q)},
		Hard: &Hard{
			Transform: func(g *graph.Graph, in map[string]*graph.Node, raw []*graph.Node) []*graph.Node {
				box := g.Mul(vanishing(g, in["x"], -1, 1), vanishing(g, in["y"], -1, 1))
				return []*graph.Node{g.Mul(box, raw[0]), raw[1]}
			},
			Replaces: []string{"bc_x", "bc_y"},
		},
	}
}
