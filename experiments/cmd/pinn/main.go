// Command pinn trains physics-informed neural networks and writes their
// reference solutions.
//
//	pinn train -pde burgers -solver adam -steps 2000 -seed 1 -out runs/burgers
//	pinn train -config run.json -steps 500
//	pinn train -resume runs/burgers -steps 20000
//	pinn compare -pdes burgers,allen-cahn,kdv -solvers adam,soap,pde-aware -budget quick -out runs/compare
//	pinn ablate -study batch|vsource|cost|all -budget quick -out runs/ablate
//	pinn autobalance -budget quick -out runs/autobalance
//	pinn hessian -run runs/burgers -every 1000 -out runs/burgers-hessian
//	pinn compact experiments/results/with-techniques
//	pinn reference -pde burgers -nx 256 -nt 201 -out burgers.csv
//	pinn bench -solvers adam,pde-aware -pdes burgers,kdv -dtypes float64,float32 -n 256,1024,4096
//	pinn list
//
// Bad input (an unknown name, a bad value, an unwritable directory, a damaged
// or mismatched checkpoint) prints a one-line error and exits with status 2;
// a run that fails exits with 1; Ctrl-C (SIGINT) and SIGTERM write a
// checkpoint and exit with 130 and 143.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/internal/runlock"
)

// usageError marks errors in the command line or config: exit status 2.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

func main() {
	ctx, stop := withSignals(context.Background())
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig syscall.Signal }

func (e signalError) Error() string { return "stopped by " + e.sig.String() }

// withSignals returns a context cancelled, with a signalError as its cause,
// by the first SIGINT or SIGTERM; a second one kills the process.
func withSignals(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			sig, _ := s.(syscall.Signal)
			cancel(signalError{sig})
		case <-ctx.Done():
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel(nil) }
}

// isBadInput reports whether err comes from the input rather than from
// the computation: the command line or config, a run directory another
// process writes, a study's run directory holding a damaged or foreign
// run, or a compacted run asked to train further.
func isBadInput(err error) bool {
	var (
		usage  usageError
		held   *runlock.HeldError
		runDir *experiments.RunDirError
		memory *experiments.MemoryError
		done   *experiments.CompactedError
	)
	return errors.As(err, &usage) || errors.As(err, &held) || errors.As(err, &runDir) || errors.As(err, &memory) || errors.As(err, &done)
}

// interruptedStatus is the exit status of a command stopped through ctx:
// 128 + the signal's number, as a shell reports it (130 for Ctrl-C).
func interruptedStatus(ctx context.Context) int {
	var se signalError
	if errors.As(context.Cause(ctx), &se) && se.sig > 0 {
		return 128 + int(se.sig)
	}
	return 130
}

// run executes one pinn command and returns its exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: pinn train|compare|ablate|autobalance|hessian|compact|reference|bench|list [flags] (pinn CMD -h for flags)")
		return 2
	}
	cmds := map[string]func(context.Context, []string, io.Writer, io.Writer) error{
		"train":       train,
		"compare":     compare,
		"ablate":      ablate,
		"autobalance": autobalance,
		"hessian":     hessianCmd,
		"compact":     compact,
		"reference":   writeReference,
		"bench":       bench,
		"list":        list,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "pinn: unknown command %q (want train, compare, ablate, autobalance, hessian, compact, reference, bench or list)\n", args[0])
		return 2
	}
	err := cmd(ctx, args[1:], stdout, stderr)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "pinn %s: %v\n", args[0], err)
	if isBadInput(err) {
		return 2
	}
	if errors.Is(err, context.Canceled) {
		return interruptedStatus(ctx)
	}
	return 1
}
