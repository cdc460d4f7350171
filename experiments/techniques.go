package experiments

import (
	"math"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
)

// The standard PINN techniques, each off unless its config field is set:
//
//	"network": {"fourier": {"modes": 8}}   exact periodicity by Fourier features
//	"network": {"modified": true}          the modified MLP (gated by input encoders)
//	"network": {"normalize": true}         coordinates mapped to [−1, 1] over the domain (or window)
//	"hard_constraints": true               exact initial/Dirichlet conditions by output transform
//	"causal": {"chunks": 32, "epsilon": 1}  causal weighting of the residual in time
//	"resample_every": 1000                 redraw the point pools every N steps
//	"adaptive": {"candidates": 100000, "k": 1, "c": 1}  ... the interior pool by its residual (RAD)
//	"lr_decay": {"rate": 0.9, "every": 5000}  learning rate × rate^(step/every)
//	"time_marching": {"windows": 10}      one network per time window, in turn (march.go)
//
// Loss weights are "terms": {"NAME": {"weight": w}}.

// FourierConfig is the Fourier-feature embedding of the problem's periodic
// coordinate (residuals.Setup.Fourier).
type FourierConfig struct {
	Modes int `json:"modes"`
}

// CausalConfig is causal weighting of the interior residual in time
// (graph.Causal).
type CausalConfig struct {
	Chunks  int     `json:"chunks"`
	Epsilon float64 `json:"epsilon"`
}

// AdaptiveConfig makes every resampling round redraw the interior term's
// pool by residual-based adaptive sampling (graph.Adaptive): Candidates
// uniform points, kept with density ∝ |r|^K / mean |r|^K + C.
type AdaptiveConfig struct {
	Candidates int     `json:"candidates"`
	K          float64 `json:"k"`
	C          float64 `json:"c"`
}

// graph returns the graph.Adaptive of the interior term, called interior.
func (a AdaptiveConfig) graph(interior string) graph.Adaptive {
	return graph.Adaptive{Term: interior, Candidates: a.Candidates, K: a.K, C: a.C}
}

// interiorTerm returns the name of the interior residual's term
// (graph.RoleInterior) among terms, "" when there is none.
func interiorTerm(terms []graph.Term) string {
	if k := graph.RoleIndex(terms, graph.RoleInterior); k >= 0 {
		return terms[k].Name
	}
	return ""
}

// LRDecayConfig multiplies the solver's step by Rate^(step/Every), a
// smooth exponential decay of the learning rate. The trainer scales the
// update the solver makes, which for Adam-type solvers is exactly a
// scaled learning rate (their moments do not depend on it); it is not
// meant for solvers with a line search.
type LRDecayConfig struct {
	Rate  float64 `json:"rate"`
	Every int     `json:"every"`
	// Min is the smallest factor the decay goes to; 0 means no floor.
	Min float64 `json:"min,omitempty"`
}

// factor returns the learning-rate factor after step steps.
func (d *LRDecayConfig) factor(step int) float64 {
	if d == nil {
		return 1
	}
	return math.Max(math.Pow(d.Rate, float64(step)/float64(d.Every)), d.Min)
}

// setup returns the residuals.Setup the config asks for.
func (c Config) setup() residuals.Setup {
	s := residuals.Setup{Network: c.network(), Hard: c.HardConstraints, Normalize: c.Network.Normalize}
	if f := c.Network.Fourier; f != nil {
		s.Fourier = f.Modes
	}
	if cc := c.Causal; cc != nil {
		s.Causal = &residuals.CausalSetup{Chunks: cc.Chunks, Epsilon: cc.Epsilon}
	}
	return s
}

