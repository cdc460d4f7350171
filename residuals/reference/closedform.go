package reference

import "math"

// Helmholtz is the manufactured solution of Δu + K²u = q on [−1, 1]² used by
// the AutoBalance benchmark: u = sin(A₁πx) sin(A₂πy), with the source q
// derived from it.
type Helmholtz struct{ K, A1, A2 float64 }

// DefaultHelmholtz returns k = 1, u = sin(πx) sin(4πy).
func DefaultHelmholtz() Helmholtz { return Helmholtz{K: 1, A1: 1, A2: 4} }

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
