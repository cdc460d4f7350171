package experiments

import (
	"context"
	"io"
	"path/filepath"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/residuals"
)

// Job is a run ready to train into its directory: one trainer, or a
// time-marching run, whose windows are built as it reaches them.
type Job struct {
	cfg     Config
	dir     string
	b       builders
	problem residuals.Problem
	trainer *Trainer // nil for a time-marching run
}

// Open builds the run of cfg in dir: a new run, or with resume the run dir
// holds, restored from its checkpoint (see ResumeTrainer). A time-marching
// run resumes its finished and interrupted windows whenever it trains, so
// resume changes nothing for it. This is the one place where a run is
// started or continued; Run, Resume and pinn train go through it.
func Open(cfg Config, dir string, resume bool) (*Job, error) {
	return defaultBuilders().open(cfg, dir, resume)
}

// open is Open with the builders b.
func (b builders) open(cfg Config, dir string, resume bool) (*Job, error) {
	p, err := b.problem(cfg)
	if err != nil {
		return nil, err
	}
	j := &Job{cfg: cfg, dir: dir, b: b, problem: p}
	if cfg.March != nil {
		return j, nil
	}
	if j.trainer, err = b.newTrainerFor(cfg, p); err != nil {
		return nil, err
	}
	if resume {
		if err := j.trainer.resumeFrom(dir); err != nil {
			return nil, err
		}
	}
	return j, nil
}

// StepCount returns the steps the run has taken: the restored trainer's,
// 0 for a time-marching run.
func (j *Job) StepCount() int {
	if j.trainer == nil {
		return 0
	}
	return j.trainer.StepCount()
}

// Compacted reports whether the run is a trainer restored from a compact
// checkpoint (Trainer.Compacted), which refuses to train.
func (j *Job) Compacted() bool { return j.trainer != nil && j.trainer.Compacted() }

// Train trains the run to its configured steps, reporting progress to log.
func (j *Job) Train(ctx context.Context, log io.Writer) (*Metrics, error) {
	if j.trainer == nil {
		r, err := j.b.march(ctx, j.cfg, j.problem, j.dir, log)
		if err != nil {
			return nil, err
		}
		return r.Metrics, nil
	}
	return j.trainer.Train(ctx, j.dir, j.cfg.Steps, NewRunProgress(j.cfg, log))
}

// resumeFrom loads the checkpoint in dir, which must have been written for
// the same experiment. A run stopped before its first checkpoint (dir has
// its config.json but neither a checkpoint nor metrics) starts again from
// step 0.
func (t *Trainer) resumeFrom(dir string) error {
	if !exists(filepath.Join(dir, CheckpointFile)) && !exists(filepath.Join(dir, "metrics.json")) && exists(filepath.Join(dir, "config.json")) {
		return nil
	}
	return errors.WithStack(t.LoadCheckpoint(filepath.Join(dir, CheckpointFile)))
}
