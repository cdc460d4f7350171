package experiments

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/residuals/reference"
)

// MarchConfig is time marching (Wight & Zhao 2020; Mattey & Ghosh 2022):
// the time range is cut into Windows equal windows trained one after
// another, each by its own network for the run's Steps steps. The first
// window starts from the problem's initial condition; every later one
// from the previous network's prediction at its start time, fitted as the
// data of its initial-condition term (graph.RoleInitial) at the points
// that term samples.
type MarchConfig struct {
	Windows int `json:"windows"`
	// WarmStart starts each window's network from the previous window's
	// parameters instead of a fresh initialisation (transfer learning):
	// the solution changes little from one window to the next.
	WarmStart bool `json:"warm_start"`
	// Window is set only in the config of one window's own run (1 for the
	// first), so that such a directory is not taken for a whole run.
	Window int `json:"window,omitempty"`
}

// WindowMetrics is one window of a time-marching run in metrics.json.
type WindowMetrics struct {
	From      float64 `json:"from"`
	To        float64 `json:"to"`
	RelL2     float64 `json:"rel_l2"` // against the reference on the window alone
	FinalLoss float64 `json:"final_loss"`
	WallS     float64 `json:"wall_s"`
}

// validateMarch checks the "time_marching" field against problem p.
func (c Config) validateMarch(p residuals.Problem) error {
	m := c.March
	if m == nil {
		return nil
	}
	if m.Windows < 1 || m.Window < 0 || m.Window > m.Windows {
		return errors.Errorf("config: field \"time_marching\" needs windows ≥ 1, got %+v", *m)
	}
	if p.Domain.Time == "" || graph.RoleIndex(p.Conditions, graph.RoleInitial) < 0 {
		return errors.Errorf("config: field \"time_marching\" needs a time coordinate (the domain's Time) and an initial condition; %s has coordinates %v", p.Name, p.Domain.Coords)
	}
	// Windows take their initial values as data, which a hard transform of
	// the problem's own initial condition would override; any other term
	// would be sampled over the whole time range.
	if c.HardConstraints {
		return errors.New("config: field \"time_marching\" fits each window's initial values as data: drop \"hard_constraints\"")
	}
	terms, err := p.TermsUnder(c.setup())
	if err != nil {
		return errors.Wrap(err, "config")
	}
	// The window's data replace one initial term; a second one (such as
	// an initial velocity) would stay at the problem's start time.
	initial := 0
	for _, t := range terms {
		if t.Role == graph.RoleInitial {
			initial++
		}
		if t.Role != graph.RoleInterior && (t.Role != graph.RoleInitial || initial > 1) {
			return errors.Errorf("config: field \"time_marching\": %s keeps the term %q over the whole time range; impose it exactly (such as by \"network.fourier\") or train without windows", p.Name, t.Name)
		}
	}
	return nil
}

func termIndex(terms []graph.Term, name string) int {
	return slices.IndexFunc(terms, func(t graph.Term) bool { return t.Name == name })
}

// March trains the time-marching run cfg of problem p into dir: window k
// in dir/window-k (a run directory of its own), then the whole run's
// config.json, metrics.json, history.csv, solution.png and loss.png in dir.
// Windows already finished are loaded from their checkpoints and an
// interrupted one is resumed, so March on the same dir continues a run.
func March(ctx context.Context, cfg Config, p residuals.Problem, dir string, log io.Writer) (*Metrics, error) {
	r, err := defaultBuilders().march(ctx, cfg, p, dir, log)
	if err != nil {
		return nil, err
	}
	return r.Metrics, nil
}

// marchRun is a finished time-marching run: what March wrote and the
// windows' prediction on the whole reference grid, for a study's figures.
type marchRun struct {
	Metrics *Metrics
	History []Row // the windows' histories one after another
	Ref     *reference.Grid
	Pred    []float64 // on Ref's grid
}

// march is March with the builders b, returning the run's history and
// prediction too.
func (b builders) march(ctx context.Context, cfg Config, p residuals.Problem, dir string, log io.Writer) (*marchRun, error) {
	if log == nil {
		log = io.Discard
	}
	cfg.PDE = p.Name
	switch {
	case cfg.March == nil:
		return nil, errors.New("march: the config has no \"time_marching\"")
	case cfg.March.Window != 0:
		return nil, errors.Wrap(windowRunError(cfg.March.Window), "march")
	}
	if err := cfg.validateFor(p); err != nil {
		return nil, err
	}
	lock, err := openRunDir(dir)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	if err := checkWindowSteps(dir, cfg); err != nil {
		return nil, err
	}
	if err := writeJSON(filepath.Join(dir, "config.json"), cfg); err != nil {
		return nil, err
	}
	ti := p.Domain.Index(p.Domain.Time)
	n, lo, hi := cfg.March.Windows, p.Domain.Min[ti], p.Domain.Max[ti]
	bounds := make([]float64, n+1)
	for k := range bounds {
		bounds[k] = lo + (hi-lo)*float64(k)/float64(n)
	}
	bounds[n] = hi
	windows := make([]*Trainer, n)
	ms := make([]*Metrics, n)
	var start graph.Points
	for k := range n {
		t, err := b.newTrainer(cfg.window(k), windowProblem(p, bounds[k], bounds[k+1], start))
		if err != nil {
			return nil, errors.Wrapf(err, "window %d", k+1)
		}
		if k > 0 && cfg.March.WarmStart {
			copyInto(t.Net.Params(), windows[k-1].Net.Params())
		}
		fmt.Fprintf(log, "window %d/%d: t ∈ [%.4g, %.4g]\n", k+1, n, bounds[k], bounds[k+1])
		windows[k] = t
		if ms[k], err = t.trainWindow(ctx, windowDir(dir, k), log); err != nil {
			var d *DivergedError
			if errors.As(err, &d) {
				if werr := writeMarchDiverged(cfg, bounds, windows, k, d, dir); werr != nil {
					return nil, errors.Wrapf(werr, "saving the diverged run (window %d of %d: %v)", k+1, n, err)
				}
			}
			return nil, errors.Wrapf(err, "window %d of %d", k+1, n)
		}
		if k+1 < n {
			if start, err = t.startPoints(p, bounds[k+1]); err != nil {
				return nil, errors.Wrapf(err, "window %d's end values", k+1)
			}
		}
	}
	return writeMarch(cfg, p, bounds, windows, ms, dir)
}

