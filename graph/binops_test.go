package graph

import (
	"math"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// TestBinaryMatchesGorgonia builds ((a − b) ⊙ c) · s + a, its sum and the
// gradients with respect to a, b and c once with these ops and once with
// Gorgonia's, and checks values and gradients bit for bit, in float64 and
// float32, on lengths that leave every tail of the kernels.
func TestBinaryMatchesGorgonia(t *testing.T) {
	type ops struct {
		name          string
		add, sub, mul func(a, b *Node) (*Node, error)
	}
	own := ops{"own",
		func(a, b *Node) (*Node, error) { return binary(binAdd, a, b) },
		func(a, b *Node) (*Node, error) { return binary(binSub, a, b) },
		func(a, b *Node) (*Node, error) { return binary(binMul, a, b) }}
	theirs := ops{"gorgonia", gorgonia.Add, gorgonia.Sub, gorgonia.HadamardProd}
	for _, dt := range []tensor.Dtype{tensor.Float64, tensor.Float32} {
		for _, n := range []int{1, 7, 37} {
			run := func(o ops) []float64 {
				eg := gorgonia.NewGraph()
				var in []*Node
				for k, name := range []string{"a", "b", "c"} {
					v := make([]float64, n*3)
					for i := range v {
						v[i] = math.Sin(float64(7*i+k+1)) * math.Pow(10, float64(i%5-2))
					}
					var backing any = v
					if dt == tensor.Float32 {
						w := make([]float32, len(v))
						for i := range v {
							w[i] = float32(v[i])
						}
						backing = w
					}
					in = append(in, gorgonia.NewMatrix(eg, dt, gorgonia.WithShape(n, 3), gorgonia.WithName(name),
						gorgonia.WithValue(tensor.New(tensor.WithShape(n, 3), tensor.WithBacking(backing)))))
				}
				d, err := o.sub(in[0], in[1])
				if err == nil {
					d, err = o.mul(d, in[2])
				}
				if err == nil {
					if o.name == "own" {
						d, err = binary(binScale, scalarConstant(eg, dt, -0.3), d)
					} else {
						d, err = gorgonia.HadamardProd(scalarConstant(eg, dt, -0.3), d)
					}
				}
				if err == nil {
					d, err = o.add(d, in[0])
				}
				var sum *Node
				if err == nil {
					sum, err = gorgonia.Sum(d)
				}
				if err == nil {
					_, err = gorgonia.Grad(sum, in...)
				}
				if err != nil {
					t.Fatalf("%s %v n=%d: %v", o.name, dt, n, err)
				}
				m := gorgonia.NewTapeMachine(eg)
				defer m.Close()
				if err := m.RunAll(); err != nil {
					t.Fatalf("%s %v n=%d: %v", o.name, dt, n, err)
				}
				var out []float64
				for _, node := range append([]*Node{d}, in...) {
					v := node.Value()
					if node != d {
						g, err := node.Grad()
						if err != nil {
							t.Fatal(err)
						}
						v = g
					}
					switch x := v.Data().(type) {
					case []float64:
						out = append(out, x...)
					case []float32:
						for _, f := range x {
							out = append(out, float64(f))
						}
					}
				}
				return out
			}
			got, want := run(own), run(theirs)
			if len(got) != len(want) || len(got) != 4*n*3 {
				t.Fatalf("%v n=%d: %d values, want %d and %d", dt, n, len(got), len(want), 4*n*3)
			}
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("%v n=%d: value %d (of the result and the three gradients) is %v, Gorgonia's %v", dt, n, i, got[i], want[i])
				}
			}
		}
	}
}
