package reference

import (
	"math"
	"sort"

	"github.com/pkg/errors"
)

// solvers maps each PDE with a reference to the function computing it.
func solvers() map[string]func(nx, nt int) (*Grid, error) {
	return map[string]func(nx, nt int) (*Grid, error){
		"burgers":            func(nx, nt int) (*Grid, error) { return NewBurgers(0.01/math.Pi, 250).Grid(nx, nt), nil },
		"allen-cahn":         DefaultAllenCahn().Grid,
		"kdv":                DefaultKdV().Grid,
		"reaction-diffusion": DefaultReactionDiffusion().Grid,
		"helmholtz":          func(nx, ny int) (*Grid, error) { return square(DefaultHelmholtz().U, nx, ny), nil },
		"poisson-inverse":    func(nx, ny int) (*Grid, error) { return square(PoissonInverse{}.U, nx, ny), nil },
	}
}

// Names lists the PDEs with a reference.
func Names() []string {
	var names []string
	for n := range solvers() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Compute returns the reference of a named PDE on an nx × nt grid.
func Compute(name string, nx, nt int) (*Grid, error) {
	solve, ok := solvers()[name]
	if !ok {
		return nil, errors.Errorf("reference: no reference for %q (known: %v)", name, Names())
	}
	if nx < 2 || nt < 2 {
		return nil, errors.Errorf("reference: grid %d × %d needs at least 2 points per axis", nx, nt)
	}
	return solve(nx, nt)
}
