package residuals

import (
	"math"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// Helmholtz is the standard 2D Helmholtz benchmark used by AutoBalance:
//
//	u_xx + u_yy + k² u = q(x, y) on [−1, 1]², k = 1, u = 0 on the boundary,
//	q = (k² − 17π²) sin(πx) sin(4πy),
//
// whose solution is u = sin(πx) sin(4πy). The hard transform
// u = (1 − x²)(1 − y²) N(x, y) satisfies the boundary condition exactly.
func Helmholtz() Problem {
	const k = 1.0
	dom := graph.Domain{Coords: []string{"x", "y"}, Min: []float64{-1, -1}, Max: []float64{1, 1}}
	zero := func(f *graph.Fields) *graph.Node { return f.U() }
	bcx := graph.Dirichlet("bc_x", dom, "x", zero)
	bcx.Sampling = graph.Sampling{Batch: 256}
	bcy := graph.Dirichlet("bc_y", dom, "y", zero)
	bcy.Sampling = graph.Sampling{Batch: 256}
	return Problem{
		Name:    "helmholtz",
		Summary: "u_xx + u_yy + u = q on [−1,1]², u = sin πx sin 4πy, u = 0 on the boundary",
		Domain:  dom,
		Residual: func(f *graph.Fields) *graph.Node {
			s := f.Mul(f.Sin(f.Scale(math.Pi, f.X("x"))), f.Sin(f.Scale(4*math.Pi, f.X("y"))))
			q := f.Scale(k*k-17*math.Pi*math.Pi, s)
			return f.Sub(f.Add(f.Add(f.D("x", "x"), f.D("y", "y")), f.Scale(k*k, f.U())), q)
		},
		Interior:   graph.Sampling{Batch: 1024},
		Conditions: []graph.Term{bcx, bcy},
		Reference:  func(nx, ny int) (*reference.Grid, error) { return reference.Cached("", "helmholtz", nx, ny) },
		Grid:       [2]int{201, 201},
		Hard: &Hard{
			Transform: func(g *graph.Graph, in map[string]*graph.Node, raw []*graph.Node) []*graph.Node {
				box := g.Mul(vanishing(g, in["x"], -1, 1), vanishing(g, in["y"], -1, 1))
				return []*graph.Node{g.Mul(box, raw[0])}
			},
			Replaces: []string{"bc_x", "bc_y"},
		},
	}
}
