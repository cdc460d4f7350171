package experiments

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/checkpoint"
	"github.com/pinngo/pinn/experiments/internal/runlock"
)

// Compaction is what Compact did with one run directory's checkpoint.
type Compaction struct {
	Dir           string
	Before, After int64 // the checkpoint's size in bytes
	// Skipped says why the checkpoint was left as it is: "" when it was
	// compacted.
	Skipped string
}

// CompactedError refuses to train a run whose checkpoint holds the
// compact state of a finished run (see Compact): without its solver state
// it cannot continue as the same run.
type CompactedError struct {
	Dir  string
	Step int // the step the run finished at
}

func (e *CompactedError) Error() string {
	return fmt.Sprintf("the run in %s finished at step %d and its checkpoint is compact (parameters and history, no solver state): it cannot be resumed or trained further; start a new run to train longer",
		e.Dir, e.Step)
}

// Compact replaces the full checkpoint of every finished run under root
// (root itself, the windows of a time-marching run, a study's runs) by
// the run's compact state: the config, step count, clock, parameters in
// the run's dtype and history, all that predictions, metrics, figures
// and a study's reuse of the run read. The solver state (L-BFGS history,
// Adam moments, SOAP preconditioners) and the collocation points go, so
// the run can no longer train further (see CompactedError). A run counts
// as finished when its metrics.json is of the checkpoint's step, or
// marks it diverged; unfinished runs, compact ones and runs another
// process holds are skipped. Each file is written to a temporary name
// and renamed.
func Compact(root string) ([]Compaction, error) {
	var out []Compaction
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != CheckpointFile {
			return err
		}
		c, err := compactRun(filepath.Dir(path))
		out = append(out, c)
		return err
	})
	return out, errors.Wrap(err, "compact")
}

// compactRun compacts the checkpoint of the run in dir, holding its lock.
func compactRun(dir string) (Compaction, error) {
	c := Compaction{Dir: dir}
	lock, err := openRunDir(dir)
	var held *runlock.HeldError
	if errors.As(err, &held) {
		c.Skipped = "another process is writing it"
		return c, nil
	}
	if err != nil {
		return c, err
	}
	defer lock.Release()
	path := filepath.Join(dir, CheckpointFile)
	fi, err := os.Stat(path)
	if err != nil {
		return c, err
	}
	c.Before, c.After = fi.Size(), fi.Size()
	var s trainerState
	if err := checkpoint.Load(path, &s); err != nil {
		return c, err
	}
	m, err := readMetrics(dir)
	switch {
	case s.Final:
		c.Skipped = "already compact"
	case err != nil:
		c.Skipped = "not finished (no metrics.json)"
	case m.Diverged == "" && m.Steps != s.Step:
		c.Skipped = fmt.Sprintf("not finished (checkpoint at step %d, metrics.json of step %d)", s.Step, m.Steps)
	}
	if c.Skipped != "" {
		return c, nil
	}
	small, err := compactState(s)
	if err != nil {
		return c, errors.Wrap(err, path)
	}
	if err := checkpoint.Save(path, small); err != nil {
		return c, err
	}
	if fi, err = os.Stat(path); err != nil {
		return c, err
	}
	c.After = fi.Size()
	return c, nil
}

// compactState returns the compact form of a full checkpoint's state: the
// parameters in the run's dtype (float32 ones are held exactly) and the
// history as columns.
func compactState(s trainerState) (trainerState, error) {
	var cfg struct {
		Dtype string `json:"dtype"`
	}
	if err := json.Unmarshal(s.Config, &cfg); err != nil {
		return s, errors.Wrap(err, "decoding its config")
	}
	rows, err := s.rows()
	if err != nil {
		return s, err
	}
	small := trainerState{Config: s.Config, Step: s.Step, Elapsed: s.Elapsed, Final: true}
	if small.Columns, err = columnsOf(rows); err != nil {
		return s, err
	}
	for _, p := range s.Params {
		q := paramState{Name: p.Name, Shape: p.Shape, Values: p.Values}
		if cfg.Dtype == "float32" {
			q.Values, q.Values32 = nil, make([]float32, len(p.Values))
			for i, x := range p.Values {
				q.Values32[i] = float32(x)
			}
		}
		small.Params = append(small.Params, q)
	}
	return small, nil
}

// restoreFinal restores the compact state s, whose parameters the caller
// has checked: the solver and the loss stay as built.
func (t *Trainer) restoreFinal(s trainerState, history []Row) {
	for i, p := range t.Net.Params() {
		setParam(p.Value, s.Params[i].values())
	}
	t.step, t.elapsed, t.stepWall, t.History = s.Step, s.Elapsed, s.Elapsed, history
	t.start, t.compacted = time.Time{}, true
}

// Compacted reports whether the trainer was restored from a compact
// checkpoint (see Compact): its parameters and history are the run's,
// its solver state and points are fresh, and it refuses to train.
func (t *Trainer) Compacted() bool { return t.compacted }
