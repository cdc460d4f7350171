package main

import (
	"flag"
	"os"
	"strings"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/study"
)

// executorOptions are a study's flags choosing where its runs train.
type executorOptions struct {
	name   string
	kind   *string
	sbatch *string
	binary *string
	wait   *bool
	poll   *time.Duration
}

// executorFlags defines -executor and the Slurm flags on fs.
func executorFlags(fs *flag.FlagSet, name string) *executorOptions {
	return &executorOptions{
		name:   name,
		kind:   fs.String("executor", "local", "where the runs train: local (this process) or slurm (one sbatch array job; run the command again, or add -wait, to collect it)"),
		sbatch: fs.String("sbatch", "", "with -executor slurm: extra sbatch options, such as \"--partition=gpu --time=2:00:00\""),
		binary: fs.String("pinn", "", "with -executor slurm: the pinn binary the nodes run (default: this one)"),
		wait:   fs.Bool("wait", false, "with -executor slurm: follow the job until it ends, then write results.md"),
		poll:   fs.Duration("poll", 10*time.Second, "with -executor slurm -wait: time between looks at the queue"),
	}
}

// executor returns the chosen executor; nil for local.
func (o *executorOptions) executor() (study.Executor, error) {
	switch *o.kind {
	case "local":
		if *o.sbatch != "" || *o.binary != "" || *o.wait {
			return nil, errors.New("-sbatch, -pinn and -wait need -executor slurm")
		}
		return nil, nil
	case "slurm":
	default:
		return nil, errors.Errorf("-executor: %q is neither local nor slurm", *o.kind)
	}
	if *o.poll <= 0 {
		return nil, errors.Errorf("-poll must be positive, got %s", *o.poll)
	}
	if *o.binary != "" {
		if _, err := os.Stat(*o.binary); err != nil {
			return nil, errors.Wrap(err, "-pinn")
		}
	}
	return study.SlurmExecutor{Job: "pinn-" + o.name, Binary: *o.binary, Sbatch: strings.Fields(*o.sbatch), Wait: *o.wait, Poll: *o.poll}, nil
}
