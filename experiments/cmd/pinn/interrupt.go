package main

import (
	"context"

	"github.com/pkg/errors"
)

// interruptible runs f, which takes no context, and returns its result, or
// an error wrapping ctx's as soon as ctx is cancelled. It is for work that
// leaves nothing to save when stopped, such as computing a reference
// solution or building a run: the command returns at once and the process
// exits, abandoning f.
func interruptible[T any](ctx context.Context, what string, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, errors.Wrapf(ctx.Err(), "interrupted while %s", what)
	}
}
