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

// ExampleNewNormalized maps the time window [0.9, 1] of a network to
// [−1, 1]: the wrapped network at t = 0.95 is the raw one at t = 0, and
// its t-derivative carries the map's factor 2/0.1 = 20.
func ExampleNewNormalized() {
	raw, err := graph.NewMLP(graph.MLPConfig{Inputs: []string{"x", "t"}, Width: 16, Depth: 2, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	net, err := graph.NewNormalized(raw, map[string][2]float64{"t": {0.9, 1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	ut := func(f *graph.Fields) []*graph.Node { return []*graph.Node{f.U(), f.D("t")} }
	at := func(n graph.Network, t float64) [][]float64 {
		p, err := graph.NewPredictor(n, 1, ut)
		if err != nil {
			return nil
		}
		v, _ := p.Predict(graph.Points{"x": {0.3}, "t": {t}})
		return v
	}
	a, b := at(net, 0.95), at(raw, 0)
	if a == nil || b == nil {
		fmt.Println("prediction failed")
		return
	}
	fmt.Printf("u equal: %v, u_t ratio: %.6f\n", math.Abs(a[0][0]-b[0][0]) < 1e-14, a[1][0]/b[1][0])
	// Output: u equal: true, u_t ratio: 20.000000
}

// ExampleForcing solves −u_xx + log(1 + u²) = f on [0, 1] with u = 0 at
// both ends, the source f a Go function of x evaluated at every sampled
// point (here for the solution u = sin πx).
func ExampleForcing() {
	dom := graph.Domain{Coords: []string{"x"}, Min: []float64{0}, Max: []float64{1}}
	source := graph.Forcing{Name: "f", Coords: []string{"x"}, F: func(p []float64) float64 {
		u := math.Sin(math.Pi * p[0])
		return math.Pi*math.Pi*u + math.Log(1+u*u)
	}}
	pde := graph.Interior("pde", dom, func(f *graph.Fields) *graph.Node {
		reaction := f.Log(f.Shift(f.Square(f.U()), 1))
		return f.Sub(f.Add(f.Neg(f.D("x", "x")), reaction), f.X("f"))
	})
	pde.Sampling = graph.Sampling{Pool: 256, Batch: 64}
	pde.Forcing = []graph.Forcing{source}
	bc := graph.Dirichlet("bc", dom, "x", func(f *graph.Fields) *graph.Node { return f.U() })
	bc.Sampling = graph.Sampling{Pool: 2}

	net, _ := graph.NewMLP(graph.MLPConfig{Inputs: dom.Coords, Width: 16, Depth: 2, Seed: 1})
	loss, err := graph.NewLoss(net, []graph.Term{pde, bc}, graph.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	adam, _ := solvers.New("adam", solvers.Hyper{"lr": 1e-2})
	var first, last float64
	for step := 0; step < 500; step++ {
		gr, err := loss.Compute()
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
		loss.Next()
	}
	pred, err := graph.NewPredictor(net, 5, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	xs := []float64{0.1, 0.3, 0.5, 0.7, 0.9}
	u, err := pred.Predict(graph.Points{"x": xs})
	if err != nil {
		fmt.Println(err)
		return
	}
	worst := 0.0
	for i, x := range xs {
		worst = math.Max(worst, math.Abs(u[0][i]-math.Sin(math.Pi*x)))
	}
	fmt.Printf("loss fell more than 1000x: %v, |u − sin πx| < 0.01: %v\n", last < first/1000, worst < 0.01)
	// Output: loss fell more than 1000x: true, |u − sin πx| < 0.01: true
}

// ExampleNewLoss_refused shows what NewLoss says to a residual that is not
// one value per point: a Mean would silently train another objective.
func ExampleNewLoss_refused() {
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}}
	pde := graph.Interior("pde", dom, func(f *graph.Fields) *graph.Node {
		return f.Mean(f.Sub(f.D("t"), f.D("x", "x")))
	})
	pde.Sampling = graph.Sampling{Batch: 16}
	net, _ := graph.NewMLP(graph.MLPConfig{Inputs: dom.Coords, Width: 8, Depth: 1, Seed: 1})
	_, err := graph.NewLoss(net, []graph.Term{pde}, graph.Options{Seed: 1})
	fmt.Println(err)
	// Output: term "pde": graph: residual 0 has shape (), want one value per point, shape (16, 1)
}
