package graph

import (
	"fmt"
	"math"

	"github.com/pkg/errors"
)

// Fourier is a network that sees a periodic coordinate only through the
// features cos(k·2πx/P) and sin(k·2πx/P), k = 1…Modes, so that its outputs
// and all their derivatives are exactly P-periodic in x (Dong & Ni 2021;
// Wang, Sankaran & Perdikaris 2022). This replaces a soft periodic loss
// term, which only penalises the mismatch at sampled boundary points.
//
// The wrapped network reads the feature columns named by FourierInputs
// instead of x; the features are built with the Graph's own ops, so
// derivatives with respect to x go through them.
type Fourier struct {
	net    Network
	coords []string
	coord  string
	period float64
	modes  int
}

// FourierInputs returns the input columns the network wrapped by NewFourier
// must read: coords with coord replaced by its 2·modes features, in order.
func FourierInputs(coords []string, coord string, modes int) []string {
	var out []string
	for _, c := range coords {
		if c != coord {
			out = append(out, c)
			continue
		}
		for k := 1; k <= modes; k++ {
			out = append(out, fourierName(coord, "cos", k), fourierName(coord, "sin", k))
		}
	}
	return out
}

func fourierName(coord, fn string, k int) string { return fmt.Sprintf("%s_%s%d", coord, fn, k) }

// NewFourier wraps net, which must read FourierInputs(coords, coord, modes),
// into a network of the coordinates coords that is period-periodic in coord.
func NewFourier(net Network, coords []string, coord string, period float64, modes int) (*Fourier, error) {
	if modes < 1 || !(period > 0) || math.IsInf(period, 0) {
		return nil, errors.Errorf("graph: Fourier embedding needs modes ≥ 1 and a finite period > 0, got %d and %v", modes, period)
	}
	found := false
	for _, c := range coords {
		found = found || c == coord
	}
	if !found {
		return nil, errors.Errorf("graph: Fourier embedding of %q, which is not among the coordinates %v", coord, coords)
	}
	want := FourierInputs(coords, coord, modes)
	got := net.Inputs()
	if len(got) != len(want) {
		return nil, errors.Errorf("graph: Fourier embedding: the wrapped network reads %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			return nil, errors.Errorf("graph: Fourier embedding: the wrapped network reads %v, want %v", got, want)
		}
	}
	return &Fourier{net: net, coords: append([]string(nil), coords...), coord: coord, period: period, modes: modes}, nil
}

// Inputs names the coordinates, the periodic one among them.
func (f *Fourier) Inputs() []string { return f.coords }

// Outputs is the wrapped network's number of outputs.
func (f *Fourier) Outputs() int { return f.net.Outputs() }

// Params are the wrapped network's parameters; the embedding has none.
func (f *Fourier) Params() []Param { return f.net.Params() }

// Apply builds the features from the periodic column and applies the
// wrapped network to them and the other columns.
func (f *Fourier) Apply(g *Graph, in map[string]*Node) ([]*Node, error) {
	x, ok := in[f.coord]
	if !ok {
		return nil, errors.Errorf("graph: Fourier embedding: input %q missing", f.coord)
	}
	inner := map[string]*Node{}
	for name, col := range in {
		if name != f.coord {
			inner[name] = col
		}
	}
	for k := 1; k <= f.modes; k++ {
		arg := g.Scale(2*math.Pi*float64(k)/f.period, x)
		inner[fourierName(f.coord, "cos", k)] = g.Cos(arg)
		inner[fourierName(f.coord, "sin", k)] = g.Sin(arg)
	}
	if err := g.Err(); err != nil {
		return nil, err
	}
	return f.net.Apply(g, inner)
}
