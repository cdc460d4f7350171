package solvers

import (
	"math"
	"slices"
	"strings"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
)

// finishSuffix ends the name of a first-order solver with an L-BFGS finish.
const finishSuffix = "+lbfgs"

// LBFGSFinish runs a first-order solver for its first Switch updates and
// L-BFGS after them, the usual PINN recipe: a first-order solver on
// mini-batches to get close, then full-batch L-BFGS to converge. It is
// registered as "NAME+lbfgs" for every first-order solver NAME, such as
// "adam+lbfgs" or "soap+lbfgs". FullBatch reports false until the switch,
// so a runner that asks before every step moves the loss to full batches
// exactly when L-BFGS takes over.
type LBFGSFinish struct {
	First  Solver // the first-order solver
	LBFGS  *LBFGS
	Switch int // first-order updates before L-BFGS takes over
	name   string
	step   int
}

// adamLBFGSState is what LBFGSFinish carries: its step and both solvers'
// states, the first-order one's in the field Adam. Type and field names
// are part of the encoded state; these are adam+lbfgs's from before other
// solvers had the finish, so its checkpoints read as they did.
type adamLBFGSState struct {
	Step        int
	Adam, LBFGS []byte
}

// finishDefaults are the hyper-parameters the L-BFGS finish adds to its
// first-order solver's: the switch and L-BFGS's own, its lr as lbfgs_lr.
func finishDefaults() Hyper {
	return Hyper{"switch": 5000, "lbfgs_lr": 1, "history": 50, "max_evals": 25, "tolerance_grad": 1e-9}
}

// finishSpecs returns the spec of first with an L-BFGS finish for every
// first-order solver in first.
func finishSpecs(first []Spec) []Spec {
	var out []Spec
	for _, s := range first {
		out = append(out, finishSpec(s))
	}
	return out
}

// finishSpec returns the spec of first followed by L-BFGS.
func finishSpec(first Spec) Spec {
	defaults := finishDefaults()
	for k, v := range first.Defaults { // no name is in both (TestFinishSpecs)
		defaults[k] = v
	}
	name := first.Name + finishSuffix
	return Spec{
		Name:       name,
		Summary:    first.Summary + "; from step switch on, full-batch L-BFGS",
		Defaults:   defaults,
		LineSearch: true,
		New: func(h Hyper) (Solver, error) {
			own := Hyper{}
			for k := range first.Defaults {
				own[k] = h[k]
			}
			f, err := first.New(own)
			if err != nil {
				return nil, errors.Wrap(err, name)
			}
			l, err := NewLBFGS(h["lbfgs_lr"], h["history"], h["max_evals"], h["tolerance_grad"])
			if err != nil {
				return nil, errors.Wrap(err, name)
			}
			sw := h["switch"]
			if !(sw >= 0 && sw == math.Trunc(sw) && sw < 1<<31) {
				return nil, errors.Errorf("%s: switch must be a whole number ≥ 0, got %v", name, sw)
			}
			return &LBFGSFinish{First: f, LBFGS: l, Switch: int(sw), name: name}, nil
		},
	}
}

// FirstOrder splits a solver name into its first-order solver and whether
// it has an L-BFGS finish: "soap+lbfgs" gives "soap", true; "soap" gives
// "soap", false.
func FirstOrder(name string) (first string, finish bool) {
	if f, ok := strings.CutSuffix(name, finishSuffix); ok && f != "" {
		return f, true
	}
	return name, false
}

// FullBatch reports whether the next Update is an L-BFGS one.
func (s *LBFGSFinish) FullBatch() bool { return s.step >= s.Switch }

// SetObjective passes f to the L-BFGS phase.
func (s *LBFGSFinish) SetObjective(f func() (*graph.Gradients, error)) { s.LBFGS.SetObjective(f) }

// NeedsPerSample reports whether the next Update reads per-sample
// statistics: the first-order solver's need until the switch.
func (s *LBFGSFinish) NeedsPerSample() bool {
	p, ok := s.First.(NeedsPerSample)
	return ok && !s.FullBatch() && p.NeedsPerSample()
}

// NeedsSampleMean reports whether the first-order solver reads
// graph.Gradients.SampleMean.
func (s *LBFGSFinish) NeedsSampleMean() bool {
	m, ok := s.First.(NeedsSampleMean)
	return ok && m.NeedsSampleMean()
}

// Diagnostics reports the last update's diagnostics: L-BFGS's once it has
// taken over, the first-order solver's before, if it reports any.
func (s *LBFGSFinish) Diagnostics() map[string]float64 {
	if s.step > s.Switch {
		return s.LBFGS.Diagnostics()
	}
	if d, ok := s.First.(Diagnoser); ok {
		return d.Diagnostics()
	}
	return nil
}

// Update takes a first-order step before the switch and an L-BFGS
// iteration after.
func (s *LBFGSFinish) Update(gr *graph.Gradients) error {
	var err error
	if s.FullBatch() {
		err = s.LBFGS.Update(gr)
	} else {
		err = s.First.Update(gr)
	}
	if err != nil {
		return errors.Wrap(err, s.name)
	}
	s.step++
	return nil
}

// State serialises the step count and both solvers' states.
func (s *LBFGSFinish) State() ([]byte, error) {
	st := adamLBFGSState{Step: s.step}
	var err error
	if st.Adam, err = s.First.State(); err != nil {
		return nil, err
	}
	if st.LBFGS, err = s.LBFGS.State(); err != nil {
		return nil, err
	}
	return encodeState(s.name, st)
}

// Restore sets the step count, and with it the phase, and both solvers'
// states.
func (s *LBFGSFinish) Restore(b []byte) error {
	var st adamLBFGSState
	if err := decodeState(s.name, b, &st); err != nil {
		return err
	}
	if st.Step < 0 {
		return errors.Errorf("%s: corrupt solver state: step %d", s.name, st.Step)
	}
	if err := s.First.Restore(st.Adam); err != nil {
		return errors.Wrap(err, s.name)
	}
	if err := s.LBFGS.Restore(st.LBFGS); err != nil {
		return errors.Wrap(err, s.name)
	}
	s.step = st.Step
	return nil
}

// WithFirstOrder returns solver name with hyper-parameters h with its
// first-order solver replaced by first, with hyper-parameters fh: an
// L-BFGS finish and its hyper-parameters in h are kept, those of the
// replaced solver dropped, so that first starts from its own defaults.
func WithFirstOrder(name string, h Hyper, first string, fh Hyper) (string, Hyper, error) {
	if _, finish := FirstOrder(first); finish || first == "lbfgs" || !slices.Contains(Names(), first+finishSuffix) {
		return "", nil, errors.Errorf("%q is not a first-order solver (known: %v)", first, firstOrderNames())
	}
	out := Hyper{}
	if _, finish := FirstOrder(name); !finish {
		for k, v := range fh {
			out[k] = v
		}
		return first, out, nil
	}
	own := finishDefaults()
	for k, v := range h {
		if _, ok := own[k]; ok {
			out[k] = v
		}
	}
	for k, v := range fh {
		out[k] = v
	}
	return first + finishSuffix, out, nil
}

// firstOrderNames lists the solvers that can have an L-BFGS finish.
func firstOrderNames() []string {
	var names []string
	for _, n := range Names() {
		if f, finish := FirstOrder(n); finish {
			names = append(names, f)
		}
	}
	return names
}
