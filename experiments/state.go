package experiments

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
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
// Trainer depends on, plus the history and clock so far. Its bytes are a
// function of the state: maps, whose order gob does not fix, are written
// as sorted columns (Rows, Points), and Elapsed is the clock at the last
// step, not at the save.
type trainerState struct {
	Config  []byte // the effective config as JSON, to refuse another run's checkpoint
	Step    int
	Elapsed time.Duration
	Params  []paramState
	Solver  []byte
	Loss    graph.LossState // its terms' points are in Points
	// Shards is the loss's shard count (graph.Options.Shards), on which the
	// rounding of a step depends: a resumed run takes it over.
	Shards int
	Rows   []rowState
	Points []termPoints
	// History holds the rows, and Loss the points, in checkpoints written
	// before Shards existed (0 there), which are still read.
	History []Row
	// Final marks the compact state of a finished run (see Compact): its
	// Config, Step, Elapsed, Params and its history as Columns, without
	// solver state or points.
	Final   bool
	Columns *historyColumns
}

// rowState is a history row with its diagnostics in name order.
type rowState struct {
	Step      int
	Losses    []float64
	Loss      float64
	RelL2     float64
	WallS     float64
	DiagNames []string
	DiagVals  []float64
}

// termPoints holds one loss term's points (graph.TermState's Batch and
// Pool), each site's columns in name order.
type termPoints struct {
	Batch, Pool [][]pointColumn
}

// pointColumn is one coordinate or data column of a set of points.
type pointColumn struct {
	Name   string
	Values []float64
}

// paramState is one network parameter.
type paramState struct {
	Name   string
	Shape  []int
	Values []float64 // float32 parameters are stored exactly as float64
	// Values32 holds a float32 run's parameters in a compact state, in
	// place of Values.
	Values32 []float32
}

// values returns the parameter's values as float64, from either field.
func (p paramState) values() []float64 {
	if p.Values32 == nil {
		return p.Values
	}
	out := make([]float64, len(p.Values32))
	for i, x := range p.Values32 {
		out[i] = float64(x)
	}
	return out
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
	s := trainerState{Config: cfg, Step: t.step, Elapsed: t.stepWall, Shards: max(t.lossOpt.Shards, 1), Rows: rowStates(t.History)}
	for _, p := range t.Net.Params() {
		s.Params = append(s.Params, paramState{Name: p.Name, Shape: p.Value.Shape().Clone(), Values: paramValues(p.Value)})
	}
	if s.Solver, err = t.Solver.State(); err != nil {
		return errors.Wrap(err, "checkpoint: solver state")
	}
	if s.Loss, err = t.Loss.State(); err != nil {
		return errors.Wrap(err, "checkpoint")
	}
	for k := range s.Loss.Terms {
		ts := &s.Loss.Terms[k]
		s.Points = append(s.Points, termPoints{Batch: pointColumns(ts.Batch), Pool: pointColumns(ts.Pool)})
		ts.Batch, ts.Pool = nil, nil
	}
	return checkpoint.Save(path, s)
}

// rowStates returns the history in a checkpoint's form.
func rowStates(h []Row) []rowState {
	out := make([]rowState, len(h))
	for i, r := range h {
		out[i] = rowState{Step: r.Step, Losses: r.Losses, Loss: r.Loss, RelL2: r.RelL2, WallS: r.WallS}
		for _, name := range slices.Sorted(maps.Keys(r.Diag)) {
			out[i].DiagNames = append(out[i].DiagNames, name)
			out[i].DiagVals = append(out[i].DiagVals, r.Diag[name])
		}
	}
	return out
}

// rows reads the history of a checkpoint in any of its forms.
func (s trainerState) rows() ([]Row, error) {
	if s.Columns != nil {
		return s.Columns.rows()
	}
	if s.Rows == nil {
		return s.History, nil
	}
	out := make([]Row, len(s.Rows))
	for i, r := range s.Rows {
		out[i] = Row{Step: r.Step, Losses: r.Losses, Loss: r.Loss, RelL2: r.RelL2, WallS: r.WallS}
		if len(r.DiagNames) > 0 {
			out[i].Diag = map[string]float64{}
			for j, name := range r.DiagNames {
				out[i].Diag[name] = r.DiagVals[j]
			}
		}
	}
	return out, nil
}

// pointColumns returns sets of points as columns in name order; nil
// stays nil.
func pointColumns(sets []graph.Points) [][]pointColumn {
	if sets == nil {
		return nil
	}
	out := make([][]pointColumn, len(sets))
	for i, pts := range sets {
		for _, name := range slices.Sorted(maps.Keys(pts)) {
			out[i] = append(out[i], pointColumn{Name: name, Values: pts[name]})
		}
	}
	return out
}

// fromColumns is the inverse of pointColumns.
func fromColumns(cols [][]pointColumn) []graph.Points {
	if cols == nil {
		return nil
	}
	out := make([]graph.Points, len(cols))
	for i, set := range cols {
		out[i] = graph.Points{}
		for _, c := range set {
			out[i][c.Name] = c.Values
		}
	}
	return out
}

// lossState returns the loss state of a checkpoint in either form.
func (s trainerState) lossState() (graph.LossState, error) {
	if s.Points == nil {
		return s.Loss, nil
	}
	if len(s.Points) != len(s.Loss.Terms) {
		return s.Loss, errors.Errorf("points of %d loss terms for %d terms", len(s.Points), len(s.Loss.Terms))
	}
	ls := s.Loss
	ls.Terms = slices.Clone(s.Loss.Terms)
	for k := range ls.Terms {
		ls.Terms[k].Batch, ls.Terms[k].Pool = fromColumns(s.Points[k].Batch), fromColumns(s.Points[k].Pool)
	}
	return ls, nil
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
		if sp := s.Params[i]; sp.Name != p.Name || !tensor.Shape(sp.Shape).Eq(p.Value.Shape()) || len(sp.values()) != p.Value.Shape().TotalSize() {
			return errors.Errorf("parameter %d is %s %v, the network's %s %v", i, sp.Name, sp.Shape, p.Name, p.Value.Shape())
		}
	}
	history, err := s.rows()
	if err != nil {
		return err
	}
	if s.Step < 0 || len(history) != s.Step {
		return errors.Errorf("step %d with %d history rows", s.Step, len(history))
	}
	if s.Final {
		t.restoreFinal(s, history)
		return nil
	}
	ls, err := s.lossState()
	if err != nil {
		return err
	}
	if err := t.Solver.Restore(s.Solver); err != nil {
		return errors.Wrap(err, "solver state")
	}
	// The saved run's shard count decides its rounding: taking it over
	// keeps a run resumed on another number of cores bit-identical.
	if s.Shards > 0 && s.Shards != max(t.lossOpt.Shards, 1) {
		opt := t.lossOpt
		opt.Shards = s.Shards
		if err := t.rebuildLoss(opt); err != nil {
			return err
		}
	}
	if wantsFullBatch(t.Solver) && !t.lossOpt.FullBatch {
		if err := t.syncBatchMode(); err != nil {
			return err
		}
	}
	if err := t.redrawFor(s.Step, true); err != nil {
		return err
	}
	if err := t.Loss.Restore(ls); err != nil {
		return err
	}
	for i, p := range ps {
		setParam(p.Value, s.Params[i].Values)
	}
	t.step, t.elapsed, t.stepWall, t.History = s.Step, s.Elapsed, s.Elapsed, history
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
