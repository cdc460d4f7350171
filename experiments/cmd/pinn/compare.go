package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/internal/atomicfile"
	"github.com/pinngo/pinn/experiments/study"
)

// compare is the PDE-aware paper's comparison: its three PDEs, Adam, SOAP
// and the PDE-aware optimizer.
func compare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runCompare(ctx, "compare", "burgers,allen-cahn,kdv", "adam,soap,pde-aware", "Solver comparison on the PDE-aware paper's benchmarks", args, stdout, stderr)
}

// autobalanceSolvers are the methods of the AutoBalance paper's study:
// Adam and AdamW with fixed weights, the pre-combine baselines DWA and
// IMTL-G and learning-rate annealing, and the post-combine Auto-Adam and
// Auto-AdamW.
const autobalanceSolvers = "adam,adamw,dwa,imtl-g,adam+lra,autobalance,autobalance-adamw"

// autobalance is the AutoBalance paper's comparison on its three
// benchmarks; results.md adds the paper's figures.
func autobalance(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runCompare(ctx, "autobalance", "reaction-diffusion,helmholtz,poisson-inverse", autobalanceSolvers, "AutoBalance comparison", args, stdout, stderr)
}

func runCompare(ctx context.Context, name, defPDEs, defSolvers, title string, args []string, stdout, stderr io.Writer) error {
	fs := newFlags(name, stderr)
	pdes := fs.String("pdes", defPDEs, "comma-separated PDEs")
	variants := fs.String("solvers", defSolvers, "comma-separated solvers: name[:hyper=value]...[+lra] (+lra balances the loss weights)")
	budget := fs.String("budget", "quick", "run size: "+strings.Join(study.BudgetNames(), " or "))
	steps := fs.Int("steps", 0, "steps per run (default: the budget's)")
	seeds := fs.String("seeds", "1", "comma-separated seeds")
	workers := fs.Int("workers", 1, "runs at a time (1 keeps timings undisturbed)")
	out := fs.String("out", "runs/"+name, "output directory")
	tune := fs.String("tune-lr", "", "comma-separated learning rates: tune each solver's lr per PDE on the first seed by the final training loss, then train the other seeds at the chosen and at the default lr")
	partial := fs.Bool("partial", false, "train nothing: report the runs already finished in -out and list the missing ones")
	exec := executorFlags(fs, name)
	presets := fs.String("presets", "", "directory of preset configs, PDE.json for each PDE: train each PDE's preset with only its first-order solver swapped (its techniques and L-BFGS finish kept) instead of a -budget")
	if err := parseFlags(fs, args, stderr); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{errors.Errorf("unexpected arguments %q", fs.Args())}
	}
	spec := study.CompareSpec{PDEs: splitList(*pdes), Variants: splitList(*variants), Budget: *budget,
		Steps: *steps, Workers: *workers, Title: title, Command: "pinn " + name + " " + strings.Join(args, " "), Partial: *partial, Study: name}
	var err error
	if *presets != "" {
		if flagSet(fs, "budget") {
			return usageError{errors.New("give -budget or -presets, not both")}
		}
		if spec.Presets, err = experiments.LoadPresets(*presets, spec.PDEs); err != nil {
			return usageError{err}
		}
		spec.PresetDir = *presets
		spec.Title = "Solvers with each PDE's techniques"
	}
	if spec.Seeds, err = parseSeeds(*seeds); err != nil {
		return usageError{err}
	}
	if spec.TuneLR, err = parseFloats("-tune-lr", *tune); err != nil {
		return usageError{err}
	}
	if *workers < 1 || *steps < 0 {
		return usageError{errors.Errorf("-workers must be at least 1 and -steps non-negative, got %d and %d", *workers, *steps)}
	}
	if _, err := spec.Cases(); err != nil {
		return usageError{err}
	}
	if spec.Executor, err = exec.executor(); err != nil {
		return usageError{err}
	}
	if err := atomicfile.CheckDir(*out); err != nil {
		return usageError{err}
	}
	var pending *study.PendingError
	if _, err := study.Compare(ctx, spec, *out, stdout); errors.As(err, &pending) {
		fmt.Fprintln(stdout, pending)
		return nil
	} else if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s/results.md and its figures\n", *out)
	return nil
}

// flagSet reports whether the flag called name was given.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// parseFloats reads the comma-separated numbers of a flag.
func parseFloats(flag, s string) ([]float64, error) {
	var xs []float64
	for _, item := range splitList(s) {
		x, err := strconv.ParseFloat(item, 64)
		if err != nil {
			return nil, errors.Errorf("%s: %q is not a number", flag, item)
		}
		xs = append(xs, x)
	}
	return xs, nil
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// parseSeeds reads a comma-separated list of distinct seeds.
func parseSeeds(s string) ([]uint64, error) {
	var seeds []uint64
	seen := map[uint64]bool{}
	for _, item := range splitList(s) {
		v, err := strconv.ParseUint(item, 10, 64)
		if err != nil {
			return nil, errors.Errorf("-seeds: %q is not a non-negative integer", item)
		}
		if seen[v] {
			return nil, errors.Errorf("-seeds: %d given twice", v)
		}
		seen[v] = true
		seeds = append(seeds, v)
	}
	if len(seeds) == 0 {
		return nil, errors.New("-seeds: at least one seed needed")
	}
	return seeds, nil
}
