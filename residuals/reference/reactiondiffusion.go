package reference

import (
	"fmt"
	"math"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/dsp/fourier"
)

// ReactionDiffusion is u_t = Nu u_xx + Rho u(1 − u) on x ∈ [0, 2π),
// periodic, with u(x, 0) = exp(−(x−π)² / (2(π/4)²)) (Krishnapriyan et al.
// 2021), solved by Strang splitting: half a logistic reaction step in closed
// form, a diffusion step exact in Fourier space, half a reaction step.
type ReactionDiffusion struct {
	Nu, Rho float64
	Modes   int
	Dt      float64
}

// DefaultReactionDiffusion returns ν = ρ = 5.
func DefaultReactionDiffusion() ReactionDiffusion {
	return ReactionDiffusion{Nu: 5, Rho: 5, Modes: 512, Dt: 1e-4}
}

// Key names the coefficients and the solver's settings.
func (r ReactionDiffusion) Key() string {
	return fmt.Sprintf("reaction-diffusion nu=%v rho=%v modes=%d dt=%v", r.Nu, r.Rho, r.Modes, r.Dt)
}

// react advances du/dt = ρu(1−u) by h exactly.
func (r ReactionDiffusion) react(u []float64, h float64) {
	e := math.Exp(r.Rho * h)
	for i, v := range u {
		u[i] = v * e / (1 - v + v*e)
	}
}

// Grid returns u on nx points of [0, 2π) and nt times of [0, 1].
func (r ReactionDiffusion) Grid(nx, nt int) (*Grid, error) {
	if r.Modes < 4 || r.Modes%2 != 0 || !(r.Dt > 0) || nx < 2 || nt < 2 {
		return nil, errors.Errorf("reference: reaction-diffusion needs even modes ≥ 4, dt > 0 and a grid of at least 2 × 2, got %d, %v, %d × %d", r.Modes, r.Dt, nx, nt)
	}
	n := r.Modes
	period := 2 * math.Pi
	interval := 1 / float64(nt-1)
	stride := int(math.Ceil(interval/r.Dt - 1e-9))
	h := interval / float64(stride)
	fft := fourier.NewFFT(n)
	decay := make([]complex128, n/2+1)
	for k := range decay {
		decay[k] = complex(math.Exp(-r.Nu*float64(k*k)*h)/float64(n), 0)
	}
	u := make([]float64, n)
	for i := range u {
		x := period * float64(i) / float64(n)
		u[i] = math.Exp(-(x - math.Pi) * (x - math.Pi) / (2 * math.Pi * math.Pi / 16))
	}
	g := &Grid{Names: [2]string{"x", "t"}, T: Linspace(0, 1, nt), Periodic: true, Period: period}
	snaps := [][]float64{append([]float64(nil), u...)}
	c := make([]complex128, n/2+1)
	for j := 1; j < nt; j++ {
		for s := 0; s < stride; s++ {
			r.react(u, h/2)
			fft.Coefficients(c, u)
			for k := range c {
				c[k] *= decay[k]
			}
			fft.Sequence(u, c)
			r.react(u, h/2)
		}
		snaps = append(snaps, append([]float64(nil), u...))
	}
	return resample(g, snaps, 0, period, n, nx), nil
}
