package graph_test

import (
	"fmt"
	"math"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/solvers"
)

// Example defines the Burgers equation as a residual of u and its nested
// derivatives, with its initial and boundary conditions, and trains it.
func Example() {
	nu := 0.01 / math.Pi
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}}
	pde := graph.Interior("pde", dom, func(f *graph.Fields) *graph.Node { // u_t + u u_x − ν u_xx
		return f.Sub(f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))), f.Scale(nu, f.D("x", "x")))
	})
	pde.Sampling = graph.Sampling{Pool: 2000, Batch: 256}
	ic := graph.Initial("ic", dom, "t", func(f *graph.Fields) *graph.Node { // u(x,0) = −sin πx
		return f.Add(f.U(), f.Sin(f.Scale(math.Pi, f.X("x"))))
	})
	ic.Sampling = graph.Sampling{Pool: 200}
	bc := graph.Dirichlet("bc", dom, "x", func(f *graph.Fields) *graph.Node { return f.U() })
	bc.Sampling = graph.Sampling{Pool: 200}

	net, _ := graph.NewMLP(graph.MLPConfig{Inputs: dom.Coords, Width: 20, Depth: 3, Seed: 1})
	loss, _ := graph.NewLoss(net, []graph.Term{pde, ic, bc}, graph.Options{Seed: 1})
	adam, _ := solvers.New("adam", solvers.Hyper{"lr": 3e-3})
	var first, last float64
	for step := 0; step < 300; step++ {
		gr, err := loss.Compute() // every term's loss and parameter gradient
		if err != nil {
			fmt.Println(err)
			return
		}
		if step == 0 {
			first = gr.Loss
		}
		last = gr.Loss
		if err := adam.Update(gr); err != nil {
			fmt.Println(err)
			return
		}
		loss.Next() // the next minibatch of collocation points
	}
	fmt.Printf("terms %v, loss fell more than 3x: %v\n", loss.Terms(), last < first/3)
	// Output: terms [pde ic bc], loss fell more than 3x: true
}

// ExampleOptions_shards splits a term of 2,048 points into four graphs
// evaluated at once, one per core on a 4-core machine: the loss is the
// whole term's to rounding.
func ExampleOptions_shards() {
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}}
	heat := graph.Interior("pde", dom, func(f *graph.Fields) *graph.Node { // u_t − u_xx
		return f.Sub(f.D("t"), f.D("x", "x"))
	})
	heat.Sampling = graph.Sampling{Batch: 2048}
	losses := map[int]float64{}
	for _, shards := range []int{1, 4} {
		net, _ := graph.NewMLP(graph.MLPConfig{Inputs: dom.Coords, Width: 16, Depth: 2, Seed: 1})
		loss, err := graph.NewLoss(net, []graph.Term{heat}, graph.Options{Seed: 1, Shards: shards})
		if err != nil {
			fmt.Println(err)
			return
		}
		gr, err := loss.Compute()
		if err != nil {
			fmt.Println(err)
			return
		}
		losses[shards] = gr.Loss
	}
	fmt.Printf("same loss to 1e-12: %v\n", math.Abs(losses[4]-losses[1]) < 1e-12*losses[1])
	// Output: same loss to 1e-12: true
}
