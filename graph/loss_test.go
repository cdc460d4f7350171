package graph_test

import (
	"math"
	"testing"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

var box = graph.Domain{Coords: []string{"x", "t"}, Min: []float64{-1, 0}, Max: []float64{1, 1}}

// testTerms returns one term of each kind, with points fixed in advance so
// that differently assembled losses see the same points.
func testTerms(t *testing.T) []graph.Term {
	t.Helper()
	burgers := func(f *graph.Fields) *graph.Node {
		return f.Sub(f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))), f.Scale(0.01/math.Pi, f.D("x", "x")))
	}
	kdv := func(f *graph.Fields) *graph.Node {
		return f.Add(f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))), f.Scale(0.022*0.022, f.D("x", "x", "x")))
	}
	data := graph.Points{"x": {-0.5, 0.25, 0.75}, "t": {0.5, 0.1, 0.9}, "u": {0.1, -0.2, 0.3}}
	terms := []graph.Term{
		graph.Interior("burgers", box, burgers),
		graph.Interior("kdv", box, kdv),
		graph.Initial("ic", box, "t", func(f *graph.Fields) *graph.Node { return f.Add(f.U(), f.Sin(f.Scale(math.Pi, f.X("x")))) }),
		graph.Dirichlet("bc", box, "x", func(f *graph.Fields) *graph.Node { return f.U() }),
		graph.Periodic("periodic", box, "x", 2),
		graph.Data("data", data, func(f *graph.Fields) *graph.Node { return f.Sub(f.U(), f.X("u")) }),
		graph.Interior("elementary", box, elementaryResidual),
	}
	src := graph.NewSource(3, graph.LatinHypercube)
	for i := range terms {
		terms[i].Weight = 0.5 + float64(i)
		n := 6
		if terms[i].Sampling.Pool > 0 {
			n = terms[i].Sampling.Pool
		}
		pts, err := terms[i].Sample(src, n)
		if err != nil {
			t.Fatal(err)
		}
		terms[i].Sampling = graph.Sampling{Pool: pts[0].Len()}
		terms[i].Sample = func(*graph.Source, int) ([]graph.Points, error) { return pts, nil }
	}
	return terms
}

// elementaryResidual uses second derivatives of every op in elementary.
func elementaryResidual(f *graph.Fields) *graph.Node {
	u := f.U()
	s := f.Shift(f.Square(u), 0.5)
	r := f.X("t")
	for _, e := range elementary {
		r = f.Add(r, f.Add(f.DOf(e.op(f, u, s), "x", "x"), f.DOf(e.op(f, u, s), "t")))
	}
	return r
}

