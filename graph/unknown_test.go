package graph

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gorgonia.org/tensor"
)

// testUnknowns are a scalar, a two-component and a positive unknown.
var testUnknowns = []Unknown{
	{Name: "lambda1", Init: []float64{0.5}, True: []float64{1}},
	{Name: "c", Init: []float64{0.2, -0.3}},
	{Name: "nu", Init: []float64{0.05}, Positive: true},
}

// unknownBurgers is u_t + λ₁ u u_x − (c₁ + ν) u_xx + c₀ u, reading c
// before λ₁ so that the graph creates the unknowns' nodes out of Params'
// order.
func unknownBurgers(f *Fields) *Node {
	c0, c1 := f.UnknownAt("c", 0), f.UnknownAt("c", 1)
	diffusion := f.Mul(f.Add(c1, f.Unknown("nu")), f.D("x", "x"))
	return f.Add(f.Sub(f.Add(f.D("t"), f.Mul(f.Unknown("lambda1"), f.Mul(f.U(), f.D("x")))), diffusion), f.Mul(c0, f.U()))
}

// UnknownBurgers and TestUnknowns serve the external tests
// (unknown_fd_test.go).
var (
	UnknownBurgers = unknownBurgers
	TestUnknowns   = testUnknowns
)

func unknownNet(t *testing.T, dt tensor.Dtype) *MLP {
	t.Helper()
	net, err := NewMLP(MLPConfig{Inputs: testDomain.Coords, Width: 6, Depth: 2, Dtype: dt, Seed: 5, Unknowns: testUnknowns})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// TestUnknownSampleStats checks the per-sample statistics of a residual
// reading unknowns, the unknowns' own included, against the per-point
// gradients, and that the loss term whose graph gives them has the
// gradient of its own graph.
func TestUnknownSampleStats(t *testing.T) {
	net := unknownNet(t, tensor.Float64)
	const n = 12
	rng := rand.New(rand.NewPCG(3, 4))
	bufs := map[string]*tensor.Dense{}
	for _, col := range testDomain.Coords {
		d := make([]float64, n)
		for i := range d {
			d[i] = rng.Float64()
		}
		bufs[col] = tensor.New(tensor.WithShape(n, 1), tensor.WithBacking(d))
	}
	st, err := NewSampleStats(net, []map[string]*tensor.Dense{bufs}, single(unknownBurgers))
	if err != nil {
		t.Fatal(err)
	}
	sq, mean := zerosLike(net.Params()), zerosLike(net.Params())
	if err := st.Compute(sq, mean); err != nil {
		t.Fatal(err)
	}
	bsq, bmean := bruteSampleStats(t, net, bufs, unknownBurgers)
	for k, p := range net.Params() {
		for j, v := range floatsOf(sq[k]) {
			if d := math.Abs(v-bsq[k][j]) / math.Max(math.Abs(bsq[k][j]), 1e-12); d > 1e-10 {
				t.Errorf("%s[%d]: SampleSq %v, brute force %v", p.Name, j, v, bsq[k][j])
			}
			if m := floatsOf(mean[k])[j]; math.Abs(m-bmean[k][j]) > 1e-10*math.Max(math.Abs(bmean[k][j]), 1e-12) {
				t.Errorf("%s[%d]: SampleMean %v, brute force %v", p.Name, j, m, bmean[k][j])
			}
		}
	}
	var grs [2]*Gradients
	for i, perSample := range []bool{false, true} {
		pde := Interior("pde", testDomain, unknownBurgers)
		pde.Sampling = Sampling{Batch: n}
		l, err := NewLoss(net, []Term{pde}, Options{Seed: 3, PerSample: perSample})
		if err != nil {
			t.Fatal(err)
		}
		if perSample && l.terms[0].fused == nil {
			t.Fatal("the per-sample statistics' graph does not stand for the term: an unknown escapes the probes")
		}
		if grs[i], err = l.Compute(); err != nil {
			t.Fatal(err)
		}
	}
	for j := range grs[0].Total {
		own, fused := floatsOf(grs[0].Total[j]), floatsOf(grs[1].Total[j])
		for e := range own {
			if math.Abs(own[e]-fused[e]) > 1e-12*math.Max(1, math.Abs(own[e])) {
				t.Errorf("param %d[%d]: gradient %v own graph, %v fused", j, e, own[e], fused[e])
			}
		}
	}
}

// TestUnknownFloat32 checks that a float32 network's unknowns start at
// their initial values and get the float64 gradient to float32 precision.
func TestUnknownFloat32(t *testing.T) {
	var grs [2]*Gradients
	for i, dt := range []tensor.Dtype{tensor.Float64, tensor.Float32} {
		net := unknownNet(t, dt)
		v, err := UnknownValue(net, testUnknowns[1])
		if err != nil {
			t.Fatal(err)
		}
		nu, err := UnknownValue(net, testUnknowns[2])
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(v[0]-0.2) > 1e-7 || math.Abs(v[1]+0.3) > 1e-7 || math.Abs(nu[0]-0.05) > 1e-8 {
			t.Fatalf("%v: c starts at %v and nu at %v, want [0.2 -0.3] and 0.05", dt, v, nu)
		}
		pde := Interior("pde", testDomain, unknownBurgers)
		pde.Sampling = Sampling{Batch: 64}
		l, err := NewLoss(net, []Term{pde}, Options{Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		if grs[i], err = l.Compute(); err != nil {
			t.Fatal(err)
		}
	}
	n := len(grs[0].Total)
	for j := n - 4; j < n; j++ {
		want, got := floatsOf(grs[0].Total[j])[0], floatsOf(grs[1].Total[j])[0]
		if math.Abs(got-want) > 1e-4*math.Max(1e-3, math.Abs(want)) {
			t.Errorf("%s: float32 gradient %v, float64 %v", grs[0].Params[j].Name, got, want)
		}
	}
}

// TestUnknownDeclarationRefused checks the declarations NewMLP refuses.
func TestUnknownDeclarationRefused(t *testing.T) {
	for _, c := range []struct {
		name     string
		unknowns []Unknown
		want     string
	}{
		{"no name", []Unknown{{Init: []float64{1}}}, "needs a name"},
		{"weight's name", []Unknown{{Name: "b0"}}, `"b0" is taken`},
		{"twice", []Unknown{{Name: "k"}, {Name: "k"}}, `"k" is taken`},
		{"lengths", []Unknown{{Name: "k", Init: []float64{1, 2}, True: []float64{1}}}, "2 initial values and 1 true"},
		{"not finite", []Unknown{{Name: "k", Init: []float64{math.NaN()}}}, "non-finite"},
		{"not positive", []Unknown{{Name: "k", Init: []float64{0}, Positive: true}}, "positive but has the value 0"},
	} {
		_, err := NewMLP(MLPConfig{Inputs: testDomain.Coords, Width: 4, Depth: 1, Unknowns: c.unknowns})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}
