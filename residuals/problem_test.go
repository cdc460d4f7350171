package residuals_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
)

// manufactured replaces the network by a known function: the transform
// ignores the network's raw outputs.
func manufactured(t *testing.T, p residuals.Problem, u graph.OutputTransform) graph.Network {
	t.Helper()
	mlp, err := graph.NewMLP(graph.MLPConfig{Inputs: p.Domain.Coords, Outputs: max(p.Outputs, 1), Width: 4, Depth: 1})
	if err != nil {
		t.Fatal(err)
	}
	net, err := graph.NewTransformed(mlp, u)
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// TestResidualsOfKnownFunctions evaluates each problem's residual at a
// function whose derivatives are known by hand (u = t sin x for the
// evolution equations, the exact solution for the 2D ones) and compares
// with the residual written out by hand.
func TestResidualsOfKnownFunctions(t *testing.T) {
	const tol = 1e-11
	tsinx := func(g *graph.Graph, in map[string]*graph.Node, raw []*graph.Node) []*graph.Node {
		return []*graph.Node{g.Mul(in["t"], g.Sin(in["x"]))}
	}
	sinsin := func(a, b float64) graph.OutputTransform {
		return func(g *graph.Graph, in map[string]*graph.Node, raw []*graph.Node) []*graph.Node {
			u := g.Mul(g.Sin(g.Scale(a, in["x"])), g.Sin(g.Scale(b, in["y"])))
			if len(raw) == 1 {
				return []*graph.Node{u}
			}
			return []*graph.Node{u, g.Scale(a*a+b*b, u)}
		}
	}
	nu, delta := 0.01/math.Pi, 0.022
	cases := []struct {
		name string
		coef map[string]float64 // nil: the benchmark's
		u    graph.OutputTransform
		want func(x, t float64) float64
	}{
		{"burgers", nil, tsinx, func(x, t float64) float64 {
			return math.Sin(x) + t*math.Sin(x)*t*math.Cos(x) + nu*t*math.Sin(x)
		}},
		{"allen-cahn", nil, tsinx, func(x, t float64) float64 {
			u := t * math.Sin(x)
			return math.Sin(x) + 1e-4*u + 5*u*u*u - 5*u
		}},
		{"kdv", nil, tsinx, func(x, t float64) float64 {
			return math.Sin(x) + t*math.Sin(x)*t*math.Cos(x) - delta*delta*t*math.Cos(x)
		}},
		{"reaction-diffusion", nil, tsinx, func(x, t float64) float64 {
			u := t * math.Sin(x)
			return math.Sin(x) + 5*u - 5*u*(1-u)
		}},
		{"helmholtz", nil, sinsin(math.Pi, 4*math.Pi), func(x, y float64) float64 { return 0 }},
		{"poisson-inverse", nil, sinsin(math.Pi, math.Pi), func(x, y float64) float64 { return 0 }},
		// Other coefficients: each must reach the residual.
		{"burgers", map[string]float64{"nu": 0.00318}, tsinx, func(x, t float64) float64 {
			return math.Sin(x) + t*math.Sin(x)*t*math.Cos(x) + 0.00318*t*math.Sin(x)
		}},
		{"allen-cahn", map[string]float64{"diffusion": 0.3, "reaction": 2}, tsinx, func(x, t float64) float64 {
			u := t * math.Sin(x)
			return math.Sin(x) + 0.3*u + 2*u*u*u - 2*u
		}},
		{"kdv", map[string]float64{"advection": 0.5, "dispersion": 0.01}, tsinx, func(x, t float64) float64 {
			return math.Sin(x) + 0.5*t*math.Sin(x)*t*math.Cos(x) - 0.01*t*math.Cos(x)
		}},
		{"reaction-diffusion", map[string]float64{"nu": 2, "rho": 3}, tsinx, func(x, t float64) float64 {
			u := t * math.Sin(x)
			return math.Sin(x) + 2*u - 3*u*(1-u)
		}},
		{"helmholtz", map[string]float64{"k": 2}, sinsin(math.Pi, 4*math.Pi), func(x, y float64) float64 { return 0 }},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.name, c.coef), func(t *testing.T) {
			p, err := residuals.LookupWith(c.name, c.coef)
			if err != nil {
				t.Fatal(err)
			}
			pred, err := graph.NewPredictor(manufactured(t, p, c.u), 8, func(f *graph.Fields) []*graph.Node {
				return []*graph.Node{p.Residual(f)}
			})
			if err != nil {
				t.Fatal(err)
			}
			pts := graph.Points{}
			a, b := p.Domain.Coords[0], p.Domain.Coords[1]
			for _, s := range [][2]float64{{0.1, 0.2}, {0.45, 0.9}, {0.8, 0.5}, {0.99, 0.01}} {
				pts[a] = append(pts[a], p.Domain.Min[0]+s[0]*(p.Domain.Max[0]-p.Domain.Min[0]))
				pts[b] = append(pts[b], p.Domain.Min[1]+s[1]*(p.Domain.Max[1]-p.Domain.Min[1]))
			}
			r, err := pred.Predict(pts)
			if err != nil {
				t.Fatal(err)
			}
			for i := range r[0] {
				want := c.want(pts[a][i], pts[b][i])
				if d := math.Abs(r[0][i] - want); !(d <= tol*math.Max(1, math.Abs(want))) {
					t.Errorf("residual at (%v, %v) = %.15g, want %.15g", pts[a][i], pts[b][i], r[0][i], want)
				}
			}
		})
	}
}

