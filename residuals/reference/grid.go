package reference

import (
	"bufio"
	"fmt"
	"io"
	"math"

	"github.com/pkg/errors"
)

// Grid holds u on a tensor grid: U[j*len(X)+i] = u(X[i], T[j]). Names are
// the axis names, {"x", "t"} or {"x", "y"} (y is then stored in T).
type Grid struct {
	Names    [2]string
	X, T     []float64
	U        []float64
	Periodic bool    // x is periodic
	Period   float64 // length of the periodic x interval, when Periodic
}

// Validate checks that the grid's sizes agree.
func (g *Grid) Validate() error {
	if len(g.X) < 1 || len(g.T) < 1 || len(g.U) != len(g.X)*len(g.T) {
		return errors.Errorf("reference: grid of %d × %d points has %d values", len(g.X), len(g.T), len(g.U))
	}
	return nil
}

// WriteCSV writes a header "x,t,u" (after Names) and one row per grid point,
// with full float64 precision.
func (g *Grid) WriteCSV(w io.Writer) error {
	if err := g.Validate(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s,%s,u\n", g.Names[0], g.Names[1])
	for j, t := range g.T {
		for i, x := range g.X {
			fmt.Fprintf(bw, "%.17g,%.17g,%.17g\n", x, t, g.U[j*len(g.X)+i])
		}
	}
	return errors.Wrap(bw.Flush(), "reference: writing CSV")
}

// Tabulate evaluates f on the tensor grid xs × ts with the given axis names.
func Tabulate(names [2]string, xs, ts []float64, f func(a, b float64) float64) *Grid {
	g := &Grid{Names: names, X: xs, T: ts, U: make([]float64, len(xs)*len(ts))}
	for j, t := range ts {
		for i, x := range xs {
			g.U[j*len(xs)+i] = f(x, t)
		}
	}
	return g
}

// Linspace returns n evenly spaced points from a to b, both included.
func Linspace(a, b float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = a + (b-a)*float64(i)/float64(n-1)
	}
	out[n-1] = b
	return out
}

// Slab returns the rows of g whose second coordinate lies in [lo, hi]
// (to a rounding tolerance), sharing g's storage: the reference of one
// time window.
func (g *Grid) Slab(lo, hi float64) (*Grid, error) {
	tol := 1e-9 * max(math.Abs(lo), math.Abs(hi), 1)
	first, last := -1, -1
	for j, t := range g.T {
		if t >= lo-tol && t <= hi+tol {
			if first < 0 {
				first = j
			}
			last = j
		}
	}
	if first < 0 {
		return nil, errors.Errorf("reference: no grid row with %s in [%g, %g]", g.Names[1], lo, hi)
	}
	s := *g
	s.T = g.T[first : last+1]
	s.U = g.U[first*len(g.X) : (last+1)*len(g.X)]
	return &s, nil
}
