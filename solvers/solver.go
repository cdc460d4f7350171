package solvers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
)

// Solver updates a network's parameters from one evaluation of its loss.
type Solver interface {
	// Update applies one step to gr.Params, in place.
	Update(gr *graph.Gradients) error
	// State serialises everything the next Update depends on.
	State() ([]byte, error)
	// Restore sets the state from State's output.
	Restore(state []byte) error
}

// Hyper holds named hyper-parameters, such as {"lr": 1e-3}.
type Hyper map[string]float64

// String lists the hyper-parameters in name order.
func (h Hyper) String() string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%g", k, h[k])
	}
	return strings.Join(parts, " ")
}

// Spec describes a registered solver: its name, defaults and constructor.
type Spec struct {
	Name     string
	Summary  string
	Defaults Hyper
	// LineSearch is set for solvers that take full batches with a line
	// search at some step (FullBatch, NeedsObjective), which a runner's
	// resampling or learning-rate decay would defeat.
	LineSearch bool
	New        func(h Hyper) (Solver, error)
}

// Specs lists the registered solvers in name order: the first-order
// solvers, L-BFGS, and every first-order solver with an L-BFGS finish
// (LBFGSFinish).
func Specs() []Spec {
	first := []Spec{adamSpec(), adamWSpec(), pdeAwareSpec(), autoBalanceSpec(), autoBalanceWSpec(), dwaSpec(), dwaWSpec(), imtlgSpec(), imtlgWSpec(), soapSpec()}
	specs := append([]Spec{lbfgsSpec()}, first...)
	specs = append(specs, finishSpecs(first)...)
	sort.Slice(specs, func(i, j int) bool { return specs[i].Name < specs[j].Name })
	return specs
}

// Names lists the registered solvers.
func Names() []string {
	var names []string
	for _, s := range Specs() {
		names = append(names, s.Name)
	}
	return names
}

// New returns the solver called name with its defaults overridden by h.
// Unknown hyper-parameter names are an error.
func New(name string, h Hyper) (Solver, error) {
	s, merged, err := lookup(name, h)
	if err != nil {
		return nil, err
	}
	return s.New(merged)
}

// Check returns the spec of the solver called name after checking h as
// New does: its names, and its values by the solver's own constructor,
// whose result is dropped. Constructors check values and size no state
// (a solver sizes its state from the first gradients it sees), so a
// validation that checks a run's solver keeps nothing.
func Check(name string, h Hyper) (Spec, error) {
	s, merged, err := lookup(name, h)
	if err != nil {
		return Spec{}, err
	}
	if _, err := s.New(merged); err != nil {
		return Spec{}, err
	}
	return s, nil
}

// lookup returns the spec called name and its defaults overridden by h.
func lookup(name string, h Hyper) (Spec, Hyper, error) {
	for _, s := range Specs() {
		if s.Name != name {
			continue
		}
		merged, err := s.Defaults.merge(h)
		if err != nil {
			return Spec{}, nil, errors.Wrapf(err, "solver %q", name)
		}
		return s, merged, nil
	}
	return Spec{}, nil, errors.Errorf("unknown solver %q (known: %v)", name, Names())
}

// merge returns defaults overridden by h, rejecting names not in defaults.
func (defaults Hyper) merge(h Hyper) (Hyper, error) {
	out := Hyper{}
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range h {
		if _, ok := defaults[k]; !ok {
			return nil, errors.Errorf("unknown hyper-parameter %q (known: %s)", k, defaults)
		}
		out[k] = v
	}
	return out, nil
}
