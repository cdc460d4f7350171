package graph_test

import (
	"fmt"
	"math"
	"runtime"
	"syscall"
	"testing"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/solvers"
)

// BenchmarkAdamStep times one training step of the comparison workload in
// experiments/peer/torch_step.py: an MLP 2→64×3→1 (tanh), N fresh interior
// points, N/4 initial points and N/4 boundary times at each of x = ±1,
// loss = mean r² + mean IC² + mean BC², one Adam update. Terms are split
// into one graph per core (Options.Shards = GOMAXPROCS) as pinn train and
// pinn bench split them, so -cpu 1,2 times one core and two.
//
//	go test ./graph/ -run '^$' -bench AdamStep -benchmem [-cpu 1,2] [-tags openblas]
func BenchmarkAdamStep(b *testing.B) {
	dom := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}}
	residuals := map[string]graph.Residual{
		"burgers": func(f *graph.Fields) *graph.Node {
			return f.Sub(f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))), f.Scale(0.01/math.Pi, f.D("x", "x")))
		},
		"kdv": func(f *graph.Fields) *graph.Node {
			return f.Add(f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))), f.Scale(0.022*0.022, f.D("x", "x", "x")))
		},
	}
	for _, pde := range []string{"burgers", "kdv"} {
		for _, n := range []int{256, 1024, 4096} {
			for _, dt := range []tensor.Dtype{tensor.Float64, tensor.Float32} {
				b.Run(fmt.Sprintf("pde=%s/n=%d/dtype=%v/blas=%s", pde, n, dt, graph.BLAS), func(b *testing.B) {
					interior := graph.Interior("pde", dom, residuals[pde])
					interior.Sampling = graph.Sampling{Batch: n}
					ic := graph.Initial("ic", dom, "t", func(f *graph.Fields) *graph.Node {
						return f.Add(f.U(), f.Sin(f.Scale(math.Pi, f.X("x"))))
					})
					ic.Sampling = graph.Sampling{Batch: n / 4}
					bc := graph.Dirichlet("bc", dom, "x", func(f *graph.Fields) *graph.Node { return f.U() })
					bc.Sampling = graph.Sampling{Batch: n / 2}
					net, err := graph.NewMLP(graph.MLPConfig{Inputs: dom.Coords, Width: 64, Depth: 3, Dtype: dt, Seed: 1})
					if err != nil {
						b.Fatal(err)
					}
					loss, err := graph.NewLoss(net, []graph.Term{interior, ic, bc}, graph.Options{Seed: 1, Shards: runtime.GOMAXPROCS(0)})
					if err != nil {
						b.Fatal(err)
					}
					adam, _ := solvers.New("adam", nil)
					// The first step builds the graph's buffers and, for
					// float64 on 4096 points, takes over a second: it is
					// not timed, or short runs would be mostly that.
					step(b, loss, adam)
					b.ReportAllocs()
					b.ResetTimer()
					cpu0 := cpuTime()
					for i := 0; i < b.N; i++ {
						step(b, loss, adam)
					}
					// CPU time is less disturbed than wall time by other
					// processes on a shared machine.
					b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
				})
			}
		}
	}
}

// cpuTime returns the user and system CPU time of the process so far, in
// nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// step takes one Adam step on loss and moves it to its next points.
func step(b *testing.B, loss *graph.Loss, adam solvers.Solver) {
	gr, err := loss.Compute()
	if err != nil {
		b.Fatal(err)
	}
	if err := adam.Update(gr); err != nil {
		b.Fatal(err)
	}
	if err := loss.Next(); err != nil {
		b.Fatal(err)
	}
}
