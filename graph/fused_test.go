package graph

import (
	"fmt"
	"math"
	"testing"

	"gorgonia.org/tensor"
)

// scaledNet multiplies its inner network's output by a parameter column
// element-wise: a use of a parameter that no probe covers.
type scaledNet struct {
	Network
	scale Param
}

func (s scaledNet) Params() []Param {
	return append(append([]Param(nil), s.Network.Params()...), s.scale)
}

func (s scaledNet) Apply(g *Graph, in map[string]*Node) ([]*Node, error) {
	out, err := s.Network.Apply(g, in)
	if err != nil {
		return nil, err
	}
	u := g.Mul(out[0], g.Param(s.scale.Name, s.scale.Value))
	return []*Node{u}, g.Err()
}

// TestFusedTermMatchesOwnGraph checks that the term whose graph also gives
// the per-sample statistics (Options.PerSample) has the loss and gradient
// of the same term in its own graph, for the plain, Fourier and modified
// networks in both dtypes, and that a network using a parameter outside
// the probed products falls back to a graph of its own.
func TestFusedTermMatchesOwnGraph(t *testing.T) {
	dom := testDomain
	kdv := testKdV
	const n = 24
	nets := map[string]func(tensor.Dtype) (Network, error){
		"mlp": func(dt tensor.Dtype) (Network, error) {
			return NewMLP(MLPConfig{Inputs: dom.Coords, Width: 8, Depth: 3, Dtype: dt, Seed: 4})
		},
		"wide": func(dt tensor.Dtype) (Network, error) { // the kernels' tiles, where the CPU has them
			return NewMLP(MLPConfig{Inputs: dom.Coords, Width: 40, Depth: 2, Dtype: dt, Seed: 4})
		},
		"modified": func(dt tensor.Dtype) (Network, error) {
			return NewMLP(MLPConfig{Inputs: dom.Coords, Width: 8, Depth: 2, Dtype: dt, Seed: 4, Modified: true})
		},
		"fourier": func(dt tensor.Dtype) (Network, error) {
			inner, err := NewMLP(MLPConfig{Inputs: FourierInputs(dom.Coords, "x", 2), Width: 8, Depth: 2, Dtype: dt, Seed: 4})
			if err != nil {
				return nil, err
			}
			return NewFourier(inner, dom.Coords, "x", 2, 2)
		},
		"uncovered": func(dt tensor.Dtype) (Network, error) {
			inner, err := NewMLP(MLPConfig{Inputs: dom.Coords, Width: 8, Depth: 2, Dtype: dt, Seed: 4})
			if err != nil {
				return nil, err
			}
			s := tensor.New(tensor.WithShape(n, 1), tensor.Of(dt))
			setColumn(s, func(i int) float64 { return 1 + 0.1*float64(i%5) })
			return scaledNet{Network: inner, scale: Param{Name: "scale", Value: s}}, nil
		},
	}
	for name, build := range nets {
		for _, c := range []struct {
			dt  tensor.Dtype
			tol float64
		}{{tensor.Float64, 1e-12}, {tensor.Float32, 2e-5}} {
			t.Run(fmt.Sprintf("%s/%v", name, c.dt), func(t *testing.T) {
				net, err := build(c.dt)
				if err != nil {
					t.Fatal(err)
				}
				var grs [2]*Gradients
				var fused [2]bool
				for i, perSample := range []bool{false, true} {
					pde := Interior("pde", dom, kdv)
					pde.Weight = 0.7
					pde.Sampling = Sampling{Batch: n}
					l, err := NewLoss(net, []Term{pde}, Options{Seed: 3, PerSample: perSample})
					if err != nil {
						t.Fatal(err)
					}
					if grs[i], err = l.Compute(); err != nil {
						t.Fatal(err)
					}
					fused[i] = l.terms[0].fused != nil
				}
				if fused[0] || fused[1] != (name != "uncovered") {
					t.Fatalf("fused without and with PerSample: %v, want false and %v", fused, name != "uncovered")
				}
				if d := math.Abs(grs[1].Loss-grs[0].Loss) / grs[0].Loss; d > c.tol {
					t.Errorf("loss %v fused, %v own graph (relative %g)", grs[1].Loss, grs[0].Loss, d)
				}
				for j := range grs[0].Total {
					own, got := floatsOf(grs[0].Total[j]), floatsOf(grs[1].Total[j])
					scale := 0.0
					for _, v := range own {
						scale = math.Max(scale, math.Abs(v))
					}
					for e := range own {
						if d := math.Abs(got[e] - own[e]); d > c.tol*scale {
							t.Fatalf("param %d[%d]: gradient %v fused, %v own graph (difference %g, scale %g)", j, e, got[e], own[e], d, scale)
						}
					}
				}
			})
		}
	}
}

// TestSampleStatsFloat32 checks that float32 statistics, computed in
// float32 throughout, agree with the float64 ones of the same network at
// the same points to float32 precision.
func TestSampleStatsFloat32(t *testing.T) {
	dom := testDomain
	burgers := testBurgers
	var grs [2]*Gradients
	for i, dt := range []tensor.Dtype{tensor.Float64, tensor.Float32} {
		// Width 40: a float32 tile of 32 columns and a tail, where the CPU has the kernels.
		net, err := NewMLP(MLPConfig{Inputs: dom.Coords, Width: 40, Depth: 3, Dtype: dt, Seed: 6})
		if err != nil {
			t.Fatal(err)
		}
		pde := Interior("pde", dom, burgers)
		pde.Sampling = Sampling{Batch: 64}
		l, err := NewLoss(net, []Term{pde}, Options{Seed: 3, PerSample: true, PerSampleMean: true})
		if err != nil {
			t.Fatal(err)
		}
		if grs[i], err = l.Compute(); err != nil {
			t.Fatal(err)
		}
	}
	for j := range grs[0].SampleSq {
		for _, pair := range [][2]*tensor.Dense{{grs[0].SampleSq[j], grs[1].SampleSq[j]}, {grs[0].SampleMean[j], grs[1].SampleMean[j]}} {
			want, got := floatsOf(pair[0]), floatsOf(pair[1])
			scale := 0.0
			for _, v := range want {
				scale = math.Max(scale, math.Abs(v))
			}
			for e := range want {
				if d := math.Abs(got[e] - want[e]); d > 1e-4*scale {
					t.Fatalf("param %d[%d]: float32 %v, float64 %v (scale %g)", j, e, got[e], want[e], scale)
				}
			}
		}
	}
}
