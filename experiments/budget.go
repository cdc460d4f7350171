package experiments

import (
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/solvers"
)

// Budget is the size of the runs of a study: the plain PINN of the
// PDE-aware paper (a tanh MLP, every loss weight 1, no embedding, hard
// constraint or causal weighting) at a given scale.
type Budget struct {
	Name         string
	Width, Depth int
	Interior     int // interior points, drawn once
	Batch        int // interior points per step
	Conditions   int // points of every initial/boundary term, all used every step
	Steps        int
	EvalEvery    int
	Summary      string
}

// Budgets returns the named budgets: "paper" is the setup of the PDE-aware
// optimizer paper (methods.md), "autobalance-paper" the same network and
// points for the AutoBalance paper's 30,000 epochs, "quick" a scaled-down
// version that runs the 3 PDE × 3 solver comparison in under ten minutes
// on two cores, and "smoke" a check that the pipeline works, in seconds.
func Budgets() map[string]Budget {
	return map[string]Budget{
		"paper": {Name: "paper", Width: 64, Depth: 3, Interior: 10000, Batch: 1024, Conditions: 1000, Steps: 10000, EvalEvery: 1000,
			Summary: "the paper's setup: MLP 3×64 tanh, 10,000 interior points in minibatches of 1,024, 1,000 points per initial/boundary term, every weight 1, 10,000 steps (the paper's \"epochs\", read as optimizer steps: one step is one minibatch)"},
		// The AutoBalance paper's stored text gives its 30,000 epochs but
		// not its network, points or learning rate (experiments/results/
		// autobalance-paper/SETUP.md): those of "paper" stand in. The error
		// is evaluated every 1,000 steps for the MSE-over-training figure.
		"autobalance-paper": {Name: "autobalance-paper", Width: 64, Depth: 3, Interior: 10000, Batch: 1024, Conditions: 1000, Steps: 30000, EvalEvery: 1000,
			Summary: "the AutoBalance paper's 30,000 epochs (read as optimizer steps: one step is one minibatch) on the \"paper\" budget's network and points, which the AutoBalance paper's stored text does not give: MLP 3×64 tanh, 10,000 interior points in minibatches of 1,024, 1,000 points per boundary/initial term, the Poisson problem's 2,000 observations, every weight 1, registry hyper-parameters (lr 1e-3)"},
		"smoke": {Name: "smoke", Width: 8, Depth: 2, Interior: 128, Batch: 32, Conditions: 16, Steps: 30, EvalEvery: 10,
			Summary: "a check of the pipeline in seconds, not a result: MLP 2×8 tanh, 128 interior points in minibatches of 32, 16 points per initial/boundary term, 30 steps"},
		"quick": {Name: "quick", Width: 32, Depth: 3, Interior: 2000, Batch: 256, Conditions: 256, Steps: 1500, EvalEvery: 250,
			Summary: "scaled down: MLP 3×32 tanh, 2,000 interior points in minibatches of 256, 256 points per initial/boundary term, every weight 1, 1,500 steps"},
	}
}

// BudgetNames lists the budgets.
func BudgetNames() []string {
	var names []string
	for n := range Budgets() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LookupBudget returns the named budget.
func LookupBudget(name string) (Budget, error) {
	b, ok := Budgets()[name]
	if !ok {
		return Budget{}, errors.Errorf("unknown budget %q (known: %v)", name, BudgetNames())
	}
	return b, nil
}

// Config returns the run of pde trained by a variant (see ParseVariant,
// such as "adam" or "adam+lra") at this budget. It starts from a
// blank config rather than the PDE's preset, so that techniques a preset
// turns on stay off and solvers are compared on the plain PINN.
func (b Budget) Config(pde, variant string, seed uint64) (Config, error) {
	p, err := residuals.Lookup(pde)
	if err != nil {
		return Config{}, err
	}
	v, err := ParseVariant(variant)
	if err != nil {
		return Config{}, err
	}
	cfg := Config{
		PDE: pde, Solver: v.Solver, Hyper: v.Hyper, Seed: seed, Steps: b.Steps, Dtype: "float64", Sampling: "uniform",
		Network:         NetworkConfig{Width: b.Width, Depth: b.Depth, Activation: "tanh"},
		Eval:            EvalConfig{NX: p.Grid[0], NT: p.Grid[1], Every: b.EvalEvery},
		Balance:         BalanceConfig{Method: v.Balance},
		CheckpointEvery: max(b.Steps/10, 1),
		Terms:           map[string]TermConfig{},
	}
	one := 1.0
	for _, t := range p.Terms() {
		tc := TermConfig{Weight: &one}
		switch {
		case t.Role == graph.RoleInterior:
			tc.Pool, tc.Batch = intPtr(b.Interior), intPtr(b.Batch)
		case canDraw(t, b.Conditions):
			tc.Pool, tc.Batch = intPtr(b.Conditions), intPtr(0)
		} // other terms (observations) keep their own points
		cfg.Terms[t.Name] = tc
	}
	return cfg, errors.Wrapf(cfg.Validate(), "%s with %s", pde, variant)
}

// canDraw reports whether a term samples n points of its own: data terms,
// whose points are given, return the same points whatever they are asked.
func canDraw(t graph.Term, n int) bool {
	a, errA := t.Sample(graph.NewSource(1, graph.Uniform), n)
	b, errB := t.Sample(graph.NewSource(2, graph.Uniform), n)
	return errA == nil && errB == nil && len(a) > 0 && a[0].Len() == n && !reflect.DeepEqual(a, b)
}

func intPtr(n int) *int { return &n }

// Variant is a solver as a study names it: "solver", optionally with
// hyper-parameters and a loss-balancing method, as in
// "soap:lr=0.003:beta1=0.95+lra".
type Variant struct {
	Solver  string
	Hyper   solvers.Hyper
	Balance string
}

// ParseVariant reads "solver[+balance]", the solver as solvers.Parse
// reads it (with hyper-parameters, and an L-BFGS finish in its name):
// "soap+lbfgs:switch=300+lra".
func ParseVariant(v string) (Variant, error) {
	var out Variant
	head := v
	// '+' also joins a solver to its L-BFGS finish and is in exponents
	// (1e+3): only a balancing method's name after the last one is one.
	if i := strings.LastIndex(v, "+"); i >= 0 && slices.Contains(balanceMethods(), v[i+1:]) {
		head, out.Balance = v[:i], v[i+1:]
	}
	if _, hyper, ok := strings.Cut(head, ":"); ok && strings.Contains(hyper, "+lbfgs") {
		return Variant{}, errors.Errorf("solver variant %q: the L-BFGS finish is part of the solver's name, before its hyper-parameters, as in \"soap+lbfgs:lr=0.01\"", v)
	}
	name, h, err := solvers.Parse(head)
	if err != nil {
		return Variant{}, errors.Wrapf(err, "solver variant %q", v)
	}
	out.Solver, out.Hyper = name, h
	return out, nil
}
