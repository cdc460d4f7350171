package residuals

import (
	"math"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// Burgers is the viscous Burgers equation of the PDE-aware optimizer paper:
//
//	u_t + u u_x − (0.01/π) u_xx = 0,  x ∈ [−1, 1], t ∈ [0, 1],
//	u(x, 0) = −sin(πx),  u(±1, t) = 0,
//
// scored against the Cole–Hopf solution.
func Burgers() Problem {
	nu := 0.01 / math.Pi
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}}
	ic := graph.Initial("ic", dom, "t", func(f *graph.Fields) *graph.Node {
		return f.Add(f.U(), f.Sin(f.Scale(math.Pi, f.X("x"))))
	})
	ic.Sampling = graph.Sampling{Pool: 1000}
	bc := graph.Dirichlet("bc", dom, "x", func(f *graph.Fields) *graph.Node { return f.U() })
	bc.Sampling = graph.Sampling{Pool: 1000}
	return Problem{
		Name:    "burgers",
		Summary: "u_t + u u_x − (0.01/π) u_xx = 0, u(x,0) = −sin πx, u(±1,t) = 0",
		Domain:  dom,
		Residual: func(f *graph.Fields) *graph.Node {
			return f.Sub(f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))), f.Scale(nu, f.D("x", "x")))
		},
		Interior:   graph.Sampling{Pool: 10000, Batch: 1024},
		Conditions: []graph.Term{ic, bc},
		Reference:  func(nx, nt int) (*reference.Grid, error) { return reference.Cached("", "burgers", nx, nt) },
		Grid:       [2]int{256, 101},
		Hard: &Hard{
			// u = −sin(πx) + t(1 − x²)N: both conditions hold exactly.
			Transform: func(g *graph.Graph, in map[string]*graph.Node, raw []*graph.Node) []*graph.Node {
				x := in["x"]
				u0 := g.Neg(g.Sin(g.Scale(math.Pi, x)))
				return []*graph.Node{g.Add(u0, g.Mul(g.Mul(in["t"], vanishing(g, x, -1, 1)), raw[0]))}
			},
			Replaces: []string{"ic", "bc"},
		},
	}
}
