package experiments

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"time"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/experiments/checkpoint"
	"github.com/pinngo/pinn/graph"
)

// CheckpointFile is the name of a run's checkpoint inside its directory.
const CheckpointFile = "checkpoint.ckpt"

// trainerState is what a checkpoint holds: everything the next step of a
// Trainer depends on, plus the history and clock so far.
type trainerState struct {
	Config  []byte // the effective config as JSON, to refuse another run's checkpoint
	Step    int
	Elapsed time.Duration
	Params  []paramState
	Solver  []byte
	Loss    graph.LossState
	History []Row
}

// paramState is one network parameter.
type paramState struct {
	Name   string
	Shape  []int
	Values []float64 // float32 parameters are stored exactly as float64
}

// resumeFree lists the config fields a resumed run may change: they decide
// how long it runs and what it reports, not what it computes.
var resumeFree = map[string]bool{"steps": true, "eval": true, "checkpoint_every": true}

// SaveCheckpoint writes the trainer's state to path atomically.
func (t *Trainer) SaveCheckpoint(path string) error {
	cfg, err := json.Marshal(t.Config)
	if err != nil {
		return errors.Wrap(err, "checkpoint: encoding config")
	}
	s := trainerState{Config: cfg, Step: t.step, Elapsed: t.Wall(), History: t.History}
	for _, p := range t.Net.Params() {
		s.Params = append(s.Params, paramState{Name: p.Name, Shape: p.Value.Shape().Clone(), Values: paramValues(p.Value)})
	}
	if s.Solver, err = t.Solver.State(); err != nil {
		return errors.Wrap(err, "checkpoint: solver state")
	}
	if s.Loss, err = t.Loss.State(); err != nil {
		return errors.Wrap(err, "checkpoint")
	}
	return checkpoint.Save(path, s)
}

// LoadCheckpoint restores a freshly built trainer from a checkpoint written
// by SaveCheckpoint for the same experiment. A damaged file, or one written
// for another PDE, network, solver, seed or sampling, is an error that
// names the difference.
func (t *Trainer) LoadCheckpoint(path string) error {
	var s trainerState
	if err := checkpoint.Load(path, &s); err != nil {
		return err
	}
	if err := t.checkSameRun(s.Config); err != nil {
		return errors.Wrapf(err, "checkpoint %s belongs to another run", path)
	}
	if err := t.restore(s); err != nil {
		return errors.Wrapf(err, "checkpoint %s does not fit this run", path)
	}
	return nil
}

// checkSameRun compares the checkpoint's config with the trainer's, field
// by top-level field, ignoring those a resumed run may change.
func (t *Trainer) checkSameRun(raw []byte) error {
	var saved, now map[string]any
	if err := json.Unmarshal(raw, &saved); err != nil {
		return errors.Wrap(err, "decoding its config")
	}
	cur, err := json.Marshal(t.Config)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(cur, &now); err != nil {
		return err
	}
	keys := map[string]bool{}
	for k := range saved {
		keys[k] = true
	}
	for k := range now {
		keys[k] = true
	}
	var names []string
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !resumeFree[k] && !reflect.DeepEqual(saved[k], now[k]) {
			return errors.Errorf("field %q is %s in the checkpoint and %s here", k, jsonText(saved[k]), jsonText(now[k]))
		}
	}
	return nil
}

func jsonText(v any) string {
	if v == nil {
		return "unset"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// restore checks the shapes in s against the trainer before changing
// anything; a later failure (a solver state that does not decode) may leave
// the trainer half restored, so callers discard it on error.
func (t *Trainer) restore(s trainerState) error {
	ps := t.Net.Params()
	if len(s.Params) != len(ps) {
		return errors.Errorf("%d network parameters, the network has %d", len(s.Params), len(ps))
	}
	for i, p := range ps {
		if sp := s.Params[i]; sp.Name != p.Name || !tensor.Shape(sp.Shape).Eq(p.Value.Shape()) || len(sp.Values) != p.Value.Shape().TotalSize() {
			return errors.Errorf("parameter %d is %s %v, the network's %s %v", i, sp.Name, sp.Shape, p.Name, p.Value.Shape())
		}
	}
	if s.Step < 0 || len(s.History) != s.Step {
		return errors.Errorf("step %d with %d history rows", s.Step, len(s.History))
	}
	if err := t.Solver.Restore(s.Solver); err != nil {
		return errors.Wrap(err, "solver state")
	}
	if wantsFullBatch(t.Solver) && !t.lossOpt.FullBatch {
		if err := t.syncBatchMode(); err != nil {
			return err
		}
	}
	if err := t.redrawFor(s.Step, true); err != nil {
		return err
	}
	if err := t.Loss.Restore(s.Loss); err != nil {
		return err
	}
	for i, p := range ps {
		setParam(p.Value, s.Params[i].Values)
	}
	t.step, t.elapsed, t.History = s.Step, s.Elapsed, s.History
	t.start = time.Time{}
	return nil
}

// paramValues copies a parameter's values as float64.
func paramValues(v *tensor.Dense) []float64 {
	switch d := v.Data().(type) {
	case []float64:
		return append([]float64(nil), d...)
	case []float32:
		out := make([]float64, len(d))
		for i, x := range d {
			out[i] = float64(x)
		}
		return out
	}
	return nil
}

// setParam writes values into a parameter in its own dtype.
func setParam(v *tensor.Dense, values []float64) {
	switch d := v.Data().(type) {
	case []float64:
		copy(d, values)
	case []float32:
		for i, x := range values {
			d[i] = float32(x)
		}
	}
}
