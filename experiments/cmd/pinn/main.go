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
//	pinn reference -pde burgers -nx 256 -nt 201 -out burgers.csv
//	pinn bench -solvers adam,pde-aware -pdes burgers,kdv -dtypes float64,float32 -n 256,1024,4096
//	pinn list
//
// Bad input (an unknown name, a bad value, an unwritable directory, a damaged
// or mismatched checkpoint) prints a one-line error and exits with status 2;
// a run that fails exits with 1; Ctrl-C writes a checkpoint and exits with 130.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/pkg/errors"
)

// usageError marks errors in the command line or config: exit status 2.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one pinn command and returns its exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: pinn train|compare|ablate|autobalance|hessian|reference|bench|list [flags] (pinn CMD -h for flags)")
		return 2
	}
	cmds := map[string]func(context.Context, []string, io.Writer, io.Writer) error{
		"train":       train,
		"compare":     compare,
		"ablate":      ablate,
		"autobalance": autobalance,
		"hessian":     hessianCmd,
		"reference":   writeReference,
		"bench":       bench,
		"list":        list,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "pinn: unknown command %q (want train, compare, ablate, autobalance, hessian, reference, bench or list)\n", args[0])
		return 2
	}
	err := cmd(ctx, args[1:], stdout, stderr)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "pinn %s: %v\n", args[0], err)
	if _, ok := err.(usageError); ok {
		return 2
	}
	if errors.Is(err, context.Canceled) {
		return 130 // the shell's status for a run stopped by Ctrl-C
	}
	return 1
}
