package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
)

// lrSweep holds the flags of pinn train's learning-rate sweep.
type lrSweep struct {
	list  *string
	steps *int
	lrs   []float64
}

// lrSweepFlags adds -lr-sweep and -lr-sweep-steps to fs.
func lrSweepFlags(fs *flag.FlagSet) *lrSweep {
	return &lrSweep{
		list:  fs.String("lr-sweep", "", "comma-separated learning rates: train each for -lr-sweep-steps steps, then train at the one with the lowest final training loss"),
		steps: fs.Int("lr-sweep-steps", 300, "steps per learning rate of -lr-sweep"),
	}
}

// check parses and checks the sweep's learning rates for cfg; a resumed
// run keeps its own.
func (s *lrSweep) check(cfg experiments.Config, resume string) error {
	if *s.list == "" {
		return nil
	}
	if resume != "" {
		return errors.New("-lr-sweep starts a run: a resumed run keeps its learning rate")
	}
	lrs, err := parseFloats("-lr-sweep", *s.list)
	if err != nil {
		return err
	}
	if err := experiments.CheckLRSweep(cfg, lrs, *s.steps); err != nil {
		return err
	}
	s.lrs = lrs
	return nil
}

// run sweeps the learning rates, when asked, and returns cfg at the one
// chosen, reporting every trial on stdout.
func (s *lrSweep) run(ctx context.Context, cfg experiments.Config, stdout io.Writer) (experiments.Config, error) {
	if s.lrs == nil {
		return cfg, nil
	}
	fmt.Fprintf(stdout, "lr sweep: %d steps at each of %v\n", *s.steps, s.lrs)
	chosen, trials, err := experiments.SweepLR(ctx, cfg, s.lrs, *s.steps)
	if errors.Is(err, context.Canceled) {
		return cfg, err
	}
	if err != nil {
		return cfg, usageError{err}
	}
	for _, t := range trials {
		loss := fmt.Sprintf("%.4e", t.Loss)
		if math.IsInf(t.Loss, 1) {
			loss = "diverged"
		}
		fmt.Fprintf(stdout, "  lr %-8g final training loss %s\n", t.LR, loss)
	}
	fmt.Fprintf(stdout, "lr sweep: training at lr %g\n", chosen.Hyper["lr"])
	return chosen, nil
}
