package graph

import (
	"math"
	"testing"
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