// validateTechniques checks the technique fields against problem p.
func (c Config) validateTechniques(p residuals.Problem) error {
	if f := c.Network.Fourier; f != nil && (f.Modes < 1 || p.Periodic == nil) {
		return errors.Errorf("config: field \"network.fourier\" needs modes ≥ 1 and a periodic PDE, got %d modes for %s", f.Modes, c.PDE)
	}
	if c.HardConstraints && p.Hard == nil {
		return errors.Errorf("config: field \"hard_constraints\": %s has no hard-constraint transform", c.PDE)
	}
	if cc := c.Causal; cc != nil && (cc.Chunks < 1 || !(cc.Epsilon >= 0) || p.Domain.Time == "") {
		return errors.Errorf("config: field \"causal\" needs chunks ≥ 1, epsilon ≥ 0 and a time coordinate (the domain's Time), got %+v for %s", *cc, c.PDE)
	}
	if c.ResampleEvery < 0 {
		return errors.Errorf("config: field \"resample_every\" must be non-negative, got %d", c.ResampleEvery)
	}
	if a := c.Adaptive; a != nil {
		pool := p.Interior.Pool
		interior := interiorTerm(p.Terms())
		if tc, ok := c.Terms[interior]; ok && tc.Pool != nil {
			pool = *tc.Pool
		}
		if err := a.graph(interior).Validate(); err != nil || c.ResampleEvery == 0 || pool < 1 || pool > a.Candidates {
			return errors.Errorf("config: field \"adaptive\" needs resample_every > 0, an interior pool of at most candidates points, k ≥ 0 and c ≥ 0 not both 0, got %+v with pool %d", *a, pool)
		}
	}
	if d := c.LRDecay; d != nil && (!(d.Rate > 0 && d.Rate <= 1) || d.Every < 1 || !(d.Min >= 0 && d.Min <= 1)) {
		return errors.Errorf("config: field \"lr_decay\" needs 0 < rate ≤ 1, every ≥ 1 and 0 ≤ min ≤ 1, got %+v", *d)
	}
	_, err := p.TermsUnder(c.setup())
	return errors.Wrap(err, "config")
}

// update applies the solver's step to the parameters, scaled by the
// learning-rate decay when there is one.
func (t *Trainer) update(gr *graph.Gradients) error {
	f := t.Config.LRDecay.factor(t.step)
	if f == 1 {
		return t.Solver.Update(gr)
	}
	params := t.Net.Params()
	t.before = copyParams(t.before, params)
	if err := t.Solver.Update(gr); err != nil {
		return err
	}
	for i, p := range params {
		scaleStep(p.Value, t.before[i], f)
	}
	return nil
}

// scaleStep sets v = before + f·(v − before).
func scaleStep(v *tensor.Dense, before []float64, f float64) {
	switch d := v.Data().(type) {
	case []float64:
		for i := range d {
			d[i] = before[i] + f*(d[i]-before[i])
		}
	case []float32:
		for i := range d {
			d[i] = float32(before[i] + f*(float64(d[i])-before[i]))
		}
	}
}

// redrawFor replaces the point pools with those of the resampling round
// that step falls in, when the config resamples. Each round's pools come
// from their own generator, seeded by the run's seed and the round, so a
// resumed run rebuilds them from the step count alone; an adaptively drawn
// interior pool depends on the parameters instead and comes back with the
// loss's state, so restoring skips it.
func (t *Trainer) redrawFor(step int, restoring bool) error {
	every := t.Config.ResampleEvery
	if every == 0 || step < every {
		return nil
	}
	round := uint64(step / every)
	method, _ := graph.ParseMethod(t.Config.Sampling)
	src := graph.NewSource(t.Config.Seed^(0x9e3779b97f4a7c15*round), method)
	if err := t.Loss.Redraw(src); err != nil {
		return errors.Wrapf(err, "resampling round %d", round)
	}
	if a := t.Config.Adaptive; a != nil && !restoring {
		return errors.Wrapf(t.Loss.RedrawAdaptive(src, a.graph(interiorTerm(t.terms))), "resampling round %d", round)
	}
	return nil
}

// causalDiag reports, when the interior residual is causally weighted, the
// weight of the last time chunk (training has reached the final time once
// it nears 1) and the unweighted mean of the chunk losses.
func (t *Trainer) causalDiag() map[string]float64 {
	losses, weights := t.Loss.CausalLosses(graph.RoleIndex(t.terms, graph.RoleInterior))
	if losses == nil {
		return nil
	}
	var mean float64
	for _, l := range losses {
		mean += l / float64(len(losses))
	}
	return map[string]float64{"causal_w_last": weights[len(weights)-1], "causal_pde_mean": mean}
}
