package solvers_test

import (
	"fmt"
	"testing"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/solvers"
)

// BenchmarkStep times one full training step (Compute + Update + Next) on
// a problem's interior and condition terms with n interior points, MLP
// 3×64 tanh as in the PDE-aware paper. pde-aware additionally pays for the
// per-sample residual statistics (graph.Options.PerSample); autobalance
// for one Adam state per loss term, soap for its Kronecker factors.
func BenchmarkStep(b *testing.B) {
	for _, pde := range []string{"burgers", "kdv"} {
		for _, solver := range []string{"adam", "pde-aware", "autobalance", "soap"} {
			const n = 1024
			name := fmt.Sprintf("pde=%s/solver=%s/n=%d/dtype=float64", pde, solver, n)
			b.Run(name, func(b *testing.B) {
				p, err := residuals.Lookup(pde)
				if err != nil {
					b.Fatal(err)
				}
				model, err := p.Build(residuals.Setup{Network: graph.MLPConfig{Width: 64, Depth: 3, Seed: 1}})
				if err != nil {
					b.Fatal(err)
				}
				terms := append([]graph.Term(nil), model.Terms...)
				terms[0].Sampling = graph.Sampling{Batch: n} // the interior "pde" term
				s, err := solvers.New(solver, nil)
				if err != nil {
					b.Fatal(err)
				}
				sq, mean := solvers.PerSample(s)
				loss, err := graph.NewLoss(model.Net, terms, graph.Options{Seed: 1, PerSample: sq, PerSampleMean: mean})
				if err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					gr, err := loss.Compute()
					if err == nil {
						err = s.Update(gr)
					}
					if err == nil {
						err = loss.Next()
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
