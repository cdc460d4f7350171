package study

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/solvers"
)

// presetCase returns the run of pde by the variant label: the PDE's preset
// with its first-order solver replaced by the variant's (see
// solvers.WithFirstOrder), the preset's L-BFGS finish and every technique
// kept, and the seed set.
func (s CompareSpec) presetCase(pde, label string, seed uint64) (Case, error) {
	preset, ok := s.Presets[pde]
	if !ok {
		return Case{}, errors.Errorf("no preset for %s", pde)
	}
	v, err := ParseVariant(label)
	if err != nil {
		return Case{}, err
	}
	first, _ := solvers.FirstOrder(v.Solver) // "soap+lbfgs" swaps in soap too
	cfg := preset
	cfg.Solver, cfg.Hyper, err = solvers.WithFirstOrder(preset.Solver, preset.Hyper, first, v.Hyper)
	if err != nil {
		return Case{}, errors.Wrapf(err, "%s with %s", pde, label)
	}
	cfg.Seed = seed
	if v.Balance != "" {
		cfg.Balance = experiments.BalanceConfig{Method: v.Balance}
	}
	cfg = s.withSteps(cfg)
	return Case{Group: pde, Label: label, Seed: seed, Config: cfg}, errors.Wrapf(cfg.Validate(), "%s with %s", pde, label)
}

// presetsSetup describes each PDE's preset for results.md.
func (s CompareSpec) presetsSetup() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Setup: each PDE's preset (%s/PDE.json) with its first-order solver replaced by each solver in turn, its registry hyper-parameters unless given; everything else is the preset's: network, points, techniques and the L-BFGS finish (its switch and hyper-parameters). The presets:\n\n", s.PresetDir)
	pdes := make([]string, 0, len(s.Presets))
	for pde := range s.Presets {
		pdes = append(pdes, pde)
	}
	sort.Strings(pdes)
	for _, pde := range pdes {
		fmt.Fprintf(&b, "- %s: %s\n", pde, presetSummary(s.Presets[pde]))
	}
	return b.String() + "\n"
}

// presetSummary describes a preset's network, training and techniques in
// a line.
func presetSummary(c experiments.Config) string {
	n := c.Network
	net := fmt.Sprintf("MLP %d×%d %s", n.Depth, n.Width, n.Activation)
	if n.Modified {
		net = "modified " + net
	}
	parts := []string{net}
	if n.Fourier != nil {
		parts = append(parts, fmt.Sprintf("Fourier features (%d modes)", n.Fourier.Modes))
	}
	if n.Normalize {
		parts = append(parts, "coordinates mapped to [−1, 1]")
	}
	if c.HardConstraints {
		parts = append(parts, "hard constraints")
	}
	if c.Causal != nil {
		parts = append(parts, "causal weighting")
	}
	steps := fmt.Sprintf("%d steps", c.Steps)
	if m := c.March; m != nil {
		steps = fmt.Sprintf("time marching: %d windows of %d steps", m.Windows, c.Steps)
		if m.WarmStart {
			steps += ", each warm-started from the last"
		}
	}
	parts = append(parts, steps, c.Sampling+" points")
	if first, finish := solvers.FirstOrder(c.Solver); finish {
		parts = append(parts, fmt.Sprintf("%s then L-BFGS (%s)", first, c.Hyper))
	} else {
		parts = append(parts, fmt.Sprintf("%s (%s)", c.Solver, c.Hyper))
	}
	return strings.Join(parts, ", ")
}
