package graph

import (
	"sort"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"
)

// errNoParams refuses a term whose loss is a constant, in place of
// Gorgonia's "The supplied output Nodes are not the same graph".
var errNoParams = errors.New("graph: the residual does not depend on the network's parameters")

// checkedResiduals wraps a term's residual builder so that what it builds
// is refused at NewLoss rather than trained on or met in Compute: a column
// that is not one value per point (a Mean, a constant, an n×m node) would
// silently change the objective, and a trainable value made inside the
// residual with Graph.Param has no place in the network's gradients.
func checkedResiduals(net Network, residuals func([]*Fields) []*Node) func([]*Fields) []*Node {
	declared := map[*tensor.Dense]bool{}
	for _, p := range net.Params() {
		declared[p.Value] = true
	}
	return func(sites []*Fields) []*Node {
		rs := residuals(sites)
		g := sites[0].Graph
		if g.err != nil {
			return rs
		}
		rows := sites[0].rows()
		for j, r := range rs {
			if r == nil {
				g.fail(errors.Errorf("graph: residual %d is nil", j))
				return nil
			}
			if s := r.Shape(); len(s) != 2 || s[0] != rows || s[1] != 1 {
				g.fail(errors.Errorf("graph: residual %d has shape %v, want one value per point, shape (%d, 1)", j, s, rows))
				return nil
			}
		}
		var undeclared []string
		for value, n := range g.params {
			if !declared[value] {
				undeclared = append(undeclared, n.Name())
			}
		}
		if len(undeclared) > 0 {
			sort.Strings(undeclared)
			g.fail(errors.Errorf("graph: trainable value %q was made inside the residual with Param and is not a parameter of the network", undeclared[0]))
			return nil
		}
		return rs
	}
}

// rows returns the number of points the fields are evaluated at.
func (f *Fields) rows() int {
	for _, x := range f.in {
		return x.Shape()[0]
	}
	return 0
}
