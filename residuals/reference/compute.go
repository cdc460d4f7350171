package reference

import (
	"fmt"
	"math"
	"sort"

	"github.com/pkg/errors"
)

// solver computes one PDE's reference; coefficients describes the
// equation's coefficients and the solver's resolution, which key the cache.
type solver struct {
	coefficients string
	grid         func(nx, nt int) (*Grid, error)
}

// solvers maps each PDE with a reference to the function computing it.
func solvers() map[string]solver {
	burgers := NewBurgers(0.01/math.Pi, 250)
	ac, kdv, rd, helm := DefaultAllenCahn(), DefaultKdV(), DefaultReactionDiffusion(), DefaultHelmholtz()
	return map[string]solver{
		"burgers":            {fmt.Sprintf("nu=%v nodes=%d", burgers.Nu, burgers.Nodes), func(nx, nt int) (*Grid, error) { return burgers.Grid(nx, nt), nil }},
		"allen-cahn":         {fmt.Sprintf("%+v", ac), ac.Grid},
		"kdv":                {fmt.Sprintf("%+v", kdv), kdv.Grid},
		"reaction-diffusion": {fmt.Sprintf("%+v", rd), rd.Grid},
		"helmholtz":          {fmt.Sprintf("%+v", helm), func(nx, ny int) (*Grid, error) { return square(helm.U, nx, ny), nil }},
		"poisson-inverse":    {"closed form", func(nx, ny int) (*Grid, error) { return square(PoissonInverse{}.U, nx, ny), nil }},
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
	return solve.grid(nx, nt)
}
