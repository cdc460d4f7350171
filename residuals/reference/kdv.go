package reference

import "fmt"

// KdV is u_t + Advection u u_x + Dispersion u_xxx = 0 on x ∈ [−1, 1), periodic, with
// u(x, 0) = cos(πx): Fourier pseudo-spectral in x with Modes points and the
// 2/3 rule against aliasing of u u_x = (u²/2)_x, ETDRK4 in time with steps
// of at most Dt.
type KdV struct {
	Advection, Dispersion float64
	Modes                 int
	Dt                    float64
}

// DefaultKdV returns the benchmark's parameters: advection 1 and
// dispersion δ² with δ = 0.022.
func DefaultKdV() KdV { return KdV{Advection: 1, Dispersion: 0.022 * 0.022, Modes: 512, Dt: 5e-5} }

// Key names the coefficients and the solver's settings.
func (p KdV) Key() string {
	return fmt.Sprintf("kdv advection=%v dispersion=%v modes=%d dt=%v", p.Advection, p.Dispersion, p.Modes, p.Dt)
}

func (p KdV) problem() semilinear {
	d2 := p.Dispersion
	cut := float64(p.Modes) / 3 // wavenumber index beyond which modes are dealiased
	return semilinear{lo: -1, hi: 1, modes: p.Modes,
		// −δ² ∂³ₓ is i δ² k³ in Fourier space, δ² the dispersion.
		lin: func(k float64) complex128 { return complex(0, d2*k*k*k) },
		phys: func(u []float64) {
			for i, v := range u {
				u[i] = p.Advection * v * v / 2
			}
		},
		mult: func(i int, k float64) complex128 {
			if float64(i) > cut || i == p.Modes/2 {
				return 0
			}
			return complex(0, -k)
		},
		u0: cosPi,
	}
}

// Grid returns u on nx points of [−1, 1) and nt times of [0, 1].
func (p KdV) Grid(nx, nt int) (*Grid, error) { return spectralGrid(p.problem(), p.Dt, nx, nt) }
