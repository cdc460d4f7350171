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
		return reference.Tabulate([2]string{dom.Coords[0], dom.Coords[1]},
			reference.Linspace(dom.Min[0], dom.Max[0], nx), reference.Linspace(dom.Min[1], dom.Max[1], nt), u), nil
	}
}
