package study

import (
	"context"
	"fmt"
	"io"
)

// Executor trains a study's cases, each in its run directory under out
// (Case.Dir), and returns their results in the cases' order.
type Executor interface {
	RunCases(ctx context.Context, cases []Case, out string, log io.Writer) ([]Result, error)
}

// LocalExecutor trains the cases in this process, Workers at a time (see
// RunCases).
type LocalExecutor struct{ Workers int }

// RunCases trains the cases with RunCases.
func (e LocalExecutor) RunCases(ctx context.Context, cases []Case, out string, log io.Writer) ([]Result, error) {
	return RunCases(ctx, cases, out, e.Workers, log)
}

// executorOr returns e, or when it is nil the local executor with workers.
func executorOr(e Executor, workers int) Executor {
	if e == nil {
		return LocalExecutor{Workers: workers}
	}
	return e
}

// PendingError reports a study whose runs a batch scheduler is still
// training: not a failure, the study's command run again (or waiting)
// collects them.
type PendingError struct {
	Job                             string // the scheduler's job id
	Done, Running, Pending, Missing int    // runs of the job by state
	Total                           int
}

func (e *PendingError) Error() string {
	return fmt.Sprintf("slurm job %s: %s; run the same command again to follow it (or add -wait), results.md is written once every run has finished",
		e.Job, e.counts())
}

func (e *PendingError) counts() string {
	return fmt.Sprintf("%d/%d runs done, %d running, %d pending, %d failed", e.Done, e.Total, e.Running, e.Pending, e.Missing)
}
