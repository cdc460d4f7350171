package residuals

import (
	"fmt"
	"math"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// Burgers is the viscous Burgers equation of the PDE-aware optimizer paper:
//
//	u_t + u u_x − ν u_xx = 0,  x ∈ [−1, 1], t ∈ [0, 1],
//	u(x, 0) = −sin(πx),  u(±1, t) = 0,
//
// with ν = 0.01/π in the benchmark, scored against the Cole–Hopf solution
// for the same ν.
type Burgers struct {
	Nu float64 `json:"nu"` // viscosity ν > 0
}

// Validate checks that the Cole–Hopf reference exists: ν > 0.
func (b Burgers) Validate() error { return positive("burgers", "nu", b.Nu) }

// Problem returns the equation with its residual and reference.
func (b Burgers) Problem() Problem {
	nu := b.Nu
	ref := reference.NewBurgers(nu, 250)
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}, Time: "t"}
	ic := graph.Initial("ic", dom, dom.Time, func(f *graph.Fields) *graph.Node {
		return f.Add(f.U(), f.Sin(f.Scale(math.Pi, f.X("x"))))
	})
	ic.Sampling = graph.Sampling{Pool: 1000}
	bc := graph.Dirichlet("bc", dom, "x", func(f *graph.Fields) *graph.Node { return f.U() })
	bc.Sampling = graph.Sampling{Pool: 1000}
	return Problem{
		Name:    "burgers",
		Summary: fmt.Sprintf("u_t + u u_x − ν u_xx = 0, u(x,0) = −sin πx, u(±1,t) = 0; ν = %.6g", nu),
		Domain:  dom,
		Residual: func(f *graph.Fields) *graph.Node {
			return f.Sub(f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))), f.Scale(nu, f.D("x", "x")))
		},
		Interior:   graph.Sampling{Pool: 10000, Batch: 1024},
		Conditions: []graph.Term{ic, bc},
		Reference:  cached(ref),
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
