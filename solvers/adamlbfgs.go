package solvers

import (
	"math"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
)

// AdamLBFGS runs Adam for its first Switch updates and L-BFGS after them,
// the usual PINN recipe: Adam on mini-batches to get close, then full-batch
// L-BFGS to converge. FullBatch reports false until the switch, so a runner
// that asks before every step moves the loss to full batches exactly when
// L-BFGS takes over.
type AdamLBFGS struct {
	Adam   *Adam
	LBFGS  *LBFGS
	Switch int // Adam updates before L-BFGS takes over
	step   int
}

// adamLBFGSState is what AdamLBFGS carries: its step and both solvers' states.
type adamLBFGSState struct {
	Step        int
	Adam, LBFGS []byte
}

func adamLBFGSSpec() Spec {
	return Spec{
		Name:    "adam+lbfgs",
		Summary: "Adam on mini-batches until step switch, then full-batch L-BFGS",
		Defaults: Hyper{"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "switch": 5000,
			"lbfgs_lr": 1, "history": 50, "max_evals": 25, "tolerance_grad": 1e-9},
		New: func(h Hyper) (Solver, error) {
			a, err := NewAdam(h["lr"], h["beta1"], h["beta2"], h["eps"], 0)
			if err != nil {
				return nil, errors.Wrap(err, "adam+lbfgs")
			}
			l, err := NewLBFGS(h["lbfgs_lr"], h["history"], h["max_evals"], h["tolerance_grad"])
			if err != nil {
				return nil, errors.Wrap(err, "adam+lbfgs")
			}
			sw := h["switch"]
			if !(sw >= 0 && sw == math.Trunc(sw) && sw < 1<<31) {
				return nil, errors.Errorf("adam+lbfgs: switch must be a whole number ≥ 0, got %v", sw)
			}
			return &AdamLBFGS{Adam: a, LBFGS: l, Switch: int(sw)}, nil
		},
	}
}

// FullBatch reports whether the next Update is an L-BFGS one.
func (s *AdamLBFGS) FullBatch() bool { return s.step >= s.Switch }

// SetObjective passes f to the L-BFGS phase.
func (s *AdamLBFGS) SetObjective(f func() (*graph.Gradients, error)) { s.LBFGS.SetObjective(f) }

// Diagnostics reports L-BFGS's diagnostics once it has taken over.
func (s *AdamLBFGS) Diagnostics() map[string]float64 {
	if s.step > s.Switch {
		return s.LBFGS.Diagnostics()
	}
	return nil
}

// Update takes an Adam step before the switch and an L-BFGS iteration after.
func (s *AdamLBFGS) Update(gr *graph.Gradients) error {
	var err error
	if s.FullBatch() {
		err = s.LBFGS.Update(gr)
	} else {
		err = s.Adam.Update(gr)
	}
	if err != nil {
		return errors.Wrap(err, "adam+lbfgs")
	}
	s.step++
	return nil
}

// State serialises the step count and both solvers' states.
func (s *AdamLBFGS) State() ([]byte, error) {
	st := adamLBFGSState{Step: s.step}
	var err error
	if st.Adam, err = s.Adam.State(); err != nil {
		return nil, err
	}
	if st.LBFGS, err = s.LBFGS.State(); err != nil {
		return nil, err
	}
	return encodeState("adam+lbfgs", st)
}

// Restore sets the step count, and with it the phase, and both solvers'
// states.
func (s *AdamLBFGS) Restore(b []byte) error {
	var st adamLBFGSState
	if err := decodeState("adam+lbfgs", b, &st); err != nil {
		return err
	}
	if st.Step < 0 {
		return errors.Errorf("adam+lbfgs: corrupt solver state: step %d", st.Step)
	}
	if err := s.Adam.Restore(st.Adam); err != nil {
		return errors.Wrap(err, "adam+lbfgs")
	}
	if err := s.LBFGS.Restore(st.LBFGS); err != nil {
		return errors.Wrap(err, "adam+lbfgs")
	}
	s.step = st.Step
	return nil
}
