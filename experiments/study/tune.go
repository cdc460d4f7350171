package study

import (
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/solvers"
)

// lrLabel returns the label of variant trained at learning rate lr: the
// variant followed by ":lr=X", before its "+balance" if it has one, with X
// the shortest decimal that reads back as lr. Studies name run
// directories after labels, so this format is what lets a tuned study
// reuse a grid run with the same explicit lr.
func lrLabel(variant string, lr float64) string {
	x := ":lr=" + strconv.FormatFloat(lr, 'g', -1, 64)
	if v, err := ParseVariant(variant); err == nil && v.Balance != "" {
		head := variant[:len(variant)-len(v.Balance)-1]
		return head + x + "+" + v.Balance
	}
	return variant + x
}

// defaultLR returns the registry default learning rate of variant's
// solver. Solvers without one, and line-search solvers, whose "lr" is the
// first trial step rather than a learning rate, cannot be tuned.
func defaultLR(variant string) (float64, error) {
	v, err := ParseVariant(variant)
	if err != nil {
		return 0, err
	}
	if _, ok := v.Hyper["lr"]; ok {
		return 0, errors.Errorf("-tune-lr: %q already sets lr; give the solver without it", variant)
	}
	for _, s := range solvers.Specs() {
		if s.Name != v.Solver {
			continue
		}
		lr, ok := s.Defaults["lr"]
		if !ok {
			return 0, errors.Errorf("-tune-lr: solver %q has no learning rate", v.Solver)
		}
		if sv, err := s.New(s.Defaults); err == nil {
			if fb, ok := sv.(solvers.FullBatch); ok && fb.FullBatch() {
				return 0, errors.Errorf("-tune-lr: solver %q has no learning rate to tune (its lr is the line search's first trial step)", v.Solver)
			}
		}
		return lr, nil
	}
	return 0, errors.Errorf("unknown solver %q (known: %v)", v.Solver, solvers.Names())
}

// Tuning is the learning-rate search of one PDE × variant: every lr of
// the grid trained on the study's first seed, and the one chosen.
type Tuning struct {
	PDE, Variant string
	Default      float64 // the solver's registry default lr
	Trials       []Trial // in the grid's order
	// Best indexes the chosen trial: the finished one with the lowest
	// final training loss; -1 when none has finished.
	Best int
}

// Trial is one lr of a tuning.
type Trial struct {
	LR      float64
	Label   string
	Metrics *experiments.Metrics // nil while the run has not finished
}

// Complete reports whether every lr of the grid has finished, so that
// the choice is final.
func (t Tuning) Complete() bool {
	for _, tr := range t.Trials {
		if tr.Metrics == nil {
			return false
		}
	}
	return true
}

// BestLabel returns the label of the chosen lr, or "" before any trial
// has finished.
func (t Tuning) BestLabel() string {
	if t.Best < 0 {
		return ""
	}
	return t.Trials[t.Best].Label
}

// chooseLR returns the index of the finished trial with the lowest final
// training loss: a non-finite loss (a run that diverged) ranks below every
// finite one, and a tie goes to the smaller lr. It returns -1 when no trial
// has finished. The error against the reference is never looked at.
func chooseLR(trials []Trial) int {
	best := -1
	for i, tr := range trials {
		if tr.Metrics == nil {
			continue
		}
		if best < 0 || better(tr, trials[best]) {
			best = i
		}
	}
	return best
}

// better reports whether trial a beats b (see chooseLR).
func better(a, b Trial) bool {
	fa, fb := finite(a.Metrics.FinalLoss), finite(b.Metrics.FinalLoss)
	switch {
	case fa != fb:
		return fa
	case fa && a.Metrics.FinalLoss != b.Metrics.FinalLoss:
		return a.Metrics.FinalLoss < b.Metrics.FinalLoss
	}
	return a.LR < b.LR
}

// Tunings reads the tuning runs of the spec's grid from out and chooses
// each PDE × variant's lr from their metrics.json. A run counts as
// finished when its metrics.json reports the case's PDE, solver, seed and
// steps; others are left unfinished.
func (s CompareSpec) Tunings(out string) ([]Tuning, error) {
	var ts []Tuning
	for _, pde := range s.PDEs {
		for _, v := range s.Variants {
			def, err := defaultLR(v)
			if err != nil {
				return nil, err
			}
			t := Tuning{PDE: pde, Variant: v, Default: def}
			for _, lr := range s.TuneLR {
				c, err := s.newCase(pde, lrLabel(v, lr), s.Seeds[0])
				if err != nil {
					return nil, err
				}
				m, err := finishedMetrics(c, out)
				if err != nil {
					return nil, err
				}
				t.Trials = append(t.Trials, Trial{LR: lr, Label: c.Label, Metrics: m})
			}
			t.Best = chooseLR(t.Trials)
			ts = append(ts, t)
		}
	}
	return ts, nil
}

// finishedMetrics returns the metrics.json of case c under out, or nil
// when the run has not finished: the file is missing, or describes another
// PDE, solver, seed or length of run. A run that diverged has finished,
// with a final loss of NaN.
func finishedMetrics(c Case, out string) (*experiments.Metrics, error) {
	if m := divergedRun(c, c.Dir(out)); m != nil {
		return m, nil
	}
	m, err := experiments.ReadMetrics(c.Dir(out))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, errors.Wrap(err, filepath.Join(c.Dir(out), "metrics.json"))
	}
	cfg := c.Config
	if m.PDE != cfg.PDE || m.Solver != cfg.Solver || m.Seed != cfg.Seed || m.Steps != cfg.Steps {
		return nil, nil
	}
	return m, nil
}

// tuneCases returns phase 1 of a tuned study: every PDE × variant × lr
// on the first seed.
func (s CompareSpec) tuneCases() ([]Case, error) {
	var cases []Case
	for _, pde := range s.PDEs {
		for _, v := range s.Variants {
			for _, lr := range s.TuneLR {
				c, err := s.newCase(pde, lrLabel(v, lr), s.Seeds[0])
				if err != nil {
					return nil, err
				}
				cases = append(cases, c)
			}
		}
	}
	return cases, nil
}

// seedCases returns phase 2 of a tuned study: the seeds the tuning has not
// trained, at each chosen lr and at each registry default lr. Tunings
// without a choice yet contribute their default runs only; waiting lists
// the PDE × variants whose chosen-lr runs cannot be named yet.
func (s CompareSpec) seedCases(ts []Tuning) (cases []Case, waiting []Tuning, err error) {
	for _, t := range ts {
		var labels []string
		if t.Best >= 0 {
			labels = append(labels, t.BestLabel())
		} else {
			waiting = append(waiting, t)
		}
		if def := lrLabel(t.Variant, t.Default); def != t.BestLabel() {
			labels = append(labels, def)
		}
		for _, label := range labels {
			for _, seed := range s.Seeds {
				if seed == s.Seeds[0] && t.inGrid(label) {
					continue // trained by the tuning
				}
				c, err := s.newCase(t.PDE, label, seed)
				if err != nil {
					return nil, nil, err
				}
				cases = append(cases, c)
			}
		}
	}
	return cases, waiting, nil
}

// inGrid reports whether label is one of the tuning's trials.
func (t Tuning) inGrid(label string) bool {
	for _, tr := range t.Trials {
		if tr.Label == label {
			return true
		}
	}
	return false
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