// windowRunError is the error for a window's own config taken for a run.
func windowRunError(k int) error {
	return errors.Errorf("this is window %d of a time-marching run: resume the run's directory, which holds it", k)
}

// window returns the config of window k's own run.
func (c Config) window(k int) Config {
	w := c
	w.March = &MarchConfig{Windows: c.March.Windows, WarmStart: c.March.WarmStart, Window: k + 1}
	return w
}

// checkWindowSteps refuses to continue a run in dir with another number of
// steps per window once a window after the one that would change has
// started: it would have started from another state.
func checkWindowSteps(dir string, cfg Config) error {
	for k := range cfg.March.Windows - 1 {
		m, err := readMetrics(windowDir(dir, k))
		if err == nil && m.Steps != cfg.Steps && exists(filepath.Join(windowDir(dir, k+1), CheckpointFile)) {
			return errors.Errorf("march: %s finished with %d steps, not %d, and %s has started from its state: remove %s and the windows after it to train them again",
				windowDir(dir, k), m.Steps, cfg.Steps, windowDir(dir, k+1), windowDir(dir, k+1))
		}
	}
	return nil
}

// windowDir is the run directory of window k (0 for the first).
func windowDir(dir string, k int) string { return filepath.Join(dir, fmt.Sprintf("window-%02d", k+1)) }

// trainWindow trains a window's run in dir, resuming from its checkpoint,
// or loads it when it has finished.
func (t *Trainer) trainWindow(ctx context.Context, dir string, log io.Writer) (*Metrics, error) {
	ckpt := filepath.Join(dir, CheckpointFile)
	if exists(ckpt) {
		if err := t.LoadCheckpoint(ckpt); err != nil {
			return nil, err
		}
	}
	if t.step == t.Config.Steps {
		if m, err := readMetrics(dir); err == nil {
			return m, nil
		}
	}
	return t.Train(ctx, dir, t.Config.Steps, NewRunProgress(t.Config, log))
}

// copyInto sets the parameters dst to the values of src, a network of the
// same shape; a checkpoint loaded afterwards overrides them.
func copyInto(dst, src []graph.Param) {
	for i, p := range dst {
		setParam(p.Value, paramValues(src[i].Value))
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// windowProblem restricts p to times in [lo, hi]. With start points (all
// windows but the first) the initial-condition term fits their column
// "u0" at t = lo instead of the problem's initial condition, and the hard
// transform, which imposes that condition, is dropped.
func windowProblem(p residuals.Problem, lo, hi float64, start graph.Points) residuals.Problem {
	w := p
	ti := p.Domain.Index(p.Domain.Time)
	w.Domain.Min, w.Domain.Max = slices.Clone(p.Domain.Min), slices.Clone(p.Domain.Max)
	w.Domain.Min[ti], w.Domain.Max[ti] = lo, hi
	if p.Reference != nil {
		w.Reference = func(nx, nt int) (*reference.Grid, error) {
			g, err := p.Reference(nx, nt)
			if err != nil {
				return nil, err
			}
			return g.Slab(lo, hi)
		}
	}
	if start != nil {
		i := graph.RoleIndex(p.Conditions, graph.RoleInitial)
		ic := graph.Data(p.Conditions[i].Name, start, func(f *graph.Fields) *graph.Node { return f.Sub(f.U(), f.X("u0")) })
		ic.Role, ic.Weight = graph.RoleInitial, p.Conditions[i].Weight
		w.Conditions = slices.Clone(p.Conditions)
		w.Conditions[i] = ic
		w.Hard = nil
	}
	return w
}

// startPoints returns the next window's initial data: the points the
// problem's initial-condition term samples (its pool, or one batch when it
// has no pool), moved to time t1, with the network's prediction there as
// column "u0".
func (t *Trainer) startPoints(p residuals.Problem, t1 float64) (graph.Points, error) {
	terms := t.Config.override(p.Terms())
	ic := terms[graph.RoleIndex(terms, graph.RoleInitial)]
	n := ic.Sampling.Pool
	if n == 0 { // the loss validated the sampling: one of them is positive
		n = ic.Sampling.Batch
	}
	method, _ := graph.ParseMethod(t.Config.Sampling)
	sets, err := ic.Sample(graph.NewSource(t.Config.Seed, method), n)
	if err != nil {
		return nil, err
	}
	pts := graph.Points{}
	for _, c := range p.Domain.Coords {
		pts[c] = slices.Clone(sets[0][c])
	}
	for i := range pts[p.Domain.Time] {
		pts[p.Domain.Time][i] = t1
	}
	out, err := t.Eval.pred.Predict(pts)
	if err != nil {
		return nil, err
	}
	pts["u0"] = out[0]
	return pts, nil
}
