package residuals

import (
	"sort"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals/reference"
)

// Problem is a PDE to solve: where, what residual, which conditions, and
// what to score against. Its terms carry default weights and sampling that
// a configuration may override by term name.
type Problem struct {
	Name    string
	Summary string
	Domain  graph.Domain
	// Residual is the interior PDE residual, trained on the term "pde".
	Residual graph.Residual
	// Interior is how interior points are sampled.
	Interior graph.Sampling
	// Conditions are the initial, boundary and data terms.
	Conditions []graph.Term
	// Reference returns the reference solution on an nx × nt grid; nil
	// when the problem has none.
	Reference func(nx, nt int) (*reference.Grid, error)
	// Grid is the default evaluation grid {nx, nt}.
	Grid [2]int
}

// Terms returns the loss terms: the interior residual first, then the conditions.
func (p Problem) Terms() []graph.Term {
	pde := graph.Interior("pde", p.Domain, p.Residual)
	pde.Sampling = p.Interior
	return append([]graph.Term{pde}, p.Conditions...)
}

// Validate checks that the problem is complete.
func (p Problem) Validate() error {
	if p.Name == "" || p.Residual == nil {
		return errors.Errorf("residuals: problem %q needs a name and a residual", p.Name)
	}
	return errors.Wrapf(p.Domain.Validate(), "residuals: problem %q", p.Name)
}

// catalogue lists the built-in problems by name.
func catalogue() map[string]func() Problem {
	return map[string]func() Problem{
		"burgers": Burgers,
	}
}

// Names lists the built-in problems.
func Names() []string {
	var names []string
	for n := range catalogue() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the built-in problem called name.
func Lookup(name string) (Problem, error) {
	mk, ok := catalogue()[name]
	if !ok {
		return Problem{}, errors.Errorf("unknown PDE %q (known: %v)", name, Names())
	}
	return mk(), nil
}
