package graph_test

import (
	"testing"

	"github.com/pinngo/pinn/graph"
)

// BenchmarkPredictor evaluates a 3×64 tanh network's u, u_x and u_xx on
// 4,096 points in chunks of 1,024, as the evaluation of a run does.
func BenchmarkPredictor(b *testing.B) {
	net, err := graph.NewMLP(graph.MLPConfig{Inputs: []string{"x", "t"}, Width: 64, Depth: 3, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	pred, err := graph.NewPredictor(net, 1024, func(f *graph.Fields) []*graph.Node {
		return []*graph.Node{f.U(), f.D("x"), f.D("x", "x")}
	})
	if err != nil {
		b.Fatal(err)
	}
	pts := graph.Points{"x": make([]float64, 4096), "t": make([]float64, 4096)}
	for i := range pts["x"] {
		pts["x"][i], pts["t"][i] = -1+2*float64(i)/4096, float64(i%64)/64
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := pred.Predict(pts); err != nil {
			b.Fatal(err)
		}
	}
}