// TestExactTechniquesZeroTheirTerms builds every problem with each exact
// technique on a random network and checks that the terms it replaces
// vanish to rounding: the hard transform's initial and boundary terms, and
// the periodic term under a Fourier embedding. (Together, reaction-diffusion
// keeps the slope jump of its initial Gaussian across the boundary, see
// ReactionDiffusion.)
func TestExactTechniquesZeroTheirTerms(t *testing.T) {
	const tol = 1e-26
	for _, name := range residuals.Names() {
		p, err := residuals.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		var setups []residuals.Setup
		var replaced [][]string
		net := graph.MLPConfig{Width: 8, Depth: 2, Seed: 3}
		if p.Hard != nil {
			setups = append(setups, residuals.Setup{Network: net, Hard: true})
			replaced = append(replaced, p.Hard.Replaces)
		}
		if p.Periodic != nil {
			setups = append(setups, residuals.Setup{Network: net, Fourier: 3})
			replaced = append(replaced, []string{p.Periodic.Term})
		}
		if len(setups) == 0 && len(p.Conditions) > 1 {
			// A problem with only observations (burgers-inverse) has no
			// condition to impose exactly.
			t.Errorf("%s: no exact technique applies", name)
		}
		for i := range setups { // the same with the coordinates normalized
			s := setups[i]
			s.Normalize = true
			setups, replaced = append(setups, s), append(replaced, replaced[i])
		}
		byName := map[string]graph.Term{}
		for _, term := range p.Terms() {
			byName[term.Name] = term
		}
		for i, setup := range setups {
			m, err := p.Build(setup)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var terms []graph.Term
			for _, r := range replaced[i] {
				terms = append(terms, byName[r])
				for _, kept := range m.Terms {
					if kept.Name == r {
						t.Errorf("%s: term %q kept although replaced", name, r)
					}
				}
			}
			loss, err := graph.NewLoss(m.Net, terms, graph.Options{Seed: 2})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			gr, err := loss.Compute()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for k, v := range gr.Losses {
				if !(v <= tol) {
					t.Errorf("%s %+v: replaced term %q has loss %.3g", name, setup, gr.Names[k], v)
				}
			}
		}
	}
}

func TestProblemsAreValid(t *testing.T) {
	want := []string{"allen-cahn", "burgers", "burgers-inverse", "helmholtz", "kdv", "poisson-inverse", "reaction-diffusion"}
	names := residuals.Names()
	if len(names) != len(want) {
		t.Fatalf("problems %v, want %v", names, want)
	}
	for i, name := range names {
		if name != want[i] {
			t.Errorf("problem %d is %q, want %q", i, name, want[i])
		}
		p, err := residuals.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Validate(); err != nil {
			t.Error(err)
		}
		if p.Name != name || p.Summary == "" || p.Reference == nil {
			t.Errorf("%s: name %q, summary %q, reference set %v", name, p.Name, p.Summary, p.Reference != nil)
		}
	}
}

func TestBuildRejectsMissingTechniques(t *testing.T) {
	ac, _ := residuals.Lookup("allen-cahn")
	helm, _ := residuals.Lookup("helmholtz")
	misspelled, _ := residuals.Lookup("burgers")
	misspelled.Hard = &residuals.Hard{Transform: misspelled.Hard.Transform, Replaces: []string{"ic", "bcc"}}
	reversed, _ := residuals.Lookup("burgers")
	reversed.Domain.Min, reversed.Domain.Max = reversed.Domain.Max, reversed.Domain.Min
	net := graph.MLPConfig{Width: 4, Depth: 1}
	for _, c := range []struct {
		name string
		p    residuals.Problem
		s    residuals.Setup
	}{
		{"hard constraints without a transform", ac, residuals.Setup{Network: net, Hard: true}},
		{"Fourier without a periodic coordinate", helm, residuals.Setup{Network: net, Fourier: 2}},
		{"causal without time", helm, residuals.Setup{Network: net, Causal: &residuals.CausalSetup{Chunks: 4, Epsilon: 1}}},
		{"causal with no chunks", ac, residuals.Setup{Network: net, Causal: &residuals.CausalSetup{Epsilon: 1}}},
		{"a misspelled term in Hard.Replaces", misspelled, residuals.Setup{Network: net, Hard: true}},
		{"a misspelled term in Hard.Replaces, soft", misspelled, residuals.Setup{Network: net}},
		{"a reversed domain", reversed, residuals.Setup{Network: net}},
	} {
		_, err := c.p.Build(c.s)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		t.Logf("%s: %v", c.name, err)
	}
}
