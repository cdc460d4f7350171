package graph_test

import (
	"math"
	"testing"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// TestNormalizedMapsInputs checks that the normalized network at (x, t)
// is the raw one at (x, 2(t − lo)/(hi − lo) − 1), and that its derivatives
// carry the chain rule's factors: u_t by 2/(hi − lo), u_tt by its square,
// u_x unchanged.
func TestNormalizedMapsInputs(t *testing.T) {
	const (
		lo, hi = 0.9, 1.0
		tol    = 1e-11
	)
	raw := newNet(t, []string{"x", "t"}, "tanh", tensor.Float64)
	net, err := graph.NewNormalized(raw, map[string][2]float64{"t": {lo, hi}})
	if err != nil {
		t.Fatal(err)
	}
	outputs := func(f *graph.Fields) []*graph.Node {
		return []*graph.Node{f.U(), f.D("x"), f.D("t"), f.D("t", "t")}
	}
	pred, err := graph.NewPredictor(net, 8, outputs)
	if err != nil {
		t.Fatal(err)
	}
	rawPred, err := graph.NewPredictor(raw, 8, outputs)
	if err != nil {
		t.Fatal(err)
	}
	xs, ts := []float64{-1, -0.3, 0.2, 0.8}, []float64{0.9, 0.93, 0.97, 1}
	mapped := make([]float64, len(ts))
	for i, v := range ts {
		mapped[i] = 2*(v-lo)/(hi-lo) - 1
	}
	got, err := pred.Predict(graph.Points{"x": xs, "t": ts})
	if err != nil {
		t.Fatal(err)
	}
	want, err := rawPred.Predict(graph.Points{"x": xs, "t": mapped})
	if err != nil {
		t.Fatal(err)
	}
	s := 2 / (hi - lo)
	factors := []float64{1, 1, s, s * s}
	names := []string{"u", "u_x", "u_t", "u_tt"}
	for k, f := range factors {
		for i := range xs {
			w := f * want[k][i]
			if d := math.Abs(got[k][i] - w); d > tol*math.Max(1, math.Abs(w)) {
				t.Errorf("%s(%v, %v) = %.15g, want %.15g", names[k], xs[i], ts[i], got[k][i], w)
			}
		}
	}
}

func TestNormalizedRejectsBadBounds(t *testing.T) {
	raw := newNet(t, []string{"x", "t"}, "tanh", tensor.Float64)
	for _, b := range []map[string][2]float64{
		{"t": {1, 1}},
		{"t": {1, 0}},
		{"t": {0, math.Inf(1)}},
		{"t": {math.NaN(), 1}},
		{"y": {0, 1}},
	} {
		if _, err := graph.NewNormalized(raw, b); err == nil {
			t.Errorf("NewNormalized(%v) gave no error", b)
		}
	}
}
