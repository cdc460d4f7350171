package experiments

import (
	"context"
	"io"
	"math"
	"path/filepath"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/metrics"
)

// Resume continues the run in dir up to `steps` total steps (its
// configured steps when steps is 0), from its config.json and checkpoint.
// A damaged or mismatched checkpoint is an error and nothing in dir is
// written.
func Resume(ctx context.Context, dir string, steps int, log io.Writer) (*Metrics, error) {
	cfg, err := LoadConfig(filepath.Join(dir, "config.json"))
	if err != nil {
		return nil, err
	}
	if steps > 0 {
		cfg.Steps = steps
	}
	j, err := Open(cfg, dir, true)
	if err != nil {
		return nil, err
	}
	return j.Train(ctx, log)
}

// ResumeTrainer builds the trainer of cfg and restores it from the
// checkpoint in dir, which must have been written for the same experiment.
// A run stopped before its first checkpoint (dir has its config.json but
// neither a checkpoint nor metrics) starts again from step 0.
func ResumeTrainer(cfg Config, dir string) (*Trainer, error) {
	t, err := NewTrainer(cfg)
	if err != nil {
		return nil, err
	}
	if err := t.resumeFrom(dir); err != nil {
		return nil, err
	}
	return t, nil
}

// Train takes steps until the run has `steps` in total, evaluating every
// Eval.Every steps and writing a checkpoint (and history.csv) every
// CheckpointEvery steps. At the end it writes the checkpoint, config.json,
// history.csv, metrics.json, solution.png and loss.png into dir, which it
// holds locked (see HoldsRun) so that another process fails to write it at
// the same time. When ctx is cancelled it writes the checkpoint and
// history after the current step and returns an error wrapping ctx.Err().
// A compacted run (see Compact) gives a *CompactedError.
func (t *Trainer) Train(ctx context.Context, dir string, steps int, p Progress) (*Metrics, error) {
	if t.compacted {
		return nil, &CompactedError{Dir: dir, Step: t.step}
	}
	if steps < t.step {
		return nil, errors.Errorf("the run is already at step %d, past the %d steps asked for", t.step, steps)
	}
	lock, err := openRunDir(dir)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	if p == nil {
		p = silent{}
	}
	t.Config.Steps = steps
	if err := writeJSON(filepath.Join(dir, "config.json"), t.Config); err != nil {
		return nil, err
	}
	relL2 := t.lastRelL2()
	done, begin := t.step, time.Now()
	warned := false
	p.Begin(t.step, steps, t.Loss.Terms())
	for t.step < steps {
		if err := ctx.Err(); err != nil {
			p.End()
			if err := t.saveProgress(dir); err != nil {
				return nil, err
			}
			return nil, errors.Wrapf(err, "interrupted at step %d of %d; checkpoint written to %s", t.step, steps, dir)
		}
		gr, err := t.Step()
		if err != nil {
			p.End()
			return nil, t.stopped(dir, err)
		}
		evaluated := false
		if e := t.Config.Eval.Every; e > 0 && t.step%e == 0 {
			s, err := t.score()
			if err != nil {
				p.End()
				return nil, t.stopped(dir, errors.Wrapf(err, "evaluating at step %d", t.step))
			}
			t.History[len(t.History)-1].RelL2 = s.RelL2
			relL2, evaluated = s.RelL2, true
		}
		rate := float64(t.step-done) / time.Since(begin).Seconds()
		status := Status{Step: t.step, Total: steps, Losses: gr.Losses, Loss: gr.Loss, RelL2: relL2,
			Evaluated: evaluated, Rate: rate, ETA: time.Duration(float64(steps-t.step) / rate * float64(time.Second))}
		if !warned {
			status.Warning = t.blowUpWarning(gr.Loss)
			warned = status.Warning != ""
		}
		p.Update(status)
		if k := t.Config.CheckpointEvery; k > 0 && t.step%k == 0 && t.step < steps {
			if err := t.saveProgress(dir); err != nil {
				p.End()
				return nil, err
			}
		}
	}
	p.End()
	return t.finish(dir)
}

// lastRelL2 returns the latest evaluated error in the history, or NaN.
func (t *Trainer) lastRelL2() float64 {
	for i := len(t.History) - 1; i >= 0; i-- {
		if !math.IsNaN(t.History[i].RelL2) {
			return t.History[i].RelL2
		}
	}
	return math.NaN()
}

// saveProgress writes the checkpoint and the history so far.
func (t *Trainer) saveProgress(dir string) error {
	if err := t.SaveCheckpoint(filepath.Join(dir, CheckpointFile)); err != nil {
		return err
	}
	return writeHistory(filepath.Join(dir, "history.csv"), t.Loss.Terms(), t.History)
}

// score evaluates the network, a non-finite error being a *DivergedError.
func (t *Trainer) score() (metrics.Summary, error) {
	s, err := t.Eval.Score()
	if errors.Is(err, errNotFinite) {
		return s, &DivergedError{Step: t.step, What: "evaluation error"}
	}
	return s, err
}

// stopped returns err after saving what a diverged run leaves (see
// saveDiverged) when err is a *DivergedError.
func (t *Trainer) stopped(dir string, err error) error {
	var d *DivergedError
	if !errors.As(err, &d) {
		return err
	}
	if serr := t.saveDiverged(dir, d); serr != nil {
		return errors.Wrapf(serr, "saving the diverged run (%v)", err)
	}
	return err
}

// finish scores the network and writes every output of a completed run.
func (t *Trainer) finish(dir string) (*Metrics, error) {
	initial := math.NaN()
	if len(t.History) > 0 {
		initial = t.History[0].Loss
	}
	m, err := t.Metrics(initial)
	if errors.Is(err, errNotFinite) {
		err = &DivergedError{Step: t.step, What: "evaluation error"}
	}
	if err == nil && !isFinite(m.FinalLoss) {
		err = &DivergedError{Step: t.step + 1, What: "loss"}
	}
	if err != nil {
		return nil, t.stopped(dir, err)
	}
	if len(t.History) == 0 { // no step taken: the loss now is the initial loss
		m.InitialLoss = m.FinalLoss
	}
	if err := t.saveProgress(dir); err != nil {
		return nil, err
	}
	if err := writeJSON(filepath.Join(dir, "metrics.json"), m); err != nil {
		return nil, err
	}
	return m, t.writePlots(dir)
}

// finishLocked is finish for a caller that does not hold dir.
func (t *Trainer) finishLocked(dir string) (*Metrics, error) {
	if t.compacted { // its final loss was of points it no longer has
		return nil, &CompactedError{Dir: dir, Step: t.step}
	}
	lock, err := openRunDir(dir)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	return t.finish(dir)
}

// NewRunProgress returns the progress display of a run of cfg on w (see
// NewProgress): plain lines come at every evaluation, or ten times a run
// without evaluations.
func NewRunProgress(cfg Config, w io.Writer) Progress {
	every := cfg.Eval.Every
	if every == 0 {
		every = cfg.Steps / 10
	}
	return NewProgress(w, every)
}
