package experiments

import (
	"context"

	"github.com/pkg/errors"
)

// WarmReference computes the reference solution of cfg's evaluation grid,
// which fills the problem's disk cache for the trainer built next, and
// returns as soon as ctx is cancelled: the reference solvers take no
// context, so a computation stopped that way goes on in the background
// until it ends (and caches its result), while the caller returns.
func WarmReference(ctx context.Context, cfg Config) error {
	p, err := cfg.Problem()
	if err != nil || p.Reference == nil {
		return nil // NewTrainer reports it
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.Reference(cfg.Eval.NX, cfg.Eval.NT) // errors come again from NewTrainer
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return errors.Wrap(ctx.Err(), "interrupted while computing the reference solution")
	}
}
