package residuals

import (
	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// ClosedForm returns a Problem.Reference that evaluates the closed-form
// solution u(a, b) on an nx × nt grid of a two-coordinate domain, both
// ends of each axis included, in reference.Grid's layout.
func ClosedForm(dom graph.Domain, u func(a, b float64) float64) func(nx, nt int) (*reference.Grid, error) {
	return func(nx, nt int) (*reference.Grid, error) {
		if len(dom.Coords) != 2 || dom.Validate() != nil {
			return nil, errors.Errorf("residuals: a closed-form reference needs a valid domain of two coordinates, got %v", dom.Coords)
		}
		if nx < 2 || nt < 2 {
			return nil, errors.Errorf("residuals: grid %d × %d needs at least 2 points per axis", nx, nt)
		}
		g := &reference.Grid{Names: [2]string{dom.Coords[0], dom.Coords[1]},
			X: linspace(dom.Min[0], dom.Max[0], nx), T: linspace(dom.Min[1], dom.Max[1], nt)}
		g.U = make([]float64, nx*nt)
		for j, b := range g.T {
			for i, a := range g.X {
				g.U[j*nx+i] = u(a, b)
			}
		}
		return g, nil
	}
}

// linspace returns n evenly spaced points from a to b, both included.
func linspace(a, b float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = a + (b-a)*float64(i)/float64(n-1)
	}
	out[n-1] = b
	return out
}
