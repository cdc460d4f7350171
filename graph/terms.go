package graph

import (
	"github.com/pkg/errors"
)

// Role is what a loss term imposes. Runners ask for a role (the interior
// residual to balance against, the initial condition a time window
// replaces) instead of matching term names.
type Role int

// The roles the term constructors give.
const (
	RoleOther    Role = iota // not declared (a Term built by hand)
	RoleInterior             // the PDE residual inside the domain (Interior)
	RoleInitial              // the initial condition (Initial)
	RoleBoundary             // a boundary condition (Dirichlet, Periodic)
	RoleData                 // observations (Data)
)

// String returns the role's name.
func (r Role) String() string {
	switch r {
	case RoleInterior:
		return "interior"
	case RoleInitial:
		return "initial"
	case RoleBoundary:
		return "boundary"
	case RoleData:
		return "data"
	}
	return "other"
}

// RoleIndex returns the position of the first term with role r, or -1.
func RoleIndex(terms []Term, r Role) int {
	for k, t := range terms {
		if t.Role == r {
			return k
		}
	}
	return -1
}

// Term is one separately addressable loss term, Σ_j mean(r_j²) over its
// residual columns r_j, with its own points.
type Term struct {
	Name     string
	Role     Role
	Weight   float64
	Sampling Sampling
	// Sites is the number of network evaluations per point (2 for a
	// periodic condition comparing both ends); 0 means 1.
	Sites int
	// Sample draws n points for each site.
	Sample func(src *Source, n int) ([]Points, error)
	// Residuals builds the residual columns from the fields at each site.
	Residuals func(sites []*Fields) []*Node
	// Causal, when set, weights the residual causally in time (see Causal).
	Causal *Causal
	// Forcing are columns computed from the coordinates of the sampled
	// points, which the residuals read with Fields.X.
	Forcing []Forcing
}

func (t Term) sites() int {
	if t.Sites == 0 {
		return 1
	}
	return t.Sites
}

// single adapts a one-site residual.
func single(r Residual) func([]*Fields) []*Node {
	return func(s []*Fields) []*Node { return []*Node{r(s[0])} }
}

// Interior is the PDE residual r on points drawn in the whole domain.
func Interior(name string, d Domain, r Residual) Term {
	return Term{Name: name, Role: RoleInterior, Weight: 1, Residuals: single(r), Sample: func(src *Source, n int) ([]Points, error) {
		if err := d.Validate(); err != nil {
			return nil, err
		}
		return []Points{d.box(src.Cube(n, len(d.Coords)), nil)}, nil
	}}
}

// Initial is the residual r (such as u − u₀) on points at the start of the
// time coordinate t.
func Initial(name string, d Domain, t string, r Residual) Term {
	return Term{Name: name, Role: RoleInitial, Weight: 1, Residuals: single(r), Sample: func(src *Source, n int) ([]Points, error) {
		if err := d.Validate(); err != nil {
			return nil, err
		}
		k := d.Index(t)
		if k < 0 {
			return nil, errors.Errorf("graph: term %q: no coordinate %q in %v", name, t, d.Coords)
		}
		return []Points{d.box(src.Cube(n, len(d.Coords)-1), map[string]float64{t: d.Min[k]})}, nil
	}}
}

// Dirichlet is the residual r (such as u − g) on the two faces where the
// coordinate x is at its minimum and maximum, half of the points on each.
func Dirichlet(name string, d Domain, x string, r Residual) Term {
	return Term{Name: name, Role: RoleBoundary, Weight: 1, Residuals: single(r), Sample: func(src *Source, n int) ([]Points, error) {
		if err := d.Validate(); err != nil {
			return nil, err
		}
		k := d.Index(x)
		if k < 0 {
			return nil, errors.Errorf("graph: term %q: no coordinate %q in %v", name, x, d.Coords)
		}
		lo := d.box(src.Cube(n/2, len(d.Coords)-1), map[string]float64{x: d.Min[k]})
		hi := d.box(src.Cube(n-n/2, len(d.Coords)-1), map[string]float64{x: d.Max[k]})
		for c := range lo {
			lo[c] = append(lo[c], hi[c]...)
		}
		return []Points{lo}, nil
	}}
}

// Periodic matches the network at the two ends of coordinate x: the value
// and the first `derivs` derivatives along x, with the other coordinates equal.
func Periodic(name string, d Domain, x string, derivs int) Term {
	return Term{Name: name, Role: RoleBoundary, Weight: 1, Sites: 2,
		Sample: func(src *Source, n int) ([]Points, error) {
			if err := d.Validate(); err != nil {
				return nil, err
			}
			k := d.Index(x)
			if k < 0 {
				return nil, errors.Errorf("graph: term %q: no coordinate %q in %v", name, x, d.Coords)
			}
			cube := src.Cube(n, len(d.Coords)-1)
			return []Points{
				d.box(cube, map[string]float64{x: d.Min[k]}),
				d.box(cube, map[string]float64{x: d.Max[k]}),
			}, nil
		},
		Residuals: func(s []*Fields) []*Node {
			lo, hi := s[0].U(), s[1].U()
			rs := []*Node{s[0].Sub(lo, hi)}
			for i := 0; i < derivs; i++ {
				lo, hi = s[0].DOf(lo, x), s[1].DOf(hi, x)
				rs = append(rs, s[0].Sub(lo, hi))
			}
			return rs
		}}
}

// Data is the residual r on the given points, which may carry data columns
// beside the coordinates (such as observed values of u); a step uses
// Sampling.Batch of them, all by default.
func Data(name string, pts Points, r Residual) Term {
	n := pts.Len()
	return Term{Name: name, Role: RoleData, Weight: 1, Sampling: Sampling{Pool: n}, Residuals: single(r),
		Sample: func(_ *Source, m int) ([]Points, error) {
			if m > n {
				return nil, errors.Errorf("graph: term %q has %d data points, %d asked", name, n, m)
			}
			return []Points{pts}, nil
		}}
}
