package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/internal/atomicfile"
	"github.com/pinngo/pinn/residuals/reference"
)

func writeReference(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("reference", stderr)
	pde := fs.String("pde", "burgers", "PDE name")
	nx := fs.Int("nx", 256, "grid points along x")
	nt := fs.Int("nt", 201, "grid points along t (or y)")
	out := fs.String("out", "", "CSV file to write (required)")
	sets := setFlag(fs)
	maxMemory := maxMemoryFlag(fs)
	if err := parseFlags(fs, args, stderr); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{errors.Errorf("unexpected arguments %q", fs.Args())}
	}
	if *out == "" {
		return usageError{errors.New("-out is required")}
	}
	cfg, err := experiments.Default(*pde)
	if err != nil {
		return usageError{err}
	}
	if err := applySets(&cfg, *sets); err != nil {
		return usageError{err}
	}
	p, err := cfg.Problem()
	if err != nil {
		return usageError{err}
	}
	if p.Reference == nil {
		return usageError{errors.Errorf("%s has no reference solution", *pde)}
	}
	if *nx < 2 || *nt < 2 {
		return usageError{errors.Errorf("-nx and -nt must be at least 2, got %d and %d", *nx, *nt)}
	}
	if err := experiments.CheckReferenceMemory(*nx, *nt, uint64(*maxMemory)); err != nil {
		return usageError{err}
	}
	fmt.Fprintf(stdout, "computing the %s reference on a %d × %d grid\n", *pde, *nx, *nt)
	start := time.Now()
	g, err := interruptible(ctx, "computing the reference", func() (*reference.Grid, error) { return p.Reference(*nx, *nt) })
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := g.WriteCSV(&b); err != nil {
		return err
	}
	if err := atomicfile.Write(*out, b.Bytes(), 0o644); err != nil {
		return usageError{err}
	}
	fmt.Fprintf(stdout, "wrote %s (%d × %d) in %.2fs\n", *out, *nx, *nt, time.Since(start).Seconds())
	return nil
}
