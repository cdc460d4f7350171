package residuals

import (
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
	// Residual is the interior PDE residual, trained on the term "pde"
	// (graph.RoleInterior).
	Residual graph.Residual
	// Interior is how interior points are sampled.
	Interior graph.Sampling
	// Forcing are columns of the interior term computed from the
	// coordinates by Go functions (such as a source f(x, y)), read in
	// Residual with Fields.X.
	Forcing []graph.Forcing
	// Conditions are the initial, boundary and data terms.
	Conditions []graph.Term
	// Reference returns the reference solution on an nx × nt grid; nil
	// when the problem has none.
	Reference func(nx, nt int) (*reference.Grid, error)
	// Grid is the default evaluation grid {nx, nt}.
	Grid [2]int
	// Outputs is the number of network outputs; 0 means 1. Output 0 is u.
	Outputs int
	// Periodic, when set, is the coordinate in which the solution is
	// periodic; a Fourier embedding (Setup.Fourier) then makes it exact.
	Periodic *Periodicity
	// Hard, when set, is an output transform imposing some conditions
	// exactly (Setup.Hard).
	Hard *Hard
	// Field, when set, is a second quantity the network recovers, such as
	// the unknown source of an inverse problem, scored against its own
	// reference.
	Field *Field
	// Unknowns are coefficients of the PDE learned with the network (an
	// inverse problem), read in Residual and Conditions with
	// Fields.Unknown; their true values, when given, are reported.
	Unknowns []graph.Unknown
	// Noisy, when set, returns the problem with Gaussian noise of standard
	// deviation level·std(u) added to its observations of u; nil for a
	// problem without observations.
	Noisy func(level float64) Problem
}

// Periodicity is a periodic coordinate: values in [Min, Min+Period), and
// the soft term that matches the two ends, which an exact Fourier embedding
// makes redundant.
type Periodicity struct {
	Coord  string
	Period float64
	Term   string
}

// Hard imposes conditions exactly through an output transform of the
// network, such as u = u₀(x) + t·N(x, t) for an initial condition; the
// terms it makes redundant are named in Replaces and dropped.
type Hard struct {
	Transform graph.OutputTransform
	Replaces  []string
}

// Field is a network output other than u scored against a reference: the
// recovered field of an inverse problem.
type Field struct {
	Name      string
	Output    int
	Reference func(nx, nt int) (*reference.Grid, error)
}

// Terms returns the loss terms: the interior residual first, then the conditions.
func (p Problem) Terms() []graph.Term {
	pde := graph.Interior("pde", p.Domain, p.Residual)
	pde.Sampling = p.Interior
	pde.Forcing = p.Forcing
	return append([]graph.Term{pde}, p.Conditions...)
}

// Validate checks that the problem is complete.
func (p Problem) Validate() error {
	if p.Name == "" || p.Residual == nil {
		return errors.Errorf("residuals: problem %q needs a name and a residual", p.Name)
	}
	if err := p.Domain.Validate(); err != nil {
		return errors.Wrapf(err, "residuals: problem %q", p.Name)
	}
	if p.Outputs < 0 || p.Field != nil && (p.Field.Output < 1 || p.Field.Output >= max(p.Outputs, 1) || p.Field.Reference == nil) {
		return errors.Errorf("residuals: problem %q: %d outputs, field %+v", p.Name, p.Outputs, p.Field)
	}
	if pp := p.Periodic; pp != nil && (p.Domain.Index(pp.Coord) < 0 || !(pp.Period > 0)) {
		return errors.Errorf("residuals: problem %q: periodic coordinate %q with period %v", p.Name, pp.Coord, pp.Period)
	}
	if p.Hard != nil && p.Hard.Transform == nil {
		return errors.Errorf("residuals: problem %q: hard constraint without a transform", p.Name)
	}
	if p.Hard != nil {
		// A misspelled name would leave its soft term in the loss.
		conditions := map[string]bool{}
		var names []string
		for _, c := range p.Conditions {
			conditions[c.Name] = true
			names = append(names, c.Name)
		}
		for _, name := range p.Hard.Replaces {
			if !conditions[name] {
				return errors.Errorf("residuals: problem %q: Hard.Replaces names %q, which is not one of its conditions %v", p.Name, name, names)
			}
		}
	}
	return nil
}
