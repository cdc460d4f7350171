package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/internal/atomicfile"
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
	fs.String("solver", "", "solver name (see pinn list) (default: the config's)")
	fs.String("hyper", "", "solver hyper-parameters, e.g. lr=1e-3,beta1=0.9")
	fs.Int("steps", 0, "training steps (default: the config's)")
	fs.Uint64("seed", 1, "seed of the initialisation and the collocation points")
	fs.String("dtype", "float64", "float64 or float32")
	fs.Int("width", 0, "hidden layer width (default: the config's)")
	fs.Int("depth", 0, "number of hidden layers (default: the config's)")
	fs.Int("eval-every", -1, "steps between evaluations (default: the config's)")
	fs.Int("checkpoint-every", -1, "steps between checkpoints; 0: only at the end and on Ctrl-C (default: the config's)")
	fs.String("balance", "", "loss balancing: none or lra (default: the config's)")
	sets := setFlag(fs)
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
	if err := applyFlags(&cfg, fs, set, *sets); err != nil {
		return usageError{err}
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
	// Building the run computes its reference solution, which takes no
	// context: a signal then stops the command at once, with nothing to save.
	j, err := interruptible(ctx, "building the run", func() (*experiments.Job, error) {
		return experiments.Open(cfg, out, resume != "")
	})
	if errors.Is(err, context.Canceled) {
		return nil, err
	}
	if err != nil {
		return nil, usageError{err}
	}
	if cfg.Steps < j.StepCount() {
		return nil, usageError{errors.Errorf("-steps %d: the run in %s is already at step %d", cfg.Steps, resume, j.StepCount())}
	}
	if j.Compacted() && cfg.Steps == j.StepCount() {
		fmt.Fprintf(stdout, "%s holds a finished run, compacted (see pinn compact): nothing to train\n", out)
		return experiments.ReadMetrics(out)
	}
	if startOver {
		if err := experiments.StartOver(out); err != nil {
			return nil, err
		}
	}
	return j.Train(ctx, stdout)
}
