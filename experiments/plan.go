package experiments

import (
	"runtime"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/solvers"
)

// builders are the constructions a run makes: its problem, each network
// (Problem.Build makes one) and each solver. Everything that trains goes
// through them, so that a test can count what a run builds.
type builders struct {
	lookup func(name string, coefficients map[string]float64) (residuals.Problem, error)
	build  func(p residuals.Problem, s residuals.Setup) (*residuals.Model, error)
	solver func(name string, h solvers.Hyper) (solvers.Solver, error)
}

// defaultBuilders returns the constructions of a real run.
func defaultBuilders() builders {
	return builders{lookup: residuals.LookupWith, build: residuals.Problem.Build, solver: solvers.New}
}

// problem returns the built-in problem cfg trains.
func (b builders) problem(cfg Config) (residuals.Problem, error) {
	p, err := b.lookup(cfg.PDE, cfg.Coefficients)
	return p, errors.Wrap(err, "config: field \"pde\"/\"coefficients\"")
}

// plan is what one run of a problem (or one window of a time-marching
// run) trains, built once from its config.
type plan struct {
	problem residuals.Problem
	model   *residuals.Model
	terms   []graph.Term // the model's terms with the config's overrides
	opt     graph.Options
	solver  solvers.Solver
}

// plan validates cfg against p and builds its run: one network and one
// solver. The solver comes first: one that reads per-sample residual
// statistics (pde-aware) needs the loss to compute them, and one with a
// line search (lbfgs) full batches and an objective.
func (b builders) plan(cfg Config, p residuals.Problem) (*plan, error) {
	if err := cfg.validateFor(p); err != nil {
		return nil, err
	}
	s, err := b.solver(cfg.Solver, cfg.Hyper)
	if err != nil {
		return nil, errors.Wrap(err, "config: field \"solver\"/\"hyper\"")
	}
	model, err := b.build(p, cfg.setup())
	if err != nil {
		return nil, errors.Wrap(err, "config")
	}
	method, _ := graph.ParseMethod(cfg.Sampling)
	// One graph per core for each large term: a step then uses every core.
	opt := graph.Options{Seed: cfg.Seed, Method: method, FullBatch: wantsFullBatch(s), Shards: runtime.GOMAXPROCS(0)}
	opt.PerSample, opt.PerSampleMean = solvers.PerSample(s)
	return &plan{problem: p, model: model, terms: cfg.override(model.Terms), opt: opt, solver: s}, nil
}
