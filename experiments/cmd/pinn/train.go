package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/internal/atomicfile"
	"github.com/pinngo/pinn/solvers"
)

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("pinn "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args quietly, so that a bad flag costs one line (the
// returned error); -h still lists the flags on stderr.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stderr, "usage: %s [flags]\n", fs.Name())
		fs.SetOutput(stderr)
		fs.PrintDefaults()
	}
	return err
}

func train(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("train", stderr)
	config := fs.String("config", "", "JSON config file; flags override its fields")
	pde := fs.String("pde", "burgers", "PDE name (see pinn list)")
	solver := fs.String("solver", "", "solver name (see pinn list) (default: the config's)")
	hyper := fs.String("hyper", "", "solver hyper-parameters, e.g. lr=1e-3,beta1=0.9")
	steps := fs.Int("steps", 0, "training steps (default: the config's)")
	seed := fs.Uint64("seed", 1, "seed of the initialisation and the collocation points")
	dtype := fs.String("dtype", "float64", "float64 or float32")
	width := fs.Int("width", 0, "hidden layer width (default: the config's)")
	depth := fs.Int("depth", 0, "number of hidden layers (default: the config's)")
	every := fs.Int("eval-every", -1, "steps between evaluations (default: the config's)")
	ckptEvery := fs.Int("checkpoint-every", -1, "steps between checkpoints; 0: only at the end and on Ctrl-C (default: the config's)")
	balance := fs.String("balance", "", "loss balancing: none or lra (default: the config's)")
	resume := fs.String("resume", "", "continue the run in this directory from its checkpoint, up to -steps in total")
	out := fs.String("out", "runs/run", "output directory")
	force := fs.Bool("force", false, "start over when -out holds another run, deleting it")
	maxMemory := maxMemoryFlag(fs)
	sweep := lrSweepFlags(fs)
	if err := parseFlags(fs, args, stderr); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{errors.Errorf("unexpected arguments %q", fs.Args())}
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *resume != "" {
		if set["config"] || set["out"] || *force {
			return usageError{errors.New("-resume takes the config and output directory of the run it continues: drop -config, -out and -force")}
		}
		*config, *out = filepath.Join(*resume, "config.json"), *resume
	}
	var cfg experiments.Config
	var err error
	if *config != "" {
		cfg, err = experiments.LoadConfig(*config)
	} else {
		cfg, err = experiments.Default(*pde)
	}
	if err != nil {
		return usageError{err}
	}
	if set["pde"] && *config != "" && *pde != cfg.PDE {
		return usageError{errors.Errorf("-pde %s contradicts the config's pde %s", *pde, cfg.PDE)}
	}
	if set["solver"] && *solver != cfg.Solver {
		// The config's hyper-parameters were chosen for its own solver.
		cfg.Solver, cfg.Hyper = *solver, nil
	}
	if set["hyper"] {
		if cfg.Hyper, err = parseHyper(*hyper); err != nil {
			return usageError{err}
		}
	}
	if set["steps"] {
		if *steps < 0 {
			return usageError{errors.Errorf("-steps must be non-negative, got %d", *steps)}
		}
		cfg.Steps = *steps
	}
	if set["seed"] || *config == "" {
		cfg.Seed = *seed
	}
	if set["dtype"] || *config == "" {
		cfg.Dtype = *dtype
	}
	if set["width"] {
		cfg.Network.Width = *width
	}
	if set["depth"] {
		cfg.Network.Depth = *depth
	}
	if set["eval-every"] {
		cfg.Eval.Every = *every
	}
	if set["checkpoint-every"] {
		cfg.CheckpointEvery = *ckptEvery
	}
	if set["balance"] {
		cfg.Balance.Method = *balance
	}
	cfg.MaxMemory = uint64(*maxMemory)
	if err := cfg.Validate(); err != nil {
		return usageError{err}
	}
	if err := sweep.check(cfg, *resume); err != nil {
		return usageError{err}
	}
	startOver, err := claimDir(*out, *resume == "", *force)
	if err != nil {
		return err
	}
	if cfg, err = sweep.run(ctx, cfg, stdout); err != nil {
		return err
	}
	length := fmt.Sprintf("%d steps", cfg.Steps)
	if cfg.March != nil {
		length = fmt.Sprintf("%d time windows × %d steps", cfg.March.Windows, cfg.Steps)
	}
	fmt.Fprintf(stdout, "training %s with %s for %s (seed %d, %s) into %s\n", cfg.PDE, cfg.Solver, length, cfg.Seed, cfg.Dtype, *out)
	m, err := trainOrResume(ctx, cfg, *resume, *out, startOver, stdout)
	if errors.Is(err, context.Canceled) && experiments.HoldsRun(*out) {
		fmt.Fprintf(stdout, "continue with: pinn train -resume %s\n", *out)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "done: loss %.4e -> %.4e  rel_l2 %.4e  linf %.4e  mse %.4e  wall %.1fs  step %.2fms\n",
		m.InitialLoss, m.FinalLoss, m.RelL2, m.LInf, m.MSE, m.WallS, m.StepMS)
	for _, name := range slices.Sorted(maps.Keys(m.Unknowns)) {
		u := m.Unknowns[name]
		fmt.Fprintf(stdout, "unknown %s = %.6g", name, u.Value)
		if u.True != nil {
			fmt.Fprintf(stdout, " (true %.6g", *u.True)
			if u.RelError != nil {
				fmt.Fprintf(stdout, ", relative error %.2e", *u.RelError)
			}
			stdout.Write([]byte(")"))
		}
		stdout.Write([]byte("\n"))
	}
	return nil
}

