package residuals

import (
	"math"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// KdV is the Korteweg–de Vries equation of the PDE-aware optimizer paper
// (the Zabusky–Kruskal set-up):
//
//	u_t + u u_x + 0.022² u_xxx = 0,  x ∈ [−1, 1), t ∈ [0, 1],
//	u(x, 0) = cos(πx),  u periodic in x,
//
// scored against a Fourier pseudo-spectral ETDRK4 solution. The initial
// condition is smooth and periodic with all its derivatives, so the hard
// transform u = cos(πx) + t·N(x, t) keeps u exactly periodic under a
// Fourier embedding.
func KdV() Problem {
	const delta = 0.022
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}}
	u0 := func(g *graph.Graph, x *graph.Node) *graph.Node { return g.Cos(g.Scale(math.Pi, x)) }
	ic := graph.Initial("ic", dom, "t", func(f *graph.Fields) *graph.Node { return f.Sub(f.U(), u0(f.Graph, f.X("x"))) })
	ic.Sampling = graph.Sampling{Batch: 512}
	bc := graph.Periodic("bc", dom, "x", 2)
	bc.Sampling = graph.Sampling{Batch: 256}
	return Problem{
		Name:    "kdv",
		Summary: "u_t + u u_x + 0.022² u_xxx = 0, u(x,0) = cos πx, periodic in x ∈ [−1,1)",
		Domain:  dom,
		Residual: func(f *graph.Fields) *graph.Node {
			return f.Add(f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))), f.Scale(delta*delta, f.D("x", "x", "x")))
		},
		Interior:   graph.Sampling{Batch: 1024},
		Conditions: []graph.Term{ic, bc},
		Reference:  func(nx, nt int) (*reference.Grid, error) { return reference.Cached("", "kdv", nx, nt) },
		Grid:       [2]int{512, 201},
		Periodic:   &Periodicity{Coord: "x", Period: 2, Term: "bc"},
		Hard: &Hard{
			Transform: initialValue("t", 0, func(g *graph.Graph, in map[string]*graph.Node) *graph.Node { return u0(g, in["x"]) }),
			Replaces:  []string{"ic"},
		},
	}
}
