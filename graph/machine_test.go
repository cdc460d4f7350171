package graph

import (
	"fmt"
	"testing"

	"gorgonia.org/tensor"
)

// TestMachineKeepsRegistersExactly checks that running the compiled graphs
// again into the tensors of the previous run gives bit for bit what
// Gorgonia's Reset (which drops them, so every tensor is allocated afresh)
// gives: losses, per-term and total gradients, per-sample statistics and
// predictions, over several steps with parameter updates and new points,
// for every kind of term, causal weighting and both dtypes.
func TestMachineKeepsRegistersExactly(t *testing.T) {
	for _, dt := range []tensor.Dtype{tensor.Float64, tensor.Float32} {
		t.Run(dt.String(), func(t *testing.T) {
			losses := lossPair(t, dt, 8, 16, 8, Options{Seed: 9, PerSample: true, PerSampleMean: true})
			var preds [2]*Predictor
			for i, l := range losses {
				var err error
				if preds[i], err = NewPredictor(l.net, 5, func(f *Fields) []*Node { return []*Node{f.U(), f.D("x", "x")} }); err != nil {
					t.Fatal(err)
				}
			}
			pts := Points{"x": {-0.9, -0.2, 0.3, 0.8, 0.1, 0.5, -0.4}, "t": {0.1, 0.4, 0.6, 0.9, 0.2, 0.7, 0.3}}
			fresh := losses[1]
			for step := 0; step < 4; step++ {
				var grs [2]*Gradients
				var outs [2][][]float64
				for i, l := range losses {
					if i == 1 {
						// Gorgonia's own way: drop every register before a run.
						for _, tg := range fresh.terms {
							if tg.fused != nil {
								tg.fused.vm.vm.Reset()
							} else {
								tg.vm.vm.Reset()
							}
						}
						if fresh.stats != nil {
							fresh.stats.vm.vm.Reset()
						}
						preds[1].vm.vm.Reset()
					}
					var err error
					if grs[i], err = l.Compute(); err != nil {
						t.Fatal(err)
					}
					if outs[i], err = preds[i].Predict(pts); err != nil {
						t.Fatal(err)
					}
				}
				same(t, fmt.Sprintf("step %d losses", step), grs[0].Losses, grs[1].Losses)
				for k := range grs[0].Terms {
					for j := range grs[0].Terms[k] {
						same(t, fmt.Sprintf("step %d term %d param %d", step, k, j), floatsOf(grs[0].Terms[k][j]), floatsOf(grs[1].Terms[k][j]))
					}
				}
				for j := range grs[0].Total {
					same(t, fmt.Sprintf("step %d sample sq %d", step, j), floatsOf(grs[0].SampleSq[j]), floatsOf(grs[1].SampleSq[j]))
					same(t, fmt.Sprintf("step %d sample mean %d", step, j), floatsOf(grs[0].SampleMean[j]), floatsOf(grs[1].SampleMean[j]))
				}
				for k := range outs[0] {
					same(t, fmt.Sprintf("step %d prediction %d", step, k), outs[0][k], outs[1][k])
				}
				for i, l := range losses {
					descend(t, l, grs[i])
				}
			}
		})
	}
}

func floatsOf(d *tensor.Dense) []float64 {
	out := make([]float64, d.Shape().TotalSize())
	readColumn(d, out)
	return out
}

func same(t *testing.T, what string, a, b []float64) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d values against %d", what, len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("%s[%d]: %v kept registers, %v fresh", what, i, a[i], b[i])
		}
	}
}
