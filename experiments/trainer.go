package experiments

import (
	"math"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/solvers"
)

// Trainer holds everything one run trains: the problem, network, loss,
// solver and evaluator, and the history so far.
type Trainer struct {
	Config  Config
	Problem residuals.Problem
	Net     *graph.MLP
	Loss    *graph.Loss
	Solver  solvers.Solver
	Eval    *Evaluator
	History []Row
	step    int
	start   time.Time
	elapsed time.Duration // training time before this process, for resumed runs
	// stepWall is the training time at the end of the last step, which a
	// checkpoint records so that its bytes do not depend on when it is saved.
	stepWall time.Duration
	times    []time.Duration
	// balancer adapts the loss weights between steps; nil keeps them fixed.
	balancer balancer
	// diag holds the current step's diagnostics until record stores them.
	diag map[string]float64
	// Model is the network the loss and evaluation apply: Net with the
	// configured embedding and output transform.
	Model graph.Network
	// before holds the parameters before an update, for the lr decay.
	before [][]float64
	// terms and lossOpt built Loss; the loss is rebuilt from them when the
	// solver switches between mini-batches and full batches.
	terms   []graph.Term
	lossOpt graph.Options
	// objective caches the solver's last objective evaluation (see reuse).
	objective objectiveCache
	// compacted is set when the trainer was restored from a compact
	// checkpoint (see Compact), which has no solver state to train on.
	compacted bool
}

// objectiveCache is the result of the solver's last objective evaluation
// and the parameters it was made at.
type objectiveCache struct {
	gr     *graph.Gradients // nil when there is none to reuse
	params [][]float64
}

// Row is one line of history.csv.
type Row struct {
	Step   int
	Losses []float64 // per term, unweighted
	Loss   float64   // weighted total
	RelL2  float64   // NaN when not evaluated at this step
	WallS  float64
	Diag   map[string]float64 // gradient, weight and solver diagnostics by name
}

// NewTrainer validates cfg and builds its run of the built-in PDE cfg.PDE.
func NewTrainer(cfg Config) (*Trainer, error) {
	b := defaultBuilders()
	p, err := b.problem(cfg)
	if err != nil {
		return nil, err
	}
	return b.newTrainerFor(cfg, p)
}

// NewTrainerFor builds a run of a problem defined outside package
// residuals, with everything a built-in PDE's run has (techniques,
// evaluation against p.Reference, Train's outputs and checkpoints);
// cfg.PDE is set to p.Name, and cfg.Coefficients, which name a built-in
// PDE's coefficients, play no part: p carries its own. Resume looks
// problems up by name, so such a
// run continues with NewTrainerFor and LoadCheckpoint instead. A
// time-marching config trains several networks and runs through March.
func NewTrainerFor(cfg Config, p residuals.Problem) (*Trainer, error) {
	return defaultBuilders().newTrainerFor(cfg, p)
}

// newTrainerFor is NewTrainerFor with the builders b.
func (b builders) newTrainerFor(cfg Config, p residuals.Problem) (*Trainer, error) {
	if cfg.March != nil {
		return nil, errors.New("a time-marching config (\"time_marching\") trains one network per window: run it with experiments.Run or March, resume the run's directory")
	}
	p, err := cfg.observed(p)
	if err != nil {
		return nil, err
	}
	return b.newTrainer(cfg, p)
}

// newTrainer is NewTrainerFor, for a window of a time-marching run too.
func (b builders) newTrainer(cfg Config, p residuals.Problem) (*Trainer, error) {
	cfg.PDE = p.Name
	pl, err := b.plan(cfg, p)
	if err != nil {
		return nil, err
	}
	model, s, terms, opt := pl.model, pl.solver, pl.terms, pl.opt
	net := model.MLP
	loss, err := graph.NewLoss(model.Net, terms, opt)
	if err != nil {
		return nil, errors.Wrapf(err, "building the %s loss", cfg.PDE)
	}
	ev, err := NewEvaluator(p, model.Net, cfg.Eval.NX, cfg.Eval.NT)
	if err != nil {
		return nil, err
	}
	t := &Trainer{Config: cfg, Problem: p, Net: net, Loss: loss, Solver: s, Eval: ev, balancer: cfg.Balance.newBalancer(),
		Model: model.Net, terms: terms, lossOpt: opt}
	if no, ok := s.(solvers.NeedsObjective); ok {
		// t.Loss, not loss: the loss is rebuilt when the batch mode changes.
		no.SetObjective(func() (*graph.Gradients, error) {
			gr, err := t.Loss.Compute()
			t.objective.gr = nil
			if err == nil {
				t.objective.gr = gr
				t.objective.params = copyParams(t.objective.params, t.Net.Params())
			}
			return gr, err
		})
	}
	return t, nil
}

// wantsFullBatch reports whether the solver's next update needs the
// full-batch loss (solvers.FullBatch).
func wantsFullBatch(s solvers.Solver) bool {
	fb, ok := s.(solvers.FullBatch)
	return ok && fb.FullBatch()
}

