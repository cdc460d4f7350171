package graph

import (
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// TestRunDirect checks that machines run their program without RunAll,
// that a run gives RunAll's values, and that an op's failure comes back
// as the run's error.
func TestRunDirect(t *testing.T) {
	g := gorgonia.NewGraph()
	a := gorgonia.NewMatrix(g, tensor.Float64, gorgonia.WithShape(2, 2), gorgonia.WithName("a"),
		gorgonia.WithValue(tensor.New(tensor.WithShape(2, 2), tensor.WithBacking([]float64{1, 2, 3, 4}))))
	b := gorgonia.NewMatrix(g, tensor.Float64, gorgonia.WithShape(2, 2), gorgonia.WithName("b"),
		gorgonia.WithValue(tensor.New(tensor.WithShape(2, 2), tensor.WithBacking([]float64{5, 6, 7, 8}))))
	c := gorgonia.Must(gorgonia.Mul(a, b))
	m, err := newMachine(g, c)
	if err != nil {
		t.Fatal(err)
	}
	if !m.direct {
		t.Fatal("machine runs through RunAll")
	}
	for range 2 {
		if err := m.run(); err != nil {
			t.Fatal(err)
		}
		if got, want := c.Value().Data().([]float64), []float64{19, 22, 43, 50}; !equalFloats(got, want) {
			t.Fatalf("a·b = %v, want %v", got, want)
		}
	}
	if err := b.Value().(*tensor.Dense).Reshape(4, 1); err != nil {
		t.Fatal(err)
	}
	if err := m.run(); err == nil {
		t.Fatal("a 2×2 by 4×1 product ran without error")
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
