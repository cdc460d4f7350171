package graph

import (
	"fmt"
	"math"
	"testing"

	"gorgonia.org/tensor"
)

// TestChainsMatchSeparateOps checks that the graphs with the chains of
// fuseops.go give the loss and every gradient bit for bit as the graphs
// that build each product, sum and scaling as its own op (Options.plain),
// over two steps, for Burgers (u_t, u_x, u_xx), KdV (u_xxx), a mixed
// derivative, tanh and sin activations, the modified network and the
// Fourier one, in both dtypes, with an odd number of points (every kernel
// tail), and that the chains are there: for the plain networks also in
// the interior term, which a product shared by two chains would rebuild.
func TestChainsMatchSeparateOps(t *testing.T) {
	dom := testDomain
	residuals := map[string]Residual{
		"burgers": testBurgers,
		"kdv":     testKdV,
		"mixed": func(f *Fields) *Node {
			return f.Add(f.D("x", "t"), f.Mul(f.Tanh(f.U()), f.D("x", "x")))
		},
	}
	nets := map[string]func(tensor.Dtype) (Network, error){
		"mlp": func(dt tensor.Dtype) (Network, error) {
			return NewMLP(MLPConfig{Inputs: dom.Coords, Width: 9, Depth: 3, Dtype: dt, Seed: 4})
		},
		"sin": func(dt tensor.Dtype) (Network, error) {
			return NewMLP(MLPConfig{Inputs: dom.Coords, Width: 9, Depth: 2, Dtype: dt, Seed: 4, Activation: "sin"})
		},
		"modified": func(dt tensor.Dtype) (Network, error) {
			return NewMLP(MLPConfig{Inputs: dom.Coords, Width: 9, Depth: 2, Dtype: dt, Seed: 4, Modified: true})
		},
		"fourier": func(dt tensor.Dtype) (Network, error) {
			inner, err := NewMLP(MLPConfig{Inputs: FourierInputs(dom.Coords, "x", 2), Width: 9, Depth: 2, Dtype: dt, Seed: 4})
			if err != nil {
				return nil, err
			}
			return NewFourier(inner, dom.Coords, "x", 2, 2)
		},
	}
	for rname, r := range residuals {
		for nname, build := range nets {
			for _, dt := range []tensor.Dtype{tensor.Float64, tensor.Float32} {
				t.Run(fmt.Sprintf("%s/%s/%v", rname, nname, dt), func(t *testing.T) {
					var out [2][]float64
					var chains [2]int
					products := 0 // product rules in chains in the interior term
					for i, plain := range []bool{true, false} {
						net, err := build(dt)
						if err != nil {
							t.Fatal(err)
						}
						pde := Interior("pde", dom, r)
						pde.Sampling = Sampling{Batch: 37}
						ic := Initial("ic", dom, "t", func(f *Fields) *Node { return f.Add(f.U(), f.Sin(f.Scale(math.Pi, f.X("x")))) })
						ic.Sampling = Sampling{Batch: 13}
						l, err := NewLoss(net, []Term{pde, ic}, Options{Seed: 5, plain: plain})
						if err != nil {
							t.Fatal(err)
						}
						for _, tg := range l.terms {
							for _, n := range tg.g.Expr().AllNodes() {
								if op, ok := n.Op().(fuseOp); ok {
									chains[i]++
									products += b2i(op.kind == fuseMulAdd && tg.Name == "pde")
								}
							}
						}
						for step := 0; step < 2; step++ {
							gr, err := l.Compute()
							if err != nil {
								t.Fatal(err)
							}
							out[i] = append(out[i], gr.Loss)
							for _, g := range gr.Total {
								out[i] = append(out[i], floatsOf(g)...)
							}
							descend(t, l, gr)
						}
					}
					if chains[0] != 0 || chains[1] == 0 {
						t.Fatalf("%d chains in the plain graphs and %d in the others, want none and some", chains[0], chains[1])
					}
					if (nname == "mlp" || nname == "sin") && products == 0 {
						t.Errorf("no product rule in a chain in the interior term")
					}
					if len(out[0]) != len(out[1]) {
						t.Fatalf("%d values plain, %d with chains", len(out[0]), len(out[1]))
					}
					for k := range out[0] {
						if math.Float64bits(out[0][k]) != math.Float64bits(out[1][k]) {
							t.Fatalf("value %d (loss, then gradients, per step): %v with chains, %v plain", k, out[1][k], out[0][k])
						}
					}
				})
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
