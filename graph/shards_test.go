package graph

import (
	"fmt"
	"math"
	"testing"

	"gorgonia.org/tensor"
)

// TestShardsMatchWholeTerms checks that terms split into shards give the
// losses, gradients and per-sample statistics of whole terms, step after
// step, that small and causally weighted terms stay whole, and that a
// negative shard count is refused.
func TestShardsMatchWholeTerms(t *testing.T) {
	dom := testDomain
	burgers := testBurgers
	terms := func() []Term {
		pde := Interior("pde", dom, burgers)
		pde.Sampling = Sampling{Batch: 800}
		pde.Weight = 0.6
		causal := Interior("causal", dom, burgers)
		causal.Sampling = Sampling{Batch: 600}
		causal.Causal = &Causal{Coord: "t", Min: 0, Max: 1, Chunks: 4, Epsilon: 1}
		ic := Initial("ic", dom, "t", func(f *Fields) *Node { return f.Add(f.U(), f.Sin(f.Scale(math.Pi, f.X("x")))) })
		ic.Sampling = Sampling{Batch: 300}
		per := Periodic("periodic", dom, "x", 1)
		per.Sampling = Sampling{Batch: 520, Pool: 1040}
		return []Term{pde, causal, ic, per}
	}
	wantParts := []int{3, 0, 0, 2}
	for _, c := range []struct {
		dt  tensor.Dtype
		tol float64
	}{{tensor.Float64, 1e-12}, {tensor.Float32, 1e-4}} {
		for _, perSample := range []bool{false, true} {
			t.Run(fmt.Sprintf("%v/perSample=%v", c.dt, perSample), func(t *testing.T) {
				var losses [2]*Loss
				for i, shards := range []int{0, 3} {
					net, err := NewMLP(MLPConfig{Inputs: dom.Coords, Width: 8, Depth: 2, Dtype: c.dt, Seed: 2})
					if err != nil {
						t.Fatal(err)
					}
					if losses[i], err = NewLoss(net, terms(), Options{Seed: 4, Shards: shards, PerSample: perSample, PerSampleMean: perSample}); err != nil {
						t.Fatal(err)
					}
				}
				for k, tg := range losses[1].terms {
					if len(tg.parts) != wantParts[k] {
						t.Fatalf("term %q has %d shards, want %d", tg.Name, len(tg.parts), wantParts[k])
					}
				}
				for step := 0; step < 3; step++ {
					var grs [2]*Gradients
					for i, l := range losses {
						var err error
						if grs[i], err = l.Compute(); err != nil {
							t.Fatal(err)
						}
					}
					close := func(what string, want, got []float64) {
						t.Helper()
						scale := 0.0
						for _, v := range want {
							scale = math.Max(scale, math.Abs(v))
						}
						for e := range want {
							if d := math.Abs(got[e] - want[e]); d > c.tol*scale {
								t.Fatalf("step %d %s[%d]: %v with shards, %v whole (scale %g)", step, what, e, got[e], want[e], scale)
							}
						}
					}
					close("losses", grs[0].Losses, grs[1].Losses)
					for k := range grs[0].Terms {
						for j := range grs[0].Terms[k] {
							close(fmt.Sprintf("term %d gradient %d", k, j), floatsOf(grs[0].Terms[k][j]), floatsOf(grs[1].Terms[k][j]))
						}
					}
					for j := range grs[0].SampleSq {
						close(fmt.Sprintf("sample sq %d", j), floatsOf(grs[0].SampleSq[j]), floatsOf(grs[1].SampleSq[j]))
						close(fmt.Sprintf("sample mean %d", j), floatsOf(grs[0].SampleMean[j]), floatsOf(grs[1].SampleMean[j]))
					}
					for i, l := range losses {
						descend(t, l, grs[i])
					}
				}
			})
		}
	}
	net, err := NewMLP(MLPConfig{Inputs: dom.Coords, Width: 8, Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewLoss(net, terms(), Options{Shards: -1}); err == nil {
		t.Error("Shards -1: no error")
	}
}
