package residuals

import (
	"bytes"
	"encoding/json"
	"math"
	"sort"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/residuals/reference"
)

// Equation is a built-in PDE whose coefficients are its fields, named by
// their JSON tags: Problem builds the residual and the reference from the
// same values, so that a run is scored against the solution of the
// equation it trains on.
type Equation interface {
	// Validate checks that the coefficients admit the problem's reference.
	Validate() error
	// Problem returns the equation as a Problem.
	Problem() Problem
}

// catalogue lists the built-in equations by name, with the coefficients
// of their benchmarks.
func catalogue() map[string]func() Equation {
	return map[string]func() Equation{
		"burgers":            func() Equation { return &Burgers{Nu: 0.01 / math.Pi} },
		"allen-cahn":         func() Equation { return &AllenCahn{Diffusion: 1e-4, Reaction: 5} },
		"kdv":                func() Equation { return &KdV{Advection: 1, Dispersion: 0.022 * 0.022} },
		"reaction-diffusion": func() Equation { return &ReactionDiffusion{Nu: 5, Rho: 5} },
		"helmholtz":          func() Equation { return &Helmholtz{K: 1} },
		"poisson-inverse":    func() Equation { return &PoissonInverse{} },
		"burgers-inverse":    func() Equation { return &BurgersInverse{Nu: 0.01 / math.Pi} },
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

// Lookup returns the built-in problem called name with its benchmark's
// coefficients.
func Lookup(name string) (Problem, error) { return LookupWith(name, nil) }

// LookupWith returns the built-in problem called name with the given
// coefficients in place of its benchmark's, by name (see Coefficients).
func LookupWith(name string, coefficients map[string]float64) (Problem, error) {
	eq, err := equation(name)
	if err != nil {
		return Problem{}, err
	}
	if len(coefficients) > 0 {
		known := coefficientsOf(eq)
		for k := range coefficients {
			if _, ok := known[k]; !ok {
				return Problem{}, errors.Errorf("%s has no coefficient %q (its coefficients: %v)", name, k, sortedKeys(known))
			}
		}
		raw, err := json.Marshal(coefficients)
		if err != nil {
			return Problem{}, errors.Wrapf(err, "%s coefficients", name)
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(eq); err != nil {
			return Problem{}, errors.Wrapf(err, "%s coefficients", name)
		}
	}
	if err := eq.Validate(); err != nil {
		return Problem{}, err
	}
	return eq.Problem(), nil
}

// Coefficients returns the coefficients of the built-in problem called
// name, with its benchmark's values.
func Coefficients(name string) (map[string]float64, error) {
	eq, err := equation(name)
	if err != nil {
		return nil, err
	}
	return coefficientsOf(eq), nil
}

// equation returns the built-in equation called name with its benchmark's
// coefficients.
func equation(name string) (Equation, error) {
	mk, ok := catalogue()[name]
	if !ok {
		return nil, errors.Errorf("unknown PDE %q (known: %v)", name, Names())
	}
	return mk(), nil
}

// coefficientsOf returns an equation's fields by JSON name; every field of
// a built-in equation is a number.
func coefficientsOf(eq Equation) map[string]float64 {
	raw, _ := json.Marshal(eq)
	m := map[string]float64{}
	_ = json.Unmarshal(raw, &m)
	return m
}

func sortedKeys(m map[string]float64) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// cached returns a Problem.Reference computing s through the on-disk cache.
func cached(s reference.Solution) func(nx, nt int) (*reference.Grid, error) {
	return func(nx, nt int) (*reference.Grid, error) { return reference.Cached("", s, nx, nt) }
}

// positive refuses a coefficient that is not > 0.
func positive(pde, name string, v float64) error {
	if !(v > 0) {
		return errors.Errorf("%s: coefficient %q must be positive, got %v", pde, name, v)
	}
	return nil
}

// nonNegative refuses a coefficient that is not ≥ 0.
func nonNegative(pde, name string, v float64) error {
	if !(v >= 0) {
		return errors.Errorf("%s: coefficient %q must be non-negative, got %v", pde, name, v)
	}
	return nil
}
