package reference

import (
	"math"

	"github.com/pkg/errors"
	"gonum.org/v1/gonum/dsp/fourier"
)

// Interpolator evaluates a grid's solution at arbitrary points: by the
// trigonometric interpolant in x on periodic grids (spectrally accurate for
// the spectral references), by cubic Lagrange interpolation otherwise, and
// by cubic Lagrange interpolation in t.
type Interpolator struct {
	g    *Grid
	coef [][]complex128 // per time row, the real FFT of the row (periodic grids)
}

// NewInterpolator prepares g for interpolation.
func NewInterpolator(g *Grid) (*Interpolator, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if len(g.X) < 4 || len(g.T) < 4 {
		return nil, errors.Errorf("reference: interpolation needs at least 4 × 4 grid points, got %d × %d", len(g.X), len(g.T))
	}
	in := &Interpolator{g: g}
	if g.Periodic {
		fft := fourier.NewFFT(len(g.X))
		for j := range g.T {
			in.coef = append(in.coef, fft.Coefficients(nil, g.U[j*len(g.X):(j+1)*len(g.X)]))
		}
	}
	return in, nil
}

// At returns u(x, t); points outside the grid's range are an error (x wraps
// around on periodic grids).
func (in *Interpolator) At(x, t float64) (float64, error) {
	g := in.g
	if math.IsNaN(x) || math.IsNaN(t) || t < g.T[0] || t > g.T[len(g.T)-1] {
		return 0, errors.Errorf("reference: (%v, %v) outside t ∈ [%v, %v]", x, t, g.T[0], g.T[len(g.T)-1])
	}
	if !g.Periodic && (x < g.X[0] || x > g.X[len(g.X)-1]) {
		return 0, errors.Errorf("reference: x = %v outside [%v, %v]", x, g.X[0], g.X[len(g.X)-1])
	}
	rows, wt := lagrange4(g.T, t)
	var u float64
	for r, j := range rows {
		u += wt[r] * in.row(j, x)
	}
	return u, nil
}

// row interpolates time row j at x.
func (in *Interpolator) row(j int, x float64) float64 {
	g := in.g
	if g.Periodic {
		theta := 2 * math.Pi * (x - g.X[0]) / g.Period
		return trig(in.coef[j], len(g.X), theta)
	}
	cols, wx := lagrange4(g.X, x)
	var u float64
	for c, i := range cols {
		u += wx[c] * g.U[j*len(g.X)+i]
	}
	return u
}

// lagrange4 returns the four nodes of the sorted axis nearest to s and the
// cubic Lagrange weights for s; s exactly at a node gets weight one there.
func lagrange4(axis []float64, s float64) ([4]int, [4]float64) {
	k := 0
	for k+1 < len(axis) && axis[k+1] <= s {
		k++
	}
	lo := min(max(k-1, 0), len(axis)-4)
	var idx [4]int
	var w [4]float64
	for a := 0; a < 4; a++ {
		idx[a] = lo + a
		w[a] = 1
		for b := 0; b < 4; b++ {
			if a != b {
				w[a] *= (s - axis[lo+b]) / (axis[lo+a] - axis[lo+b])
			}
		}
	}
	return idx, w
}
