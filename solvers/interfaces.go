package solvers

import "github.com/pinngo/pinn/graph"

// A Solver needs nothing but Update, State and Restore. The optional
// interfaces below tell a runner (experiments.Trainer, or a plain training
// loop) what else the solver reads or does, so the runner can build the
// loss it needs and report what it reports. A runner checks each with a
// type assertion before every step; a solver may change its answers as it
// goes (adam+lbfgs switches to full batches at its switch step).

// NeedsPerSample is implemented by solvers whose Update reads the
// per-sample residual statistic graph.Gradients.SampleSq, so a loss must
// be built with graph.Options.PerSample for them.
type NeedsPerSample interface {
	NeedsPerSample() bool
}

// NeedsSampleMean is implemented by NeedsPerSample solvers that may also
// read graph.Gradients.SampleMean (graph.Options.PerSampleMean).
type NeedsSampleMean interface {
	NeedsSampleMean() bool
}

// NeedsObjective is implemented by solvers that evaluate the loss at trial
// parameters during one Update, such as a line search. The runner passes f,
// which recomputes the loss and its gradients at the parameters' current
// values on the same points as the Gradients handed to Update. The result
// may be the same value Update received, overwritten.
type NeedsObjective interface {
	SetObjective(f func() (*graph.Gradients, error))
}

// FullBatch is implemented by solvers that may need a deterministic
// objective: while FullBatch reports true, the runner evaluates every loss
// term on its whole point pool (terms without a pool on points drawn once)
// and does not move to other points between updates. A runner asks before
// every step, so a solver may switch, as adam+lbfgs does.
type FullBatch interface {
	FullBatch() bool
}

// Diagnoser is implemented by solvers that report quantities of their last
// update, such as AutoBalance's per-term update norms or IMTL-G's
// coefficients; experiments writes a history.csv column for each name.
type Diagnoser interface {
	Diagnostics() map[string]float64
}

// compile-time checks that the solvers keep their optional interfaces.
var (
	_ NeedsPerSample  = (*PDEAware)(nil)
	_ NeedsSampleMean = (*PDEAware)(nil)
	_ NeedsObjective  = (*LBFGS)(nil)
	_ FullBatch       = (*LBFGS)(nil)
	_ FullBatch       = (*LBFGSFinish)(nil)
	_ Diagnoser       = (*LBFGSFinish)(nil)
)
