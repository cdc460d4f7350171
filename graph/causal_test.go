package graph_test

import (
	"math"
	"testing"

	"github.com/pinngo/pinn/graph"
)

func TestCausalWeightsByHand(t *testing.T) {
	const tol = 1e-15
	for _, c := range []struct {
		losses []float64
		eps    float64
		want   []float64
	}{
		{[]float64{0.5, 0.25, 1, 2}, 1, []float64{1, math.Exp(-0.5), math.Exp(-0.75), math.Exp(-1.75)}},
		{[]float64{0.5, 0.25, 1}, 0, []float64{1, 1, 1}},
		{[]float64{3}, 10, []float64{1}},
	} {
		got := graph.CausalWeights(c.losses, c.eps)
		for i := range c.want {
			if math.Abs(got[i]-c.want[i]) > tol {
				t.Errorf("losses %v ε %v: w[%d] = %v, want %v", c.losses, c.eps, i, got[i], c.want[i])
			}
		}
	}
}

// causalPoints are fixed interior points with uneven chunk counts: with 4
// chunks of [0, 1], chunk 0 has 3 points, chunk 1 none, chunk 2 two, chunk
// 3 one.
var causalPoints = graph.Points{
	"x": {-0.9, 0.2, 0.7, -0.3, 0.5, 0.1},
	"t": {0.05, 0.2, 0.24, 0.5, 0.7, 1},
}

func causalTerm(eps float64) graph.Term {
	pde := graph.Interior("pde", box, func(f *graph.Fields) *graph.Node { return f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))) })
	pde.Sampling = graph.Sampling{Pool: causalPoints.Len()}
	pde.Sample = func(*graph.Source, int) ([]graph.Points, error) { return []graph.Points{causalPoints}, nil }
	pde.Causal = &graph.Causal{Coord: "t", Min: 0, Max: 1, Chunks: 4, Epsilon: eps}
	return pde
}

