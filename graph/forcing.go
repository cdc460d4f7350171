package graph

import (
	"math"

	"github.com/pkg/errors"
)

// Forcing is a data column computed by a Go function from the coordinates
// of every point a term samples, such as the source f(x, y) of
// −Δu + u³ = f, read in the residual as Fields.X(Name). It is a constant
// of the graph: the derivatives of u stay exact, and D of the column
// itself is zero (write a derivative of the forcing as a Forcing of its
// own).
type Forcing struct {
	Name   string
	Coords []string // the arguments of F, in order
	F      func(x []float64) float64
}

// forcedSample wraps a term's sampler so that every draw also carries the
// forcing columns, evaluated at each site's points. The sampler's own
// Points (a Data term's, which the caller owns) are left as they are.
func forcedSample(sample func(*Source, int) ([]Points, error), forcing []Forcing) func(*Source, int) ([]Points, error) {
	return func(src *Source, n int) ([]Points, error) {
		sites, err := sample(src, n)
		if err != nil {
			return nil, err
		}
		out := make([]Points, len(sites))
		for s, pts := range sites {
			out[s] = Points{}
			for c, col := range pts {
				out[s][c] = col
			}
			for _, fc := range forcing {
				col, err := fc.eval(pts)
				if err != nil {
					return nil, err
				}
				out[s][fc.Name] = col
			}
		}
		return out, nil
	}
}

// eval returns F at every point of pts.
func (fc Forcing) eval(pts Points) ([]float64, error) {
	if fc.Name == "" || fc.F == nil {
		return nil, errors.Errorf("graph: forcing %q needs a name and a function", fc.Name)
	}
	if _, ok := pts[fc.Name]; ok {
		return nil, errors.Errorf("graph: forcing %q has the name of a sampled column", fc.Name)
	}
	args := make([][]float64, len(fc.Coords))
	for k, c := range fc.Coords {
		if args[k] = pts[c]; args[k] == nil {
			return nil, errors.Errorf("graph: forcing %q of %q, which the points do not have", fc.Name, c)
		}
	}
	col := make([]float64, pts.Len())
	x := make([]float64, len(fc.Coords))
	for i := range col {
		for k := range x {
			x[k] = args[k][i]
		}
		col[i] = fc.F(x)
		if math.IsNaN(col[i]) || math.IsInf(col[i], 0) {
			return nil, errors.Errorf("graph: forcing %q is %v at %v", fc.Name, col[i], x)
		}
	}
	return col, nil
}
