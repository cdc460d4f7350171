package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/hessian"
	"github.com/pinngo/pinn/experiments/internal/atomicfile"
)

// hessianCmd analyses the Hessian of each loss term (package
// experiments/hessian): at initialization for -config, at a run's
// checkpoint for -run, or along training with -every or -step, which
// train (or replay) the config from initialization.
func hessianCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("hessian", stderr)
	config := fs.String("config", "", "config file: analyse its network at initialization (and along training with -every/-step)")
	runDir := fs.String("run", "", "run directory: analyse its checkpoint (and its initialization)")
	every := fs.Int("every", 0, "train (or replay the run) from initialization, analysing every K steps; 0: only at the start and the end")
	step := fs.Int("step", -1, "train (or replay) from initialization to step N and analyse there (default: the run's checkpoint step, or the config's steps with -every)")
	termList := fs.String("terms", "", "loss terms to analyse, e.g. pde,bc_x (default: all)")
	lanczos := fs.Int("lanczos", 80, "Lanczos steps per probe")
	probes := fs.Int("probes", 4, "random probes of stochastic Lanczos quadrature")
	seed := fs.Uint64("seed", 1, "seed of the probes")
	floor := fs.Float64("floor", 1e-6, "κ_q counts eigenvalues above floor·λ_max")
	quantile := fs.Float64("quantile", 0.05, "κ_q = λ_max / the q-quantile of the density above the floor")
	out := fs.String("out", "runs/hessian", "output directory: hessian.json, history.csv, hessian.png")
	if err := parseFlags(fs, args, stderr); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{errors.Errorf("unexpected arguments %q", fs.Args())}
	}
	if (*config == "") == (*runDir == "") {
		return usageError{errors.New("give exactly one of -config FILE and -run DIR")}
	}
	s := hessian.Settings{Steps: *lanczos, Probes: *probes, Seed: *seed, Floor: *floor, Quantile: *quantile}
	switch {
	case *every < 0:
		return usageError{errors.Errorf("-every must be non-negative, got %d", *every)}
	case s.Steps < 1 || s.Probes < 1:
		return usageError{errors.Errorf("-lanczos and -probes must be positive, got %d and %d", s.Steps, s.Probes)}
	case !(s.Floor > 0 && s.Floor < 1) || !(s.Quantile > 0 && s.Quantile < 1):
		return usageError{errors.Errorf("-floor and -quantile must be in (0, 1), got %v and %v", s.Floor, s.Quantile)}
	case *step < -1:
		return usageError{errors.Errorf("-step must be non-negative, got %d", *step)}
	}
	source, ckpt := *config, ""
	if *runDir != "" {
		source, ckpt = filepath.Join(*runDir, "config.json"), filepath.Join(*runDir, experiments.CheckpointFile)
		if _, err := os.Stat(ckpt); err != nil {
			return usageError{errors.Errorf("run %s has no checkpoint (%s)", *runDir, experiments.CheckpointFile)}
		}
	}
	cfg, err := experiments.LoadConfig(source)
	if err != nil {
		return usageError{err}
	}
	if cfg.Dtype != "float64" {
		return usageError{errors.Errorf("the Hessian analysis needs float64 parameters, the config has %s", cfg.Dtype)}
	}
	fresh, err := experiments.NewTrainer(cfg)
	if err != nil {
		return usageError{err}
	}
	terms, err := termIndices(fresh.Loss.Terms(), *termList)
	if err != nil {
		return usageError{err}
	}
	var saved *experiments.Trainer
	if ckpt != "" {
		if saved, err = experiments.ResumeTrainer(cfg, *runDir); err != nil {
			return usageError{err}
		}
		if saved.Compacted() && *every == 0 && *step < 0 {
			// Its spectra would need the solver's moments and points it no longer has.
			return usageError{errors.Errorf("run %s has a compact checkpoint, without the solver state the preconditioned spectra need: give -step or -every to replay the run from its config", *runDir)}
		}
	}
	if err := atomicfile.CheckDir(*out); err != nil {
		return usageError{err}
	}
	until := 0
	switch {
	case *step >= 0:
		until = *step
	case saved != nil:
		until = saved.StepCount()
	case *every > 0:
		until = cfg.Steps
	}
	w, _ := hessian.Flatten(fresh.Loss.Network().Params())
	rep := hessian.Report{Source: filepath.Clean(*config + *runDir), PDE: cfg.PDE, Solver: cfg.Solver, Params: len(w), Settings: s, ReplayMaxAbsDiff: math.NaN()}
	fmt.Fprintf(stdout, "Hessian of %s (%s, %d parameters): %d Lanczos steps × %d probes per spectrum\n", cfg.PDE, cfg.Solver, len(w), s.Steps, s.Probes)
	if saved != nil && *every == 0 && *step < 0 {
		// The checkpoint as it is, and the initialization it started from.
		if rep.Results, err = hessian.Trajectory(ctx, fresh, hessian.Plan{Until: 0, Terms: terms, Settings: s}, stdout); err != nil {
			return err
		}
		rs, err := hessian.Trajectory(ctx, saved, hessian.Plan{Until: saved.StepCount(), Terms: terms, Settings: s}, stdout)
		if err != nil {
			return err
		}
		rep.Results = append(rep.Results, rs...)
	} else {
		if rep.Results, err = hessian.Trajectory(ctx, fresh, hessian.Plan{Every: *every, Until: until, Terms: terms, Settings: s}, stdout); err != nil {
			return err
		}
		if saved != nil && saved.StepCount() == until {
			rep.ReplayMaxAbsDiff = maxAbsDiff(fresh, saved)
			fmt.Fprintf(stdout, "replay vs checkpoint at step %d: max |Δw| = %.3g\n", until, rep.ReplayMaxAbsDiff)
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	if err := rep.WriteJSON(filepath.Join(*out, "hessian.json")); err != nil {
		return err
	}
	if err := hessian.WriteCSV(filepath.Join(*out, "history.csv"), rep.Results); err != nil {
		return err
	}
	if err := hessian.Figure(filepath.Join(*out, "hessian.png"), rep.Results, s.Floor); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}

// termIndices resolves a comma-separated list of term names; empty means
// every term.
func termIndices(names []string, list string) ([]int, error) {
	var idx []int
	if list == "" {
		for k := range names {
			idx = append(idx, k)
		}
		return idx, nil
	}
	for _, n := range splitList(list) {
		k := slices.Index(names, n)
		if k < 0 {
			return nil, errors.Errorf("-terms: unknown term %q (the loss has %v)", n, names)
		}
		idx = append(idx, k)
	}
	return idx, nil
}

// maxAbsDiff returns the largest difference between two trainers'
// parameters.
func maxAbsDiff(a, b *experiments.Trainer) float64 {
	wa, _ := hessian.Flatten(a.Loss.Network().Params())
	wb, _ := hessian.Flatten(b.Loss.Network().Params())
	var d float64
	for i := range wa {
		d = math.Max(d, math.Abs(wa[i]-wb[i]))
	}
	return d
}
