package reference

import "fmt"

// AllenCahn is u_t = Eps u_xx + Gamma (u − u³) on x ∈ [−1, 1), periodic,
// with u(x, 0) = x² cos(πx): Fourier pseudo-spectral in x with Modes points,
// ETDRK4 in time with steps of at most Dt.
type AllenCahn struct {
	Eps, Gamma float64
	Modes      int
	Dt         float64
}

// DefaultAllenCahn returns the benchmark's parameters, ε = 1e-4 and γ = 5,
// with 1024 modes: at 512 its interfaces are resolved only to about 2e-7.
func DefaultAllenCahn() AllenCahn { return AllenCahn{Eps: 1e-4, Gamma: 5, Modes: 1024, Dt: 2e-4} }

func (a AllenCahn) problem() semilinear {
	return semilinear{lo: -1, hi: 1, modes: a.Modes,
		// The linear γu goes into L, leaving the cubic as the only nonlinearity.
		lin: func(k float64) complex128 { return complex(a.Gamma-a.Eps*k*k, 0) },
		phys: func(u []float64) {
			for i, v := range u {
				u[i] = -a.Gamma * v * v * v
			}
		},
		mult: func(int, float64) complex128 { return 1 },
		u0:   func(x float64) float64 { return x * x * cosPi(x) },
	}
}

// Key names the coefficients and the solver's settings.
func (a AllenCahn) Key() string {
	return fmt.Sprintf("allen-cahn eps=%v gamma=%v modes=%d dt=%v", a.Eps, a.Gamma, a.Modes, a.Dt)
}

// Grid returns u on nx points of [−1, 1) and nt times of [0, 1].
func (a AllenCahn) Grid(nx, nt int) (*Grid, error) { return spectralGrid(a.problem(), a.Dt, nx, nt) }
