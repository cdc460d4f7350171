package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/checkpoint"
)

// compact replaces the full checkpoints of the finished runs under each
// directory by their compact state (experiments.Compact), for committing
// them: a study reuses such runs and draws its figures from them, but they
// cannot train further.
func compact(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("compact", stderr)
	if err := parseFlags(fs, args, stderr); err != nil {
		return usageError{err}
	}
	if fs.NArg() == 0 {
		return usageError{errors.New("usage: pinn compact DIR... (run directories, or a study's output directory)")}
	}
	for _, dir := range fs.Args() {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return usageError{errors.Errorf("%s is not a directory", dir)}
		}
	}
	var before, after int64
	n := 0
	for _, dir := range fs.Args() {
		cs, err := experiments.Compact(dir)
		for _, c := range cs {
			switch {
			case c.Skipped != "":
				fmt.Fprintf(stdout, "%s: left as it is: %s\n", c.Dir, c.Skipped)
			default:
				fmt.Fprintf(stdout, "%s: %s -> %s\n", c.Dir, megabytes(c.Before), megabytes(c.After))
				before, after, n = before+c.Before, after+c.After, n+1
			}
		}
		var corrupt *checkpoint.CorruptError
		if errors.As(err, &corrupt) {
			return usageError{err}
		}
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "compacted %d checkpoint(s): %s -> %s\n", n, megabytes(before), megabytes(after))
	return nil
}

// megabytes formats a size in bytes.
func megabytes(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }
