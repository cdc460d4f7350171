package graph_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"github.com/pinngo/pinn/graph"
)

func newModified(t *testing.T) *graph.MLP {
	t.Helper()
	net, err := graph.NewMLP(graph.MLPConfig{Inputs: []string{"x", "t"}, Width: 8, Depth: 3, Seed: 7, Modified: true})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// TestModifiedMLPKeepsThePlainParameters checks that the gates only add
// parameters after a plain network's, with the same initial values.
func TestModifiedMLPKeepsThePlainParameters(t *testing.T) {
	plain, err := graph.NewMLP(graph.MLPConfig{Inputs: []string{"x", "t"}, Width: 8, Depth: 3, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	mod := newModified(t)
	pp, mp := plain.Params(), mod.Params()
	if len(mp) != len(pp)+6 {
		t.Fatalf("%d parameters, want %d + 6", len(mp), len(pp))
	}
	for i, p := range pp {
		a, b := p.Value.Data().([]float64), mp[i].Value.Data().([]float64)
		if p.Name != mp[i].Name || len(a) != len(b) {
			t.Fatalf("parameter %d: %s and %s", i, p.Name, mp[i].Name)
		}
		for j := range a {
			if a[j] != b[j] {
				t.Fatalf("parameter %s[%d]: %v and %v", p.Name, j, a[j], b[j])
			}
		}
	}
}

// TestModifiedMLPDerivatives checks u_x, u_xx, u_xxx and u_t of a modified
// MLP against central differences of the order below.
func TestModifiedMLPDerivatives(t *testing.T) {
	const tol = 1e-6
	derivs := [][]string{{}, {"x"}, {"x", "x"}, {"x", "x", "x"}, {"t"}}
	pred, err := graph.NewPredictor(newModified(t), 1, func(f *graph.Fields) []*graph.Node {
		var out []*graph.Node
		for _, d := range derivs {
			out = append(out, f.D(d...))
		}
		return out
	})
	if err != nil {
		t.Fatal(err)
	}
	eval := func(x, tt float64, k int) float64 {
		v, err := pred.Predict(graph.Points{"x": {x}, "t": {tt}})
		if err != nil {
			t.Fatal(err)
		}
		return v[k][0]
	}
	for _, p := range [][2]float64{{-0.7, 0.1}, {0.3, 0.9}} {
		for k, d := range derivs[1:] {
			var num float64
			if d[len(d)-1] == "t" {
				num = fd.Derivative(func(tt float64) float64 { return eval(p[0], tt, 0) }, p[1], &fd.Settings{Formula: fd.Central, Step: 1e-5})
			} else {
				num = fd.Derivative(func(x float64) float64 { return eval(x, p[1], k) }, p[0], &fd.Settings{Formula: fd.Central, Step: 1e-5})
			}
			got := eval(p[0], p[1], k+1)
			if rel := math.Abs(got-num) / math.Max(1, math.Abs(num)); !(rel <= tol) {
				t.Errorf("u_%v at %v: %v, finite difference %v", d, p, got, num)
			}
		}
	}
}

// TestModifiedMLPGradient checks the parameter gradient of a Burgers
// residual loss, gate parameters included, against central differences.
func TestModifiedMLPGradient(t *testing.T) {
	const tol, h = 1e-6, 1e-6
	net := newModified(t)
	pts := graph.Points{"x": {-0.5, 0.2, 0.8}, "t": {0.3, 0.6, 0.9}}
	pde := graph.Data("pde", pts, func(f *graph.Fields) *graph.Node {
		return f.Sub(f.Add(f.D("t"), f.Mul(f.U(), f.D("x"))), f.Scale(0.01, f.D("x", "x")))
	})
	l, err := graph.NewLoss(net, []graph.Term{pde}, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gr, err := l.Compute()
	if err != nil {
		t.Fatal(err)
	}
	var analytic [][]float64
	for _, g := range gr.Total {
		analytic = append(analytic, append([]float64(nil), g.Data().([]float64)...))
	}
	loss := func() float64 {
		gr, err := l.Compute()
		if err != nil {
			t.Fatal(err)
		}
		return gr.Loss
	}
	var diff, norm float64
	for i, p := range net.Params() {
		w := p.Value.Data().([]float64)
		for j := range w {
			orig := w[j]
			w[j] = orig + h
			plus := loss()
			w[j] = orig - h
			minus := loss()
			w[j] = orig
			num := (plus - minus) / (2 * h)
			diff += (analytic[i][j] - num) * (analytic[i][j] - num)
			norm += num * num
		}
	}
	if rel := math.Sqrt(diff / norm); !(rel <= tol) {
		t.Errorf("relative gradient error %.3g > %g", rel, tol)
	}
}
