package graph

import (
	"fmt"
	"math"
	"testing"

	"gorgonia.org/tensor"
)

// TestSharedRegistersExactly checks that the term graphs give bit for bit
// the same losses and gradients with registers shared (see share) as with
// a register per value, over several steps with parameter updates and new
// points, for every kind of term, causal weighting, sharded terms and both
// dtypes, at sizes where most registers are shared.
func TestSharedRegistersExactly(t *testing.T) {
	dom := testDomain
	terms := func() []Term {
		pde := Interior("pde", dom, testBurgers)
		pde.Sampling = Sampling{Batch: 512}
		third := Interior("kdv", dom, testKdV)
		third.Sampling = Sampling{Batch: 64}
		third.Causal = &Causal{Coord: "t", Min: 0, Max: 1, Chunks: 4, Epsilon: 1}
		ic := Initial("ic", dom, "t", func(f *Fields) *Node { return f.Add(f.U(), f.Sin(f.Scale(math.Pi, f.X("x")))) })
		ic.Sampling = Sampling{Batch: 64}
		bc := Dirichlet("bc", dom, "x", func(f *Fields) *Node { return f.U() })
		bc.Sampling = Sampling{Batch: 64}
		per := Periodic("periodic", dom, "x", 2)
		per.Sampling = Sampling{Batch: 64, Pool: 128}
		return []Term{pde, third, ic, bc, per}
	}
	for _, dt := range []tensor.Dtype{tensor.Float64, tensor.Float32} {
		t.Run(dt.String(), func(t *testing.T) {
			var losses [2]*Loss
			for i := range losses {
				net, err := NewMLP(MLPConfig{Inputs: dom.Coords, Width: 16, Depth: 3, Dtype: dt, Seed: 4})
				if err != nil {
					t.Fatal(err)
				}
				if losses[i], err = NewLoss(net, terms(), Options{Seed: 9, Shards: 2}); err != nil {
					t.Fatal(err)
				}
			}
			machines := func(l *Loss) []*machine {
				var ms []*machine
				for _, tg := range l.terms {
					if tg.vm != nil {
						ms = append(ms, tg.vm)
					}
					for _, p := range tg.parts {
						ms = append(ms, p.vm)
					}
				}
				return ms
			}
			for _, m := range machines(losses[1]) {
				m.sharing = false
			}
			for step := 0; step < 4; step++ {
				var grs [2]*Gradients
				for i, l := range losses {
					var err error
					if grs[i], err = l.Compute(); err != nil {
						t.Fatal(err)
					}
				}
				if step == 0 {
					shared := 0
					for _, m := range machines(losses[0]) {
						shared += m.shared
					}
					if shared < 100 {
						t.Fatalf("%d registers shared, want at least 100", shared)
					}
				}
				same(t, fmt.Sprintf("step %d losses", step), grs[0].Losses, grs[1].Losses)
				for k := range grs[0].Terms {
					for j := range grs[0].Terms[k] {
						same(t, fmt.Sprintf("step %d term %d param %d", step, k, j), floatsOf(grs[0].Terms[k][j]), floatsOf(grs[1].Terms[k][j]))
					}
				}
				for i, l := range losses {
					descend(t, l, grs[i])
				}
			}
		})
	}
}
