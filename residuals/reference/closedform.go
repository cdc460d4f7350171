package reference

import (
	"fmt"
	"math"
)

// Helmholtz is the manufactured solution of Δu + K²u = q on [−1, 1]² used by
// the AutoBalance benchmark: u = sin(A₁πx) sin(A₂πy), with the source q
// derived from it.
type Helmholtz struct{ K, A1, A2 float64 }

// DefaultHelmholtz returns k = 1, u = sin(πx) sin(4πy).
func DefaultHelmholtz() Helmholtz { return Helmholtz{K: 1, A1: 1, A2: 4} }

// Key names the coefficient and the solution's frequencies.
func (h Helmholtz) Key() string { return fmt.Sprintf("helmholtz k=%v a1=%v a2=%v", h.K, h.A1, h.A2) }

// Grid returns u on nx × ny points of [−1, 1]², ends included.
func (h Helmholtz) Grid(nx, ny int) (*Grid, error) { return square(h.U, nx, ny), nil }

// U returns the solution.
func (h Helmholtz) U(x, y float64) float64 {
	return math.Sin(h.A1*math.Pi*x) * math.Sin(h.A2*math.Pi*y)
}

// Q returns the source q = (K² − (A₁π)² − (A₂π)²) u.
func (h Helmholtz) Q(x, y float64) float64 {
	return (h.K*h.K - h.A1*h.A1*math.Pi*math.Pi - h.A2*h.A2*math.Pi*math.Pi) * h.U(x, y)
}

// PoissonInverse is −Δu = q on [−1, 1]² with u = sin(πx) sin(πy) and the
// source q = 2π² sin(πx) sin(πy), which the inverse problem recovers from
// observations of u.
type PoissonInverse struct{}

// Key names the problem, which has no coefficients.
func (PoissonInverse) Key() string { return "poisson-inverse closed-form" }

// Grid returns u on nx × ny points of [−1, 1]², ends included.
func (p PoissonInverse) Grid(nx, ny int) (*Grid, error) { return square(p.U, nx, ny), nil }

// U returns the solution.
func (PoissonInverse) U(x, y float64) float64 { return math.Sin(math.Pi*x) * math.Sin(math.Pi*y) }

// Q returns the source the inverse problem recovers.
func (PoissonInverse) Q(x, y float64) float64 {
	return 2 * math.Pi * math.Pi * math.Sin(math.Pi*x) * math.Sin(math.Pi*y)
}

// square evaluates f on nx × ny points of [−1, 1]², ends included.
func square(f func(x, y float64) float64, nx, ny int) *Grid {
	return Tabulate([2]string{"x", "y"}, Linspace(-1, 1, nx), Linspace(-1, 1, ny), f)
}
