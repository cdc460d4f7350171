package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/internal/atomicfile"
	"github.com/pinngo/pinn/experiments/study"
)

func ablate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("ablate", stderr)
	ablation := fs.String("study", "all", "ablation: "+strings.Join(study.AblationNames(), ", ")+" or all")
	budget := fs.String("budget", "quick", "run size: "+strings.Join(study.BudgetNames(), " or "))
	seeds := fs.String("seeds", "1", "comma-separated seeds")
	solverList := fs.String("solvers", "", "batch: the solver ablated (default pde-aware); cost: the solvers timed (default adam,soap,pde-aware)")
	batches := fs.String("batches", "256,512,1024,2048", "comma-separated interior batch sizes")
	widths := fs.String("widths", "32,64,128,256", "cost: comma-separated hidden widths")
	costSteps := fs.Int("cost-steps", 20, "cost: steps timed per setting")
	workers := fs.Int("workers", 1, "runs at a time (1 keeps timings undisturbed)")
	out := fs.String("out", "runs/ablate", "output directory; each study writes into OUT/STUDY")
	exec := executorFlags(fs, "ablate")
	if err := parseFlags(fs, args, stderr); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{errors.Errorf("unexpected arguments %q", fs.Args())}
	}
	studies := []string{*ablation}
	if *ablation == "all" {
		studies = study.AblationNames()
	}
	base := study.AblateSpec{Budget: *budget, Solvers: splitList(*solverList), CostSteps: *costSteps,
		Workers: *workers, Command: "pinn ablate " + strings.Join(args, " ")}
	var err error
	if base.Seeds, err = parseSeeds(*seeds); err != nil {
		return usageError{err}
	}
	if base.Batches, err = parseInts("-batches", *batches); err != nil {
		return usageError{err}
	}
	if base.Widths, err = parseInts("-widths", *widths); err != nil {
		return usageError{err}
	}
	if *costSteps < 1 || *workers < 1 {
		return usageError{errors.Errorf("-cost-steps and -workers must be at least 1, got %d and %d", *costSteps, *workers)}
	}
	if base.Executor, err = exec.executor(); err != nil {
		return usageError{err}
	}
	specs := make([]study.AblateSpec, len(studies))
	for i, name := range studies {
		specs[i] = base
		specs[i].Study = name
		if _, err := specs[i].AblateCases(); err != nil {
			return usageError{err}
		}
	}
	if err := atomicfile.CheckDir(*out); err != nil {
		return usageError{err}
	}
	for _, s := range specs {
		dir := filepath.Join(*out, s.Study)
		fmt.Fprintf(stdout, "ablation %s into %s\n", s.Study, dir)
		var pending *study.PendingError
		if err := study.Ablate(ctx, s, dir, stdout); errors.As(err, &pending) {
			fmt.Fprintln(stdout, pending)
			continue
		} else if err != nil {
			return errors.Wrapf(err, "ablation %s", s.Study)
		}
		fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(dir, "results.md"))
	}
	return nil
}

// parseInts reads a comma-separated list of positive integers.
func parseInts(flag, s string) ([]int, error) {
	var out []int
	for _, item := range splitList(s) {
		v, err := strconv.Atoi(item)
		if err != nil || v < 1 {
			return nil, errors.Errorf("%s: %q is not a positive integer", flag, item)
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, errors.Errorf("%s: at least one value needed", flag)
	}
	return out, nil
}