// syncBatchMode rebuilds the loss when the solver has switched between
// mini-batches and full batches (adam+lbfgs at its switch). The new loss
// draws its pools from the run's seed as the first one did and keeps the
// current term weights; causal chunk losses start afresh. Mini-batch
// training instead moves to the next batch.
func (t *Trainer) syncBatchMode() error {
	full := wantsFullBatch(t.Solver)
	if full == t.lossOpt.FullBatch {
		if full {
			return nil
		}
		return t.Loss.Next()
	}
	opt := t.lossOpt
	opt.FullBatch = full
	// A first-order solver's per-sample statistics end with its phase.
	opt.PerSample, opt.PerSampleMean = solvers.PerSample(t.Solver)
	return errors.Wrap(t.rebuildLoss(opt), "rebuilding the loss for the solver's batch mode")
}

// rebuildLoss replaces the loss by one built with opt, keeping the current
// term weights; the new loss draws its pools from the run's seed as the
// first one did.
func (t *Trainer) rebuildLoss(opt graph.Options) error {
	loss, err := graph.NewLoss(t.Model, t.terms, opt)
	if err != nil {
		return err
	}
	for k, w := range t.Loss.Weights() {
		if err := loss.SetWeight(k, w); err != nil {
			return err
		}
	}
	t.Loss, t.lossOpt, t.objective.gr = loss, opt, nil
	return nil
}

// StepCount returns the number of steps taken.
func (t *Trainer) StepCount() int { return t.step }

// Step takes one training step: gradients at the current points, the
// solver's update, and the next batch of points. It returns the losses the
// step's gradients came from (a line search may have overwritten the
// gradient tensors since). A full-batch solver (solvers.FullBatch) keeps
// its points; when it switches modes the loss is rebuilt (syncBatchMode).
// A non-finite loss or gradient gives a *DivergedError before the update.
func (t *Trainer) Step() (*graph.Gradients, error) {
	if t.start.IsZero() {
		t.start = time.Now()
	}
	begin := time.Now()
	gr := t.reuse()
	var err error
	if gr == nil {
		gr, err = t.Loss.Compute()
	}
	if gr != nil { // the loss returns its gradients with a non-finite loss's error
		if err := checkFinite(t.step+1, gr); err != nil {
			return nil, err
		}
	}
	if err != nil {
		return nil, errors.Wrapf(err, "step %d", t.step+1)
	}
	if err := t.observe(gr); err != nil {
		return nil, errors.Wrapf(err, "step %d", t.step+1)
	}
	// The solver may evaluate the loss again, overwriting gr: keep its losses.
	at := *gr
	at.Losses = append([]float64(nil), gr.Losses...)
	gr = &at
	if err := t.update(gr); err != nil {
		return nil, errors.Wrapf(err, "step %d", t.step+1)
	}
	if err := t.syncBatchMode(); err != nil {
		return nil, errors.Wrapf(err, "step %d", t.step+1)
	}
	if e := t.Config.ResampleEvery; e > 0 && (t.step+1)%e == 0 {
		if err := t.redrawFor(t.step+1, false); err != nil {
			return nil, err
		}
	}
	t.times = append(t.times, time.Since(begin))
	t.step++
	t.record(gr, math.NaN())
	return gr, nil
}

// reuse returns the solver's last objective evaluation when it was made at
// the current parameters, as after a line search that accepted its last
// trial, so a step does not evaluate the same loss twice. It returns nil
// when the loss could differ: mini-batches, weights a balancer changes, or
// causal weights, which change with every evaluation. A fresh evaluation
// gives the same bits, so resumed runs do not depend on the cache.
func (t *Trainer) reuse() *graph.Gradients {
	c := t.objective
	t.objective.gr = nil
	if c.gr == nil || !t.lossOpt.FullBatch || t.balancer != nil || t.Config.Causal != nil {
		return nil
	}
	for i, p := range t.Net.Params() {
		for j, v := range floatsOf(p.Value) {
			if math.Float64bits(v) != math.Float64bits(c.params[i][j]) {
				return nil
			}
		}
	}
	return c.gr
}

// copyParams copies the parameters' values into dst, reusing its storage.
func copyParams(dst [][]float64, ps []graph.Param) [][]float64 {
	if len(dst) != len(ps) {
		dst = make([][]float64, len(ps))
	}
	for i, p := range ps {
		dst[i] = append(dst[i][:0], floatsOf(p.Value)...)
	}
	return dst
}

// record appends a history row for the current step.
func (t *Trainer) record(gr *graph.Gradients, relL2 float64) {
	t.stepWall = t.Wall()
	t.History = append(t.History, Row{Step: t.step, Losses: append([]float64(nil), gr.Losses...),
		Loss: gr.Loss, RelL2: relL2, WallS: t.stepWall.Seconds(), Diag: t.collectDiag()})
}

// Wall returns the training time so far, including time before a resume.
func (t *Trainer) Wall() time.Duration {
	if t.start.IsZero() {
		return t.elapsed
	}
	return t.elapsed + time.Since(t.start)
}

// MedianStep returns the median duration of the steps taken by this process.
func (t *Trainer) MedianStep() time.Duration { return median(t.times) }

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s[len(s)/2]
}

// interiorPoints returns the number of interior points of a step.
func (t *Trainer) interiorPoints() int {
	return t.Loss.Batch(graph.RoleIndex(t.terms, graph.RoleInterior))[0].Len()
}
