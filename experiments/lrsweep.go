package experiments

import (
	"context"
	"math"
	"slices"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/solvers"
)

// LRTrial is one learning rate of a sweep and the training loss it ended at.
type LRTrial struct {
	LR float64
	// Loss is the mean training loss over the trial's last tenth of steps
	// (a mini-batch loss is noisy step to step); +Inf when it diverged.
	Loss float64
}

// SweepLR trains cfg for steps steps at each learning rate of lrs, every
// trial from the same initialisation and points, and returns cfg with the
// learning rate whose trial ended at the lowest training loss, and the
// trials in the order of lrs. It refuses a solver without a learning rate,
// and one that switches to full batches (a line search, whose "lr" is its
// first trial step) within the sweep's steps.
func SweepLR(ctx context.Context, cfg Config, lrs []float64, steps int) (Config, []LRTrial, error) {
	p, err := residuals.Lookup(cfg.PDE)
	if err != nil {
		return cfg, nil, errors.Wrap(err, "config: field \"pde\"")
	}
	return SweepLRFor(ctx, cfg, p, lrs, steps)
}

// SweepLRFor is SweepLR for a problem defined outside package residuals
// (see NewTrainerFor).
func SweepLRFor(ctx context.Context, cfg Config, p residuals.Problem, lrs []float64, steps int) (Config, []LRTrial, error) {
	if err := CheckLRSweep(cfg, lrs, steps); err != nil {
		return cfg, nil, err
	}
	trials := make([]LRTrial, len(lrs))
	for i, lr := range lrs {
		loss, err := lrTrial(ctx, withLR(cfg, lr), p, steps)
		if err != nil {
			return cfg, nil, errors.Wrapf(err, "-lr-sweep: lr %g", lr)
		}
		trials[i] = LRTrial{LR: lr, Loss: loss}
	}
	best := slices.IndexFunc(trials, func(t LRTrial) bool { return !math.IsInf(t.Loss, 1) })
	if best < 0 {
		return cfg, trials, errors.Errorf("-lr-sweep: every learning rate of %v diverged within %d steps", lrs, steps)
	}
	for i, t := range trials {
		if t.Loss < trials[best].Loss {
			best = i
		}
	}
	return withLR(cfg, lrs[best]), trials, nil
}

// CheckLRSweep checks what SweepLR can before training: the learning
// rates, the steps, and that cfg's solver has a learning rate and starts
// with mini-batches.
func CheckLRSweep(cfg Config, lrs []float64, steps int) error {
	if len(lrs) == 0 {
		return errors.New("-lr-sweep: no learning rates")
	}
	if err := CheckLRs("-lr-sweep", lrs); err != nil {
		return err
	}
	if steps < 1 {
		return errors.Errorf("-lr-sweep-steps: %d steps per learning rate, want at least 1", steps)
	}
	if cfg.March != nil {
		return errors.New("-lr-sweep: a time-marching run trains one network per window; sweep without \"time_marching\"")
	}
	s, err := solvers.New(cfg.Solver, withLR(cfg, lrs[0]).Hyper)
	if err != nil {
		return errors.Wrap(err, "-lr-sweep")
	}
	if wantsFullBatch(s) {
		return errors.Errorf("-lr-sweep: solver %q takes full batches with a line search, whose lr is its first trial step, not a learning rate", cfg.Solver)
	}
	return nil
}

// withLR returns cfg with its solver's "lr" set, its other hyper-parameters kept.
func withLR(cfg Config, lr float64) Config {
	h := solvers.Hyper{}
	for k, v := range cfg.Hyper {
		h[k] = v
	}
	h["lr"] = lr
	cfg.Hyper = h
	return cfg
}

// lrTrial trains cfg for steps steps without evaluating or saving, and
// returns its mean loss over the last tenth of them, +Inf if it diverged.
func lrTrial(ctx context.Context, cfg Config, p residuals.Problem, steps int) (float64, error) {
	cfg.Steps, cfg.Eval.Every, cfg.CheckpointEvery = steps, 0, 0
	t, err := NewTrainerFor(cfg, p)
	if err != nil {
		return 0, err
	}
	tail := max(1, steps/10)
	var sum float64
	for s := range steps {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if wantsFullBatch(t.Solver) {
			return 0, errors.Errorf("solver %q takes full batches from step %d, within the sweep's %d steps (its lr is then a line search's first step): sweep fewer steps", cfg.Solver, s+1, steps)
		}
		gr, err := t.Step()
		var diverged *DivergedError
		if errors.As(err, &diverged) {
			return math.Inf(1), nil
		}
		if err != nil {
			return 0, err
		}
		if s >= steps-tail {
			sum += gr.Loss / float64(tail)
		}
	}
	return sum, nil
}

// CheckLRs rejects an empty, repeated, non-positive or non-finite
// learning-rate grid given by the named flag.
func CheckLRs(flag string, lrs []float64) error {
	seen := map[float64]bool{}
	for _, lr := range lrs {
		if !(lr > 0) || math.IsInf(lr, 0) {
			return errors.Errorf("%s: %v is not a positive finite learning rate", flag, lr)
		}
		if seen[lr] {
			return errors.Errorf("%s: %v given twice", flag, lr)
		}
		seen[lr] = true
	}
	return nil
}
