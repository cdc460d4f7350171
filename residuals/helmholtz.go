package residuals

import (
	"fmt"
	"math"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// Helmholtz is the standard 2D Helmholtz benchmark used by AutoBalance:
//
//	u_xx + u_yy + k² u = q(x, y) on [−1, 1]², u = 0 on the boundary,
//	q = (k² − 17π²) sin(πx) sin(4πy),
//
// with k = 1 in the benchmark, whose solution is u = sin(πx) sin(4πy) for
// every k. The hard transform u = (1 − x²)(1 − y²) N(x, y) satisfies the
// boundary condition exactly.
type Helmholtz struct {
	K float64 `json:"k"` // wavenumber k
}

// Validate accepts every finite k: the solution is the same.
func (Helmholtz) Validate() error { return nil }

// Problem returns the equation with its residual and reference.
func (h Helmholtz) Problem() Problem {
	ref := reference.DefaultHelmholtz()
	ref.K = h.K
	k, a1, a2 := ref.K, ref.A1*math.Pi, ref.A2*math.Pi
	dom := graph.Domain{Coords: []string{"x", "y"}, Min: []float64{-1, -1}, Max: []float64{1, 1}}
	zero := func(f *graph.Fields) *graph.Node { return f.U() }
	bcx := graph.Dirichlet("bc_x", dom, "x", zero)
	bcx.Sampling = graph.Sampling{Batch: 256}
	bcy := graph.Dirichlet("bc_y", dom, "y", zero)
	bcy.Sampling = graph.Sampling{Batch: 256}
	return Problem{
		Name:    "helmholtz",
		Summary: fmt.Sprintf("u_xx + u_yy + k² u = q on [−1,1]², u = sin πx sin 4πy, u = 0 on the boundary; k = %.6g", k),
		Domain:  dom,
		Residual: func(f *graph.Fields) *graph.Node {
			s := f.Mul(f.Sin(f.Scale(a1, f.X("x"))), f.Sin(f.Scale(a2, f.X("y"))))
			q := f.Scale(k*k-(ref.A1*ref.A1+ref.A2*ref.A2)*math.Pi*math.Pi, s)
			return f.Sub(f.Add(f.Add(f.D("x", "x"), f.D("y", "y")), f.Scale(k*k, f.U())), q)
		},
		Interior:   graph.Sampling{Batch: 1024},
		Conditions: []graph.Term{bcx, bcy},
		Reference:  cached(ref),
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