// claimDir checks that out can take the run: writable and, for a new run,
// holding no other run unless force. It reports whether the run in out is
// to be deleted, which the caller does once the new run is built, so that
// a new run that fails to start leaves the old one.
func claimDir(out string, fresh, force bool) (startOver bool, err error) {
	if err := atomicfile.CheckDir(out); err != nil {
		return false, usageError{err}
	}
	if !fresh || !experiments.HoldsRun(out) {
		return false, nil
	}
	if !force {
		return false, usageError{errors.Errorf("%s holds another run: continue it with pinn train -resume %s, or start over with -force", out, out)}
	}
	return true, nil
}

// trainOrResume runs cfg into out, continuing the run in resume when it is
// set, and deleting the run in out first when startOver is.
func trainOrResume(ctx context.Context, cfg experiments.Config, resume, out string, startOver bool, stdout io.Writer) (*experiments.Metrics, error) {
	// The reference solution takes no context: computed here, a signal
	// stops the command at once, and its disk cache then serves the run.
	if err := experiments.WarmReference(ctx, cfg); err != nil {
		return nil, err
	}
	if cfg.March != nil { // windows resume themselves from their checkpoints
		if startOver {
			if err := experiments.StartOver(out); err != nil {
				return nil, err
			}
		}
		return experiments.Run(ctx, cfg, out, stdout)
	}
	// Building the run computes its reference solution, which takes no
	// context: a signal then stops the command at once, with nothing to save.
	t, err := interruptible(ctx, "building the run", func() (*experiments.Trainer, error) {
		if resume != "" {
			return experiments.ResumeTrainer(cfg, resume)
		}
		return experiments.NewTrainer(cfg)
	})
	if errors.Is(err, context.Canceled) {
		return nil, err
	}
	if err != nil {
		return nil, usageError{err}
	}
	if cfg.Steps < t.StepCount() {
		return nil, usageError{errors.Errorf("-steps %d: the run in %s is already at step %d", cfg.Steps, resume, t.StepCount())}
	}
	if t.Compacted() && cfg.Steps == t.StepCount() {
		fmt.Fprintf(stdout, "%s holds a finished run, compacted (see pinn compact): nothing to train\n", out)
		return experiments.ReadMetrics(out)
	}
	if startOver {
		if err := experiments.StartOver(out); err != nil {
			return nil, err
		}
	}
	return t.Train(ctx, out, cfg.Steps, experiments.NewRunProgress(cfg, stdout))
}

// parseHyper reads "name=value,name=value".
func parseHyper(s string) (solvers.Hyper, error) {
	h := solvers.Hyper{}
	for _, kv := range strings.Split(s, ",") {
		if kv == "" {
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if !ok || err != nil {
			return nil, errors.Errorf("-hyper: %q is not name=number", kv)
		}
		h[strings.TrimSpace(k)] = f
	}
	return h, nil
}