func newLoss(t *testing.T, terms []graph.Term) *graph.Loss {
	t.Helper()
	net, err := graph.NewMLP(graph.MLPConfig{Inputs: []string{"x", "t"}, Width: 6, Depth: 2, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	l, err := graph.NewLoss(net, terms, graph.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestTermGradientsMatchFiniteDifferences checks ∇(w_k L_k) of every term,
// element by element, against central differences of the loss.
func TestTermGradientsMatchFiniteDifferences(t *testing.T) {
	const tol, h = 1e-6, 1e-6
	l := newLoss(t, testTerms(t))
	gr, err := l.Compute()
	if err != nil {
		t.Fatal(err)
	}
	analytic := make([][][]float64, len(gr.Terms))
	for k := range gr.Terms {
		for _, g := range gr.Terms[k] {
			analytic[k] = append(analytic[k], append([]float64(nil), g.Data().([]float64)...))
		}
	}
	numeric := centralDifferences(t, l, h)
	for k, name := range gr.Names {
		var diff, norm float64
		for i := range analytic[k] {
			for j := range analytic[k][i] {
				d := analytic[k][i][j] - numeric[k][i][j]
				diff += d * d
				norm += numeric[k][i][j] * numeric[k][i][j]
			}
		}
		if rel := math.Sqrt(diff / norm); !(rel <= tol) {
			t.Errorf("term %s: relative gradient error %.3g > %g", name, rel, tol)
		} else {
			t.Logf("term %-8s relative gradient error %.2g", name, rel)
		}
	}
}

// centralDifferences returns, for every term k of l, the central
// difference of its weighted loss in element j of parameter i,
// numeric[k][i][j], with step h; l's parameters are left as they were.
func centralDifferences(t *testing.T, l *graph.Loss, h float64) [][][]float64 {
	t.Helper()
	weighted := func() []float64 {
		gr, err := l.Compute()
		if err != nil {
			t.Fatal(err)
		}
		out := make([]float64, len(gr.Losses))
		for k, v := range gr.Losses {
			out[k] = gr.Weights[k] * v
		}
		return out
	}
	numeric := make([][][]float64, len(l.Terms()))
	for i, p := range l.Network().Params() {
		w := p.Value.Data().([]float64)
		for k := range numeric {
			numeric[k] = append(numeric[k], make([]float64, len(w)))
		}
		for j := range w {
			orig := w[j]
			w[j] = orig + h
			plus := weighted()
			w[j] = orig - h
			minus := weighted()
			w[j] = orig
			for k := range numeric {
				numeric[k][i][j] = (plus[k] - minus[k]) / (2 * h)
			}
		}
	}
	return numeric
}

// TestTermsTogetherEqualAlone checks that evaluating terms side by side
// gives each term the gradient it has when it is the only term.
func TestTermsTogetherEqualAlone(t *testing.T) {
	terms := testTerms(t)
	together, err := newLoss(t, terms).Compute()
	if err != nil {
		t.Fatal(err)
	}
	for k, term := range terms {
		alone, err := newLoss(t, []graph.Term{term}).Compute()
		if err != nil {
			t.Fatal(err)
		}
		if alone.Losses[0] != together.Losses[k] {
			t.Errorf("term %s: loss alone %v, together %v", term.Name, alone.Losses[0], together.Losses[k])
		}
		for i := range alone.Terms[0] {
			a := alone.Terms[0][i].Data().([]float64)
			b := together.Terms[k][i].Data().([]float64)
			for j := range a {
				if math.Abs(a[j]-b[j]) > 1e-12*math.Max(1, math.Abs(a[j])) {
					t.Fatalf("term %s param %d[%d]: alone %v together %v", term.Name, i, j, a[j], b[j])
				}
			}
		}
	}
	var sum float64
	for k := range together.Losses {
		sum += together.Weights[k] * together.Losses[k]
	}
	if math.Abs(sum-together.Loss) > 1e-12*sum {
		t.Errorf("total loss %v, weighted sum of terms %v", together.Loss, sum)
	}
}

// TestMinibatchesCoverThePool checks that minibatches drawn from a pool
// visit every point once per epoch, in a new order each epoch.
func TestMinibatchesCoverThePool(t *testing.T) {
	term := graph.Data("d", graph.Points{"x": {1, 2, 3, 4, 5, 6}, "t": {0, 0, 0, 0, 0, 0}}, func(f *graph.Fields) *graph.Node {
		return f.Sub(f.U(), f.X("x"))
	})
	term.Sampling.Batch = 2
	l := newLoss(t, []graph.Term{term})
	var epochs [][]float64
	for epoch := 0; epoch < 4; epoch++ {
		seen := map[float64]bool{}
		var order []float64
		for step := 0; step < 3; step++ {
			for _, x := range l.Batch(0)[0]["x"] {
				if seen[x] {
					t.Fatalf("epoch %d: point %v twice", epoch, x)
				}
				seen[x] = true
				order = append(order, x)
			}
			if err := l.Next(); err != nil {
				t.Fatal(err)
			}
		}
		if len(seen) != 6 {
			t.Fatalf("epoch %d visited %d of 6 points", epoch, len(seen))
		}
		epochs = append(epochs, order)
	}
	same := true
	for e := 1; e < len(epochs); e++ {
		for i := range epochs[e] {
			same = same && epochs[e][i] == epochs[0][i]
		}
	}
	if same {
		t.Error("every epoch visited the pool in the same order")
	}
}

// TestFullBatchKeepsPoints checks that with Options.FullBatch a pooled term
// evaluates its whole pool, a term without a pool keeps the points it drew
// first, and neither changes with Next.
func TestFullBatchKeepsPoints(t *testing.T) {
	pooled := graph.Interior("pooled", box, func(f *graph.Fields) *graph.Node { return f.D("t") })
	pooled.Sampling = graph.Sampling{Pool: 40, Batch: 8}
	fresh := graph.Interior("fresh", box, func(f *graph.Fields) *graph.Node { return f.U() })
	fresh.Sampling = graph.Sampling{Batch: 5}
	net, err := graph.NewMLP(graph.MLPConfig{Inputs: []string{"x", "t"}, Width: 4, Depth: 1, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	l, err := graph.NewLoss(net, []graph.Term{pooled, fresh}, graph.Options{Seed: 1, FullBatch: true})
	if err != nil {
		t.Fatal(err)
	}
	first := [][]graph.Points{l.Batch(0), l.Batch(1)}
	for k, want := range []int{40, 5} {
		if n := first[k][0].Len(); n != want {
			t.Errorf("term %d: %d points per step, want %d", k, n, want)
		}
	}
	for step := 0; step < 3; step++ {
		if err := l.Next(); err != nil {
			t.Fatal(err)
		}
		for k := range first {
			for c, col := range l.Batch(k)[0] {
				for i, v := range col {
					if math.Float64bits(v) != math.Float64bits(first[k][0][c][i]) {
						t.Fatalf("after %d Next, term %d column %s row %d changed", step+1, k, c, i)
					}
				}
			}
		}
	}
}

func TestLossRejectsBadTerms(t *testing.T) {
	net, _ := graph.NewMLP(graph.MLPConfig{Inputs: []string{"x", "t"}, Width: 4, Depth: 1, Dtype: tensor.Float64})
	ok := graph.Interior("pde", box, func(f *graph.Fields) *graph.Node { return f.U() })
	ok.Sampling = graph.Sampling{Batch: 4}
	bad := []struct {
		name  string
		terms []graph.Term
	}{
		{"none", nil},
		{"duplicate names", []graph.Term{ok, ok}},
		{"no batch", []graph.Term{func() graph.Term { b := ok; b.Sampling = graph.Sampling{}; return b }()}},
		{"negative weight", []graph.Term{func() graph.Term { b := ok; b.Weight = -1; return b }()}},
		{"unknown column", []graph.Term{func() graph.Term {
			b := ok
			b.Residuals = func(s []*graph.Fields) []*graph.Node { return []*graph.Node{s[0].X("y")} }
			return b
		}()}},
	}
	for _, c := range bad {
		if _, err := graph.NewLoss(net, c.terms, graph.Options{}); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}
