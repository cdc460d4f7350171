package main

import (
	"encoding/json"
	"flag"
	"strings"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/solvers"
)

// setList is the repeatable -set flag: config overrides "path=value".
type setList []string

func (s *setList) String() string { return strings.Join(*s, " ") }

func (s *setList) Set(v string) error {
	if path, _, ok := strings.Cut(v, "="); !ok || path == "" {
		return errors.Errorf("-set %q: want path=value, such as network.width=128", v)
	}
	*s = append(*s, v)
	return nil
}

// setFlag adds -set to fs.
func setFlag(fs *flag.FlagSet) *setList {
	s := &setList{}
	fs.Var(s, "set", "override a config field, path=value, such as network.width=128, hyper.lr=3e-3 or pde.nu=0.002 (repeatable; see Config.Set)")
	return s
}

// shortcuts are the flags that set one config field each, by its path.
func shortcuts() [][2]string {
	return [][2]string{
		{"solver", "solver"}, {"steps", "steps"}, {"seed", "seed"}, {"dtype", "dtype"},
		{"width", "network.width"}, {"depth", "network.depth"}, {"eval-every", "eval.every"},
		{"checkpoint-every", "checkpoint_every"}, {"balance", "balance.method"},
	}
}

// applyFlags applies the shortcut flags given (set), then -hyper, then
// every -set in order, all through experiments.Config.Set.
func applyFlags(cfg *experiments.Config, fs *flag.FlagSet, set map[string]bool, sets setList) error {
	for _, sc := range shortcuts() {
		if set[sc[0]] {
			if err := cfg.Set(sc[1], fs.Lookup(sc[0]).Value.String()); err != nil {
				return errors.Wrapf(err, "-%s", sc[0])
			}
		}
	}
	if set["hyper"] {
		h, err := solvers.ParseHyper(fs.Lookup("hyper").Value.String())
		if err != nil {
			return errors.Wrap(err, "-hyper")
		}
		raw, err := json.Marshal(h)
		if err != nil {
			return errors.Wrap(err, "-hyper")
		}
		if err := cfg.Set("hyper", string(raw)); err != nil {
			return errors.Wrap(err, "-hyper")
		}
	}
	return applySets(cfg, sets)
}

// applySets applies -set overrides in order.
func applySets(cfg *experiments.Config, sets setList) error {
	for _, kv := range sets {
		path, value, _ := strings.Cut(kv, "=")
		if err := cfg.Set(path, value); err != nil {
			return errors.Wrapf(err, "-set %s", kv)
		}
	}
	return nil
}
