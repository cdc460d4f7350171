package graph_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// TestNewLossRefusesMisuse builds a loss from each misuse a new user can
// write through the public API and checks that NewLoss (not Compute)
// refuses it with one line naming the term and what is wrong, whether the
// term has a graph of its own, gives the per-sample statistics, is split
// into shards or is weighted causally.
func TestNewLossRefusesMisuse(t *testing.T) {
	net, err := graph.NewMLP(graph.MLPConfig{Inputs: []string{"x", "t"}, Width: 8, Depth: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	firstRow := net.Params()[0].Value // the 1×8 weights of x in the first layer
	if s := firstRow.Shape(); s[0] != 1 || s[1] != 8 {
		t.Fatalf("first parameter has shape %v, want 1×8", s)
	}
	reversed := graph.Domain{Coords: []string{"x", "t"}, Min: []float64{1, 0}, Max: []float64{-1, 1}}
	interior := func(r graph.Residual) []graph.Term {
		return []graph.Term{graph.Interior("pde", box, r)}
	}
	forced := func(fc graph.Forcing) []graph.Term {
		pde := graph.Interior("pde", box, func(f *graph.Fields) *graph.Node { return f.Sub(f.U(), f.X(fc.Name)) })
		pde.Forcing = []graph.Forcing{fc}
		return []graph.Term{pde}
	}
	cases := []struct {
		name  string
		terms []graph.Term
		want  []string // substrings of the error
	}{
		{"scalar residual", interior(func(f *graph.Fields) *graph.Node { return f.Mean(f.U()) }),
			[]string{`term "pde"`, "residual 0", "shape ()", "one value per point"}},
		{"constant residual", interior(func(f *graph.Fields) *graph.Node { return f.Scalar(1) }),
			[]string{`term "pde"`, "shape ()"}},
		{"n×8 residual", interior(func(f *graph.Fields) *graph.Node { return f.MulRow(f.U(), f.Param("w", firstRow)) }),
			[]string{`term "pde"`, "shape (16, 8)", "one value per point"}},
		{"n×8 condition", []graph.Term{graph.Initial("ic", box, "t", func(f *graph.Fields) *graph.Node {
			return f.MulRow(f.U(), f.Param("w", firstRow))
		})}, []string{`term "ic"`, "shape (16, 8)"}},
		{"undeclared trainable", interior(func(f *graph.Fields) *graph.Node {
			c := f.Param("c", tensor.New(tensor.WithShape(1, 1), tensor.WithBacking([]float64{0.5})))
			return f.Sub(f.D("t"), f.MulRow(f.D("x"), c))
		}), []string{`term "pde"`, `"c"`, "not a parameter of the network"}},
		{"undeclared unknown", interior(func(f *graph.Fields) *graph.Node {
			return f.Sub(f.D("t"), f.Mul(f.Unknown("lambda"), f.D("x")))
		}), []string{`term "pde"`, `no unknown "lambda"`, "MLPConfig.Unknowns"}},
		{"residual without the network", interior(func(f *graph.Fields) *graph.Node { return f.X("x") }),
			[]string{`term "pde"`, "does not depend on the network"}},
		{"derivative of a mean", interior(func(f *graph.Fields) *graph.Node { return f.DOf(f.Mean(f.U()), "x") }),
			[]string{`term "pde"`, "Mean", "not one value per point"}},
		{"forcing of a missing coordinate", forced(graph.Forcing{Name: "f", Coords: []string{"y"}, F: func([]float64) float64 { return 1 }}),
			[]string{`term "pde"`, `forcing "f" of "y"`}},
		{"forcing named as a coordinate", forced(graph.Forcing{Name: "x", Coords: []string{"x"}, F: func([]float64) float64 { return 1 }}),
			[]string{`term "pde"`, `forcing "x" has the name of a sampled column`}},
		{"forcing not finite", forced(graph.Forcing{Name: "f", Coords: []string{"x"}, F: func(x []float64) float64 { return math.Log(x[0]) }}),
			[]string{`term "pde"`, `forcing "f" is NaN`}},
		{"reversed domain", []graph.Term{graph.Interior("pde", reversed, func(f *graph.Fields) *graph.Node { return f.U() })},
			[]string{`term "pde"`, `"x"`, "min 1 ≥ max -1"}},
		{"reversed domain, condition", []graph.Term{graph.Dirichlet("bc", reversed, "t", func(f *graph.Fields) *graph.Node { return f.U() })},
			[]string{`term "bc"`, "min 1 ≥ max -1"}},
	}
	options := []struct {
		name   string
		batch  int
		opt    graph.Options
		causal *graph.Causal
	}{
		{"", 16, graph.Options{Seed: 1}, nil},
		{", per-sample", 16, graph.Options{Seed: 1, PerSample: true}, nil},
		{", shards", 1024, graph.Options{Seed: 1, Shards: 2}, nil},
		{", causal", 16, graph.Options{Seed: 1}, &graph.Causal{Coord: "t", Min: 0, Max: 1, Chunks: 4, Epsilon: 1}},
	}
	for _, o := range options {
		for _, c := range cases {
			terms := append([]graph.Term(nil), c.terms...)
			terms[0].Sampling = graph.Sampling{Batch: o.batch}
			terms[0].Causal = o.causal
			opt := o.opt
			opt.PerSampleTerm = terms[0].Name
			want := make([]string, len(c.want))
			for i, w := range c.want {
				want[i] = strings.ReplaceAll(w, "(16,", fmt.Sprintf("(%d,", o.batch/max(1, opt.Shards)))
			}
			t.Run(c.name+o.name, func(t *testing.T) {
				var err error
				func() {
					defer func() {
						if p := recover(); p != nil {
							t.Fatalf("panic: %v", p)
						}
					}()
					_, err = graph.NewLoss(net, terms, opt)
				}()
				if err == nil {
					t.Fatal("no error")
				}
				msg := err.Error()
				t.Log(msg)
				if strings.Contains(msg, "\n") {
					t.Errorf("error spans lines: %q", msg)
				}
				for _, w := range want {
					if !strings.Contains(msg, w) {
						t.Errorf("error %q does not say %q", msg, w)
					}
				}
			})
		}
	}
}
