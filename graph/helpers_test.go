package graph

import (
	"math"
	"testing"

	"gorgonia.org/tensor"
)

// The domain and residuals the package's own tests train and compare on.
var (
	testDomain = Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}}
	// testBurgers is u_t + u u_x − (0.01/π) u_xx.
	testBurgers Residual = func(f *Fields) *Node {
		return f.Sub(f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))), f.Scale(0.01/math.Pi, f.D("x", "x")))
	}
	// testKdV is u_t + u u_x + 0.022² u_xxx.
	testKdV Residual = func(f *Fields) *Node {
		return f.Add(f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))), f.Scale(0.022*0.022, f.D("x", "x", "x")))
	}
)

// descend takes a gradient step of 0.05 on l's parameters with gr and
// loads l's next points.
func descend(t *testing.T, l *Loss, gr *Gradients) {
	t.Helper()
	for j, p := range l.net.Params() {
		g := floatsOf(gr.Total[j])
		v := floatsOf(p.Value)
		for e := range v {
			v[e] -= 0.05 * g[e]
		}
		setColumn(p.Value, func(e int) float64 { return v[e] })
	}
	if err := l.Next(); err != nil {
		t.Fatal(err)
	}
}

// everyKindOfTerm returns a term of every kind over testDomain: the
// Burgers residual on pde points, and on n points each KdV's (causally
// weighted), an initial, a Dirichlet and a periodic condition (from a pool
// of 2n).
func everyKindOfTerm(pde, n int) []Term {
	dom := testDomain
	interior := Interior("pde", dom, testBurgers)
	interior.Sampling = Sampling{Batch: pde}
	third := Interior("kdv", dom, testKdV)
	third.Sampling = Sampling{Batch: n}
	third.Causal = &Causal{Coord: "t", Min: 0, Max: 1, Chunks: 4, Epsilon: 1}
	ic := Initial("ic", dom, "t", func(f *Fields) *Node { return f.Add(f.U(), f.Sin(f.Scale(math.Pi, f.X("x")))) })
	ic.Sampling = Sampling{Batch: n}
	bc := Dirichlet("bc", dom, "x", func(f *Fields) *Node { return f.U() })
	bc.Sampling = Sampling{Batch: n}
	per := Periodic("periodic", dom, "x", 2)
	per.Sampling = Sampling{Batch: n, Pool: 2 * n}
	return []Term{interior, third, ic, bc, per}
}

// lossPair returns two equal losses over everyKindOfTerm(pde, n), for an
// MLP 2→width×3→1 of dtype dt, to run side by side in two ways.
func lossPair(t *testing.T, dt tensor.Dtype, width, pde, n int, opt Options) [2]*Loss {
	t.Helper()
	var losses [2]*Loss
	for i := range losses {
		net, err := NewMLP(MLPConfig{Inputs: testDomain.Coords, Width: width, Depth: 3, Dtype: dt, Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		if losses[i], err = NewLoss(net, everyKindOfTerm(pde, n), opt); err != nil {
			t.Fatal(err)
		}
	}
	return losses
}
