package experiments

import (
	"context"
	"io"
	"testing"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/solvers"
)

// constructions counts what a run builds through its builders.
type constructions struct {
	lookups, builds, solvers int
	networks                 map[*graph.MLP]bool // distinct networks built
}

// counting returns builders that count into c.
func counting(c *constructions) builders {
	b := defaultBuilders()
	c.networks = map[*graph.MLP]bool{}
	return builders{
		lookup: func(name string, coef map[string]float64) (residuals.Problem, error) {
			c.lookups++
			return b.lookup(name, coef)
		},
		build: func(p residuals.Problem, s residuals.Setup) (*residuals.Model, error) {
			c.builds++
			m, err := b.build(p, s)
			if err == nil {
				c.networks[m.MLP] = true
			}
			return m, err
		},
		solver: func(name string, h solvers.Hyper) (solvers.Solver, error) {
			c.solvers++
			return b.solver(name, h)
		},
	}
}

// TestRunBuildsOnce counts the constructions of a plain run and of a
// time-marching run: the problem once, and one network (one
// Problem.Build) and one solver per network trained. Validation builds
// nothing.
func TestRunBuildsOnce(t *testing.T) {
	plain, err := Default("burgers")
	if err != nil {
		t.Fatal(err)
	}
	plain.Steps, plain.Network.Width, plain.Network.Depth = 2, 8, 1
	plain.Eval = EvalConfig{NX: 16, NT: 5}
	marching, err := Default("allen-cahn")
	if err != nil {
		t.Fatal(err)
	}
	marching.Steps, marching.Network.Width, marching.Network.Depth, marching.Causal = 1, 8, 1, nil
	marching.Eval = EvalConfig{NX: 16, NT: 9}
	marching.March = &MarchConfig{Windows: 3}
	for _, c := range []struct {
		name string
		cfg  Config
		nets int
	}{{"plain", plain, 1}, {"marching", marching, 3}} {
		t.Run(c.name, func(t *testing.T) {
			var n constructions
			if _, err := counting(&n).run(context.Background(), c.cfg, t.TempDir(), io.Discard); err != nil {
				t.Fatal(err)
			}
			if n.lookups != 1 || n.builds != c.nets || len(n.networks) != c.nets || n.solvers != c.nets {
				t.Errorf("%d problem lookups, %d builds, %d networks, %d solvers; want 1, %d, %d, %d",
					n.lookups, n.builds, len(n.networks), n.solvers, c.nets, c.nets, c.nets)
			}
		})
	}
}
