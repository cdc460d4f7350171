package residuals_test

import (
	"fmt"
	"math"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/solvers"
)

// Example_heat defines a PDE that is in no file of this package, the heat
// equation
//
//	u_t = κ u_xx on x ∈ [0, 1], t ∈ [0, 1], κ = 0.1,
//	u(x, 0) = sin(πx), u(0, t) = u(1, t) = 0,
//
// with its closed-form solution u = exp(−κπ²t) sin(πx) as the reference,
// trains it and scores it. The same Problem value could carry a hard
// constraint (Problem.Hard), a periodic coordinate (Problem.Periodic) or
// data terms (graph.Data) like the built-in problems.
func Example_heat() {
	const kappa = 0.1
	// Coordinates and domain.
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{0, 0}, Max: []float64{1, 1}, Time: "t"}
	// Initial and boundary conditions as residuals that vanish when they hold.
	ic := graph.Initial("ic", dom, dom.Time, func(f *graph.Fields) *graph.Node {
		return f.Sub(f.U(), f.Sin(f.Scale(math.Pi, f.X("x"))))
	})
	ic.Sampling = graph.Sampling{Batch: 64}
	bc := graph.Dirichlet("bc", dom, "x", func(f *graph.Fields) *graph.Node { return f.U() })
	bc.Sampling = graph.Sampling{Batch: 64}
	heat := residuals.Problem{
		Name:   "heat",
		Domain: dom,
		// The PDE residual, any derivative of u by coordinate names.
		Residual: func(f *graph.Fields) *graph.Node {
			return f.Sub(f.D("t"), f.Scale(kappa, f.D("x", "x")))
		},
		Interior:   graph.Sampling{Batch: 256}, // fresh points every step
		Conditions: []graph.Term{ic, bc},
		Reference: residuals.ClosedForm(dom, func(x, t float64) float64 {
			return math.Exp(-kappa*math.Pi*math.Pi*t) * math.Sin(math.Pi*x)
		}),
	}

	model, err := heat.Build(residuals.Setup{Network: graph.MLPConfig{Width: 16, Depth: 2, Seed: 1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	loss, err := graph.NewLoss(model.Net, model.Terms, graph.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	adam, err := solvers.New("adam", solvers.Hyper{"lr": 5e-3})
	if err != nil {
		fmt.Println(err)
		return
	}
	for step := 0; step < 1500; step++ {
		gr, err := loss.Compute()
		if err == nil {
			err = adam.Update(gr)
		}
		if err == nil {
			err = loss.Next()
		}
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	ev, err := experiments.NewEvaluator(heat, model.Net, 51, 21)
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := ev.Score()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("rel_l2 < 0.05:", s.RelL2 < 0.05)
	// Output: rel_l2 < 0.05: true
}
