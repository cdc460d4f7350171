package graph_test

import (
	"fmt"
	"math"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/solvers"
)

// ExampleUnknown learns the coefficient k of u_x = k u on [0, 1] from
// eleven samples of u = e^{x/2}: k is declared on the network, read in the
// residual with Fields.Unknown, and trained with the weights by L-BFGS.
func ExampleUnknown() {
	dom := graph.Domain{Coords: []string{"x"}, Min: []float64{0}, Max: []float64{1}}
	obs := graph.Points{"x": nil, "u_obs": nil}
	for i := 0; i <= 10; i++ {
		x := float64(i) / 10
		obs["x"], obs["u_obs"] = append(obs["x"], x), append(obs["u_obs"], math.Exp(x/2))
	}
	data := graph.Data("data", obs, func(f *graph.Fields) *graph.Node { return f.Sub(f.U(), f.X("u_obs")) })
	pde := graph.Interior("pde", dom, func(f *graph.Fields) *graph.Node {
		return f.Sub(f.D("x"), f.Mul(f.Unknown("k"), f.U()))
	})
	pde.Sampling = graph.Sampling{Pool: 64}

	k := graph.Unknown{Name: "k", True: []float64{0.5}} // starts at 0
	net, _ := graph.NewMLP(graph.MLPConfig{Inputs: dom.Coords, Width: 8, Depth: 1, Seed: 1, Unknowns: []graph.Unknown{k}})
	// L-BFGS evaluates the loss at trial points of its line search: the
	// loss keeps its points (FullBatch) and is its objective.
	loss, err := graph.NewLoss(net, []graph.Term{pde, data}, graph.Options{Seed: 1, FullBatch: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	lbfgs, _ := solvers.New("lbfgs", nil)
	lbfgs.(solvers.NeedsObjective).SetObjective(loss.Compute)
	for step := 0; step < 200; step++ {
		gr, err := loss.Compute()
		if err != nil {
			fmt.Println(err)
			return
		}
		if err := lbfgs.Update(gr); err != nil {
			fmt.Println(err)
			return
		}
	}
	v, _ := graph.UnknownValue(net, k)
	fmt.Printf("k = %.4f (true %g)\n", v[0], k.True[0])
	// Output: k = 0.5000 (true 0.5)
}
