package residuals

import (
	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
)

// Setup is how a Problem becomes a network and loss terms. The zero value
// (besides Network) is the plain PINN: a fully connected network of the
// coordinates and a soft penalty term for every condition. Each technique
// is an option, off by default.
type Setup struct {
	// Network is the fully connected network; its Inputs and Outputs are
	// filled in from the problem.
	Network graph.MLPConfig
	// Fourier, when positive, is the number of modes k = 1…Fourier of the
	// embedding cos/sin(k·2πx/P) of the problem's periodic coordinate,
	// which makes u exactly periodic and drops the periodic term.
	Fourier int
	// Normalize maps every coordinate the Fourier embedding does not take
	// from the problem's domain to [−1, 1] before the network reads it
	// (graph.Normalized). A time window of a marching run is then the
	// network's whole input range.
	Normalize bool
	// Hard imposes the conditions of the problem's Hard transform exactly
	// and drops their terms.
	Hard bool
	// Causal, when set, weights the interior residual causally in time.
	Causal *CausalSetup
}

// CausalSetup is causal weighting of the interior residual (graph.Causal)
// over the problem's whole range of the time coordinate.
type CausalSetup struct {
	Coord   string  // the time coordinate; "" means the domain's (Domain.Time)
	Chunks  int     // number of time chunks M
	Epsilon float64 // causality parameter ε
}

// Model is a problem ready to train.
type Model struct {
	// MLP holds the trainable parameters.
	MLP *graph.MLP
	// Net is the MLP with the embedding and output transform the setup
	// asks for: what the loss terms and the evaluation apply.
	Net graph.Network
	// Terms are the loss terms: the interior residual (graph.RoleInterior)
	// first, then the conditions the network does not satisfy by
	// construction.
	Terms []graph.Term
}

// Build returns the network and loss terms of p under setup s.
func (p Problem) Build(s Setup) (*Model, error) {
	terms, err := p.TermsUnder(s)
	if err != nil {
		return nil, err
	}
	coords := p.Domain.Coords
	cfg := s.Network
	cfg.Inputs = coords
	cfg.Outputs = max(p.Outputs, 1)
	cfg.Unknowns = p.Unknowns
	if s.Fourier > 0 {
		cfg.Inputs = graph.FourierInputs(coords, p.Periodic.Coord, s.Fourier)
	}
	mlp, err := graph.NewMLP(cfg)
	if err != nil {
		return nil, err
	}
	var net graph.Network = mlp
	if s.Fourier > 0 {
		if net, err = graph.NewFourier(mlp, coords, p.Periodic.Coord, p.Periodic.Period, s.Fourier); err != nil {
			return nil, err
		}
	}
	if s.Normalize {
		bounds := map[string][2]float64{}
		for k, c := range coords {
			if s.Fourier == 0 || c != p.Periodic.Coord {
				bounds[c] = [2]float64{p.Domain.Min[k], p.Domain.Max[k]}
			}
		}
		if net, err = graph.NewNormalized(net, bounds); err != nil {
			return nil, err
		}
	}
	if s.Hard {
		if net, err = graph.NewTransformed(net, p.Hard.Transform); err != nil {
			return nil, err
		}
	}
	return &Model{MLP: mlp, Net: net, Terms: terms}, nil
}

// TermsUnder checks setup s against p without building a network and
// returns the loss terms a model built under it trains: the interior
// residual first, then the conditions the network does not satisfy by
// construction.
func (p Problem) TermsUnder(s Setup) ([]graph.Term, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	drop := map[string]bool{}
	if s.Fourier > 0 {
		if p.Periodic == nil {
			return nil, errors.Errorf("residuals: %s has no periodic coordinate to embed", p.Name)
		}
		drop[p.Periodic.Term] = true
	}
	if s.Hard {
		if p.Hard == nil {
			return nil, errors.Errorf("residuals: %s has no hard-constraint transform", p.Name)
		}
		for _, name := range p.Hard.Replaces {
			drop[name] = true
		}
	}
	var terms []graph.Term
	for _, t := range p.Terms() {
		if !drop[t.Name] {
			terms = append(terms, t)
		}
	}
	if c := s.Causal; c != nil {
		coord := c.Coord
		if coord == "" {
			coord = p.Domain.Time
		}
		k := p.Domain.Index(coord)
		if k < 0 {
			return nil, errors.Errorf("residuals: causal weighting in time coordinate %q, which %s does not have", coord, p.Name)
		}
		cw := graph.Causal{Coord: coord, Min: p.Domain.Min[k], Max: p.Domain.Max[k], Chunks: c.Chunks, Epsilon: c.Epsilon}
		if err := cw.Validate(); err != nil {
			return nil, err
		}
		terms[graph.RoleIndex(terms, graph.RoleInterior)].Causal = &cw
	}
	return terms, nil
}
