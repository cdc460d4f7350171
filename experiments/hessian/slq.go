package hessian

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/pkg/errors"
)

// Settings are the sizes of an analysis.
type Settings struct {
	Steps  int    // Lanczos steps per probe (m)
	Probes int    // random probes of stochastic Lanczos quadrature
	Seed   uint64 // seed of the probes
	// Floor and Quantile define κ_q (see the package documentation); zero
	// values take 1e-6 and 0.05.
	Floor, Quantile float64
}

// DefaultSettings are 80 Lanczos steps on each of 4 probes.
func DefaultSettings() Settings {
	return Settings{Steps: 80, Probes: 4, Seed: 1, Floor: 1e-6, Quantile: 0.05}
}

// Spectrum is what an analysis finds of an operator's eigenvalues.
type Spectrum struct {
	Min, Max float64 // smallest and largest Ritz value over all probes
	// Nodes and Weights are the spectral density: nodes in increasing
	// order, weights summing to 1.
	Nodes, Weights []float64
	Kappa          float64 // effective condition number λ_max/λ̄₊
	KappaQuantile  float64 // κ_q, λ_max over the q-quantile above the floor
	Products       int     // operator products used
}

// Analyze runs stochastic Lanczos quadrature on op with s.Probes unit
// Rademacher probes of s.Steps steps each.
func Analyze(op Operator, s Settings) (Spectrum, error) {
	if s.Probes < 1 || s.Steps < 1 {
		return Spectrum{}, errors.Errorf("hessian: %d probes of %d steps, want at least 1 of each", s.Probes, s.Steps)
	}
	rng := rand.New(rand.NewPCG(s.Seed, 0x4e55))
	n := op.Dim()
	sp := Spectrum{Min: math.Inf(1), Max: math.Inf(-1)}
	type node struct{ x, w float64 }
	var all []node
	for p := 0; p < s.Probes; p++ {
		v := make([]float64, n)
		for i := range v {
			v[i] = 1
			if rng.IntN(2) == 0 {
				v[i] = -1
			}
		}
		t, err := Lanczos(op, v, s.Steps)
		if err != nil {
			return Spectrum{}, errors.Wrapf(err, "probe %d", p+1)
		}
		sp.Products += len(t.Alpha)
		vals, ws, err := t.Ritz()
		if err != nil {
			return Spectrum{}, err
		}
		sp.Min, sp.Max = math.Min(sp.Min, vals[0]), math.Max(sp.Max, vals[len(vals)-1])
		for i, x := range vals {
			all = append(all, node{x, ws[i] / float64(s.Probes)})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].x < all[j].x })
	for _, nd := range all {
		sp.Nodes = append(sp.Nodes, nd.x)
		sp.Weights = append(sp.Weights, nd.w)
	}
	sp.Kappa = sp.EffectiveCondition()
	sp.KappaQuantile = sp.QuantileCondition(s.Floor, s.Quantile)
	return sp, nil
}

// Moment returns Σ τ_i θ_i^p, the estimate of tr(H^p)/n.
func (sp Spectrum) Moment(p int) float64 {
	var s float64
	for i, x := range sp.Nodes {
		s += sp.Weights[i] * math.Pow(x, float64(p))
	}
	return s
}

// EffectiveCondition returns κ_eff = λ_max/λ̄₊, λ̄₊ = Σ τ_i max(θ_i, 0) the
// mean positive curvature, or NaN when λ_max ≤ 0.
func (sp Spectrum) EffectiveCondition() float64 {
	var mean float64
	for i, x := range sp.Nodes {
		mean += sp.Weights[i] * math.Max(x, 0)
	}
	if !(sp.Max > 0) || !(mean > 0) {
		return math.NaN()
	}
	return sp.Max / mean
}

// QuantileCondition returns κ_q = λ_max/λ_q, λ_q the q-quantile of the
// density above floor·λ_max (zero floor and q take 1e-6 and 0.05), or NaN
// when λ_max ≤ 0 or no mass lies above the floor.
func (sp Spectrum) QuantileCondition(floor, q float64) float64 {
	if floor == 0 {
		floor = 1e-6
	}
	if q == 0 {
		q = 0.05
	}
	if !(sp.Max > 0) {
		return math.NaN()
	}
	cut := floor * sp.Max
	var mass float64
	for i, x := range sp.Nodes {
		if x > cut {
			mass += sp.Weights[i]
		}
	}
	if mass == 0 {
		return math.NaN()
	}
	var acc, last float64
	for i, x := range sp.Nodes {
		if x <= cut {
			continue
		}
		acc, last = acc+sp.Weights[i], x
		if acc >= q*mass {
			break
		}
	}
	return sp.Max / last
}

// LogDensity returns the density of the eigenvalues above floor·λ_max per
// decade of λ at the points log10 λ = xs, each node spread as a Gaussian of
// width sigma decades: a smooth view of the spectrum across scales.
func (sp Spectrum) LogDensity(xs []float64, floor, sigma float64) []float64 {
	out := make([]float64, len(xs))
	cut := floor * sp.Max
	for i, x := range sp.Nodes {
		if !(x > cut) || !(x > 0) {
			continue
		}
		c := math.Log10(x)
		for j, t := range xs {
			d := (t - c) / sigma
			out[j] += sp.Weights[i] * math.Exp(-d*d/2) / (sigma * math.Sqrt(2*math.Pi))
		}
	}
	return out
}
