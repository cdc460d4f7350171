package reference

import (
	"math"
	"math/cmplx"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/dsp/fourier"
)

// semilinear is a periodic PDE v_t = L v + N(u) in Fourier space: L is
// diagonal (one value per wavenumber) and N acts on the physical u.
type semilinear struct {
	lo, hi float64                    // periodic interval [lo, hi)
	modes  int                        // grid points, even
	lin    func(k float64) complex128 // L at wavenumber k
	// N(u) = mult(i, k) · FFT(phys(u)): phys acts pointwise in place, mult
	// per wavenumber index i (derivatives, dealiasing).
	phys func(u []float64)
	mult func(i int, k float64) complex128
	u0   func(x float64) float64
}

// etdrk4 integrates a semilinear problem with the fourth-order exponential
// time differencing Runge–Kutta scheme of Cox & Matthews as stabilised by
// Kassam & Trefethen (2005): its φ-function coefficients come from contour
// integrals, so they stay accurate where hL is near zero.
type etdrk4 struct {
	p                    semilinear
	fft                  *fourier.FFT
	k, phys              []float64
	mult                 []complex128
	e, e2, q, f1, f2, f3 []complex128
}

func newETDRK4(p semilinear, h float64) *etdrk4 {
	n := p.modes
	s := &etdrk4{p: p, fft: fourier.NewFFT(n), k: make([]float64, n/2+1), phys: make([]float64, n)}
	for i := range s.k {
		s.k[i] = 2 * math.Pi / (p.hi - p.lo) * float64(i)
		s.mult = append(s.mult, p.mult(i, s.k[i]))
	}
	const m = 64 // contour points on a circle of radius 1 around each hL
	for _, k := range s.k {
		hl := complex(h, 0) * p.lin(k)
		var q, f1, f2, f3 complex128
		for j := 0; j < m; j++ {
			z := hl + cmplx.Exp(complex(0, 2*math.Pi*(float64(j)+0.5)/m))
			ez := cmplx.Exp(z)
			q += (cmplx.Exp(z/2) - 1) / z
			f1 += (-4 - z + ez*(4-3*z+z*z)) / (z * z * z)
			f2 += (2 + z + ez*(z-2)) / (z * z * z)
			f3 += (-4 - 3*z - z*z + ez*(4-z)) / (z * z * z)
		}
		c := complex(h/m, 0)
		s.e = append(s.e, cmplx.Exp(hl))
		s.e2 = append(s.e2, cmplx.Exp(hl/2))
		s.q, s.f1, s.f2, s.f3 = append(s.q, c*q), append(s.f1, c*f1), append(s.f2, c*f2), append(s.f3, c*f3)
	}
	return s
}

// solve returns u on the solver's grid at times t_j = j·dt·stride, j < nt.
func (s *etdrk4) solve(nt, stride int) [][]float64 {
	n := s.p.modes
	x := make([]float64, n)
	u := make([]float64, n)
	for i := range x {
		x[i] = s.p.lo + (s.p.hi-s.p.lo)*float64(i)/float64(n)
		u[i] = s.p.u0(x[i])
	}
	v := s.fft.Coefficients(nil, u)
	m := len(v)
	nv, na, nb, nc := make([]complex128, m), make([]complex128, m), make([]complex128, m), make([]complex128, m)
	a, b, c := make([]complex128, m), make([]complex128, m), make([]complex128, m)
	out := [][]float64{append([]float64(nil), u...)}
	N := func(w []complex128, dst []complex128) {
		s.fft.Sequence(s.phys, w)
		for i := range s.phys {
			s.phys[i] /= float64(n)
		}
		s.p.phys(s.phys)
		s.fft.Coefficients(dst, s.phys)
		for i := range dst {
			dst[i] *= s.mult[i]
		}
	}
	for j := 1; j < nt; j++ {
		for step := 0; step < stride; step++ {
			N(v, nv)
			for i := range v {
				a[i] = s.e2[i]*v[i] + s.q[i]*nv[i]
			}
			N(a, na)
			for i := range v {
				b[i] = s.e2[i]*v[i] + s.q[i]*na[i]
			}
			N(b, nb)
			for i := range v {
				c[i] = s.e2[i]*a[i] + s.q[i]*(2*nb[i]-nv[i])
			}
			N(c, nc)
			for i := range v {
				v[i] = s.e[i]*v[i] + nv[i]*s.f1[i] + 2*(na[i]+nb[i])*s.f2[i] + nc[i]*s.f3[i]
			}
		}
		snap := s.fft.Sequence(nil, v)
		for i := range snap {
			snap[i] /= float64(n)
		}
		out = append(out, snap)
	}
	return out
}

// spectralGrid solves p with time step at most dt and returns u on nx
// points of [lo, hi) and nt times of [0, 1], interpolating trigonometrically
// when nx differs from the number of modes.
func spectralGrid(p semilinear, dt float64, nx, nt int) (*Grid, error) {
	if p.modes < 4 || p.modes%2 != 0 || !(dt > 0) {
		return nil, errors.Errorf("reference: spectral solver needs an even number of modes ≥ 4 and dt > 0, got %d and %v", p.modes, dt)
	}
	interval := 1 / float64(nt-1)
	stride := int(math.Ceil(interval/dt - 1e-9))
	snaps := newETDRK4(p, interval/float64(stride)).solve(nt, stride)
	g := &Grid{Names: [2]string{"x", "t"}, T: Linspace(0, 1, nt), Periodic: true, Period: p.hi - p.lo}
	return resample(g, snaps, p.lo, p.hi, p.modes, nx), nil
}

// resample fills g with snapshots taken on modes points of [lo, hi),
// evaluated at nx points of [lo, hi): exactly where those are solver points,
// by trigonometric interpolation otherwise.
func resample(g *Grid, snaps [][]float64, lo, hi float64, modes, nx int) *Grid {
	g.X = make([]float64, nx)
	for i := range g.X {
		g.X[i] = lo + (hi-lo)*float64(i)/float64(nx)
	}
	g.U = make([]float64, nx*len(snaps))
	fft := fourier.NewFFT(modes)
	for j, snap := range snaps {
		if modes%nx == 0 {
			// The requested points are solver points: no interpolation.
			for i := range g.X {
				g.U[j*nx+i] = snap[i*(modes/nx)]
			}
			continue
		}
		coef := fft.Coefficients(nil, snap)
		for i, x := range g.X {
			g.U[j*nx+i] = trig(coef, modes, 2*math.Pi*(x-lo)/(hi-lo))
		}
	}
	return g
}

// trig evaluates the real trigonometric interpolant with unnormalised
// real-FFT coefficients coef of n samples at phase θ ∈ [0, 2π).
func trig(coef []complex128, n int, theta float64) float64 {
	sum := real(coef[0])
	for k := 1; k < len(coef); k++ {
		w := 2.0
		if k == n/2 {
			w = 1 // the Nyquist mode appears once
		}
		sum += w * real(coef[k]*cmplx.Exp(complex(0, float64(k)*theta)))
	}
	return sum / float64(n)
}
