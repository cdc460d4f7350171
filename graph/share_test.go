package graph

import (
	"fmt"
	"testing"

	"gorgonia.org/tensor"
)

// TestSharedRegistersExactly checks that the term graphs give bit for bit
// the same losses and gradients with registers shared (see share) as with
// a register per value, over several steps with parameter updates and new
// points, for every kind of term, causal weighting, sharded terms and both
// dtypes, at sizes where most registers are shared.
func TestSharedRegistersExactly(t *testing.T) {
	for _, dt := range []tensor.Dtype{tensor.Float64, tensor.Float32} {
		t.Run(dt.String(), func(t *testing.T) {
			losses := lossPair(t, dt, 16, 512, 64, Options{Seed: 9, Shards: 2})
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
