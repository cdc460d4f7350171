package graph_test

import (
	"testing"

	"github.com/pinngo/pinn/graph"
)

// TestSamplersMapTheCube checks the points of the box samplers against the
// unit-cube points of an identically seeded source, exactly: coordinate
// Min + (Max−Min)·u of the free coordinates in order, the pinned one at
// its face.
func TestSamplersMapTheCube(t *testing.T) {
	dom := graph.Domain{Coords: []string{"x", "y", "t"}, Min: []float64{-1, 2, 0}, Max: []float64{1, 5, 0.5}}
	lo := func(k int) float64 { return dom.Min[k] }
	hi := func(k int) float64 { return dom.Max[k] }
	for _, tc := range []struct {
		name   string
		term   graph.Term
		pinned int                 // the coordinate on a face, or -1
		face   []func(int) float64 // the face of each block of points
	}{
		{"interior", graph.Interior("r", dom, nil), -1, []func(int) float64{nil}},
		{"initial", graph.Initial("r", dom, "t", nil), 2, []func(int) float64{lo}},
		{"dirichlet", graph.Dirichlet("r", dom, "y", nil), 1, []func(int) float64{lo, hi}},
	} {
		for _, m := range []graph.Method{graph.Uniform, graph.LatinHypercube} {
			const n = 37 // odd: the Dirichlet faces get 18 and 19 points
			pts, err := tc.term.Sample(graph.NewSource(3, m), n)
			if err != nil {
				t.Fatal(err)
			}
			ref := graph.NewSource(3, m)
			dim := len(dom.Coords)
			if tc.pinned >= 0 {
				dim--
			}
			row := 0
			for b, face := range tc.face {
				size := n / len(tc.face)
				if b == len(tc.face)-1 {
					size = n - row
				}
				for _, u := range ref.Cube(size, dim) {
					j := 0
					for k, c := range dom.Coords {
						want := 0.0
						if k == tc.pinned {
							want = face(k)
						} else {
							want = dom.Min[k] + (dom.Max[k]-dom.Min[k])*u[j]
							j++
						}
						if got := pts[0][c][row]; got != want {
							t.Fatalf("%s, method %v: point %d coordinate %s is %v, want %v", tc.name, m, row, c, got, want)
						}
					}
					row++
				}
			}
		}
	}
}
