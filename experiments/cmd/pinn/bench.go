package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/graph"
)

// bench prints the median training step time and the allocation per step
// of the comparison workload for each solver, PDE, dtype and size.
func bench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("bench", stderr)
	solverList := fs.String("solvers", "adam,pde-aware", "comma-separated solvers")
	pdes := fs.String("pdes", "burgers,kdv", "comma-separated PDEs")
	dtypes := fs.String("dtypes", "float64,float32", "comma-separated dtypes: float64, float32")
	sizes := fs.String("n", "256,1024,4096", "comma-separated interior batch sizes N (N/4 initial and N/4 boundary points per side)")
	steps := fs.Int("steps", 20, "timed steps per case, after 3 warm-up steps")
	maxMemory := maxMemoryFlag(fs)
	if err := parseFlags(fs, args, stderr); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{errors.Errorf("unexpected arguments %q", fs.Args())}
	}
	if *steps < 1 {
		return usageError{errors.Errorf("-steps must be positive, got %d", *steps)}
	}
	spec := experiments.BenchSpec{Solvers: splitList(*solverList), PDEs: splitList(*pdes), Dtypes: splitList(*dtypes), Steps: *steps, Warmup: 3, MaxMemory: uint64(*maxMemory)}
	for _, item := range splitList(*sizes) {
		n, err := strconv.Atoi(item)
		if err != nil {
			return usageError{errors.Errorf("-n: %q is not an integer", item)}
		}
		spec.Sizes = append(spec.Sizes, n)
	}
	if err := spec.Validate(); err != nil {
		return usageError{err}
	}
	fmt.Fprintf(stdout, "MLP 2→64×3→1 tanh, one step = loss + gradients + update + new points; median of %d steps after 3 warm-up; BLAS %s, GOMAXPROCS %d (terms of 512 points or more split into as many graphs)\n\n",
		*steps, graph.BLAS, runtime.GOMAXPROCS(0))
	rows, err := experiments.Bench(ctx, spec)
	if err != nil {
		return err
	}
	if err := experiments.WriteBenchTable(stdout, rows); err != nil {
		return err
	}
	// The products' rate means little without the ceiling: the same BLAS
	// on large square products, where it runs at its best.
	peak64, err := graph.PeakGFLOPs(512, false, 300*time.Millisecond)
	if err != nil {
		return err
	}
	peak32, err := graph.PeakGFLOPs(512, true, 300*time.Millisecond)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "\nproducts counted by graph.CountFLOPs (element-wise work not counted); peak of this BLAS on 512×512 products: %.1f GFLOP/s float64, %.1f float32\n", peak64, peak32)
	return err
}