// TestCausalLossByHand checks the causal loss against (1/M) Σ_i w_i L_i
// computed from the network's residuals, both on the first evaluation
// (weights from the current parameters) and after an update (weights from
// the previous evaluation), and its gradient against an unweighted term
// whose residual carries the same weights as a constant column.
func TestCausalLossByHand(t *testing.T) {
	const tol = 1e-12
	const eps = 2.0
	net, err := graph.NewMLP(graph.MLPConfig{Inputs: []string{"x", "t"}, Width: 6, Depth: 2, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	l, err := graph.NewLoss(net, []graph.Term{causalTerm(eps)}, graph.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	residual, err := graph.NewPredictor(net, causalPoints.Len(), func(f *graph.Fields) []*graph.Node {
		return []*graph.Node{f.Add(f.D("t"), f.Mul(f.U(), f.D("x")))}
	})
	if err != nil {
		t.Fatal(err)
	}
	chunkOf := []int{0, 0, 0, 2, 2, 3}
	count := []float64{3, 0, 2, 1}
	chunkLosses := func() []float64 {
		r, err := residual.Predict(causalPoints)
		if err != nil {
			t.Fatal(err)
		}
		L := make([]float64, 4)
		for j, i := range chunkOf {
			L[i] += r[0][j] * r[0][j] / count[i]
		}
		return L
	}
	weighted := func(L, w []float64) float64 {
		var s float64
		for i := range L {
			s += w[i] * L[i] / 4
		}
		return s
	}

	L0 := chunkLosses()
	gr, err := l.Compute()
	if err != nil {
		t.Fatal(err)
	}
	w0 := graph.CausalWeights(L0, eps)
	if want := weighted(L0, w0); math.Abs(gr.Losses[0]-want) > tol*want {
		t.Errorf("first evaluation: loss %.17g, want %.17g", gr.Losses[0], want)
	}
	gotL, gotW := l.CausalLosses(0)
	for i := range L0 {
		if i != 1 && math.Abs(gotL[i]-L0[i]) > tol*L0[i] {
			t.Errorf("chunk %d loss %v, want %v", i, gotL[i], L0[i])
		}
		if gotL[1] != 0 || math.Abs(gotW[i]-w0[i]) > tol {
			t.Errorf("chunk %d: loss %v weight %v, want 0 for the empty chunk and weight %v", i, gotL[i], gotW[i], w0[i])
		}
	}
	checkGradient(t, gr, net, pointWeights(w0, chunkOf, count))

	// A parameter update: the next evaluation weights with L0, not L1.
	for _, p := range net.Params() {
		d := p.Value.Data().([]float64)
		for k := range d {
			d[k] += 0.01 * math.Sin(float64(k))
		}
	}
	L1 := chunkLosses()
	gr, err = l.Compute()
	if err != nil {
		t.Fatal(err)
	}
	if want := weighted(L1, w0); math.Abs(gr.Losses[0]-want) > tol*want {
		t.Errorf("second evaluation: loss %.17g, want %.17g (weights of the first)", gr.Losses[0], want)
	}
	checkGradient(t, gr, net, pointWeights(w0, chunkOf, count))
}

// pointWeights returns √(n w_i / (M n_i)) per point.
func pointWeights(w []float64, chunkOf []int, count []float64) []float64 {
	out := make([]float64, len(chunkOf))
	for j, i := range chunkOf {
		out[j] = math.Sqrt(float64(len(chunkOf)) * w[i] / (4 * count[i]))
	}
	return out
}

// checkGradient compares gr's gradient with that of an ordinary data term
// whose residual is √w_j r_j with √w_j a constant column.
func checkGradient(t *testing.T, gr *graph.Gradients, net graph.Network, sqrtW []float64) {
	t.Helper()
	const tol = 1e-12
	pts := graph.Points{"x": causalPoints["x"], "t": causalPoints["t"], "sw": sqrtW}
	ref := graph.Data("ref", pts, func(f *graph.Fields) *graph.Node {
		return f.Mul(f.X("sw"), f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))))
	})
	l, err := graph.NewLoss(net, []graph.Term{ref}, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := l.Compute()
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(want.Loss-gr.Loss) > tol*want.Loss {
		t.Errorf("loss %.17g, explicitly weighted %.17g", gr.Loss, want.Loss)
	}
	for i := range want.Total {
		a, b := gr.Total[i].Data().([]float64), want.Total[i].Data().([]float64)
		for k := range a {
			if math.Abs(a[k]-b[k]) > tol*math.Max(1, math.Abs(b[k])) {
				t.Fatalf("gradient of %s[%d]: %v, explicitly weighted %v", gr.Params[i].Name, k, a[k], b[k])
			}
		}
	}
}

// TestCausalStateRoundTrip checks that a restored loss weights its next
// evaluation with the saved chunk losses.
func TestCausalStateRoundTrip(t *testing.T) {
	net, err := graph.NewMLP(graph.MLPConfig{Inputs: []string{"x", "t"}, Width: 6, Depth: 2, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	a, err := graph.NewLoss(net, []graph.Term{causalTerm(1)}, graph.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Compute(); err != nil {
		t.Fatal(err)
	}
	for _, p := range net.Params() {
		d := p.Value.Data().([]float64)
		d[0] += 0.05
	}
	s, err := a.State()
	if err != nil {
		t.Fatal(err)
	}
	b, err := graph.NewLoss(net, []graph.Term{causalTerm(1)}, graph.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Restore(s); err != nil {
		t.Fatal(err)
	}
	ga, err := a.Compute()
	if err != nil {
		t.Fatal(err)
	}
	va := ga.Loss
	gb, err := b.Compute()
	if err != nil {
		t.Fatal(err)
	}
	if va != gb.Loss {
		t.Errorf("restored loss %.17g, original %.17g", gb.Loss, va)
	}
	bad := s
	bad.Terms = append([]graph.TermState(nil), s.Terms...)
	bad.Terms[0].Causal = []float64{1, 2}
	if err := b.Restore(bad); err == nil {
		t.Error("a state with 2 chunk losses restored into a 4-chunk loss")
	}
}

func TestCausalRejectsBadConfig(t *testing.T) {
	net, err := graph.NewMLP(graph.MLPConfig{Inputs: []string{"x", "t"}, Width: 4, Depth: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []graph.Causal{
		{Coord: "t", Min: 0, Max: 1, Chunks: 0, Epsilon: 1},
		{Coord: "t", Min: 1, Max: 1, Chunks: 4, Epsilon: 1},
		{Coord: "t", Min: 0, Max: 1, Chunks: 4, Epsilon: -1},
		{Coord: "s", Min: 0, Max: 1, Chunks: 4, Epsilon: 1},
	} {
		term := causalTerm(1)
		term.Causal = &c
		if _, err := graph.NewLoss(net, []graph.Term{term}, graph.Options{}); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
}
