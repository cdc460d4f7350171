package study

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/residuals/reference"
)

// Case is one run of a study: a config and where it belongs in the
// study's tables.
type Case struct {
	Group  string // the table's row group, such as the PDE
	Label  string // the row within the group, such as the solver
	Seed   uint64
	Config experiments.Config
}

// Dir returns the run directory of the case under out.
func (c Case) Dir(out string) string {
	return filepath.Join(out, safeName(c.Group), safeName(c.Label), fmt.Sprintf("seed-%d", c.Seed))
}

// safeName keeps a label usable as a directory name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ' ' || r == ':' {
			return '_'
		}
		return r
	}, s)
}

// Result is a finished case: its metrics, history and prediction.
type Result struct {
	Case    Case
	Dir     string
	Metrics experiments.Metrics
	History []experiments.Row
	Ref     *reference.Grid
	Pred    []float64 // on Ref's grid
}

// RunCases trains every case in its own directory under out, with
// `workers` runs at a time (1 gives undisturbed timings). A case whose
// directory holds a finished run of the same config is not trained again,
// and one holding an interrupted run is resumed, so a study stopped with
// Ctrl-C continues where it stopped. log gets a line per run (and the live
// progress of each run when workers is 1).
func RunCases(ctx context.Context, cases []Case, out string, workers int, log io.Writer) ([]Result, error) {
	for _, c := range cases {
		if err := c.Config.Validate(); err != nil {
			return nil, errors.Wrapf(err, "%s/%s seed %d", c.Group, c.Label, c.Seed)
		}
	}
	workers = max(1, min(workers, len(cases)))
	results := make([]Result, len(cases))
	errs := make([]error, len(cases))
	var mu sync.Mutex // serialises log lines between workers
	say := func(format string, args ...any) {
		if log != nil {
			mu.Lock()
			fmt.Fprintf(log, format, args...)
			mu.Unlock()
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c := cases[i]
				var progress io.Writer
				if workers == 1 {
					progress = log
				}
				say("[%d/%d] %s %s seed %d: %d steps\n", i+1, len(cases), c.Group, c.Label, c.Seed, c.Config.Steps)
				r, err := runCase(ctx, c, c.Dir(out), progress)
				if err != nil {
					errs[i] = errors.Wrapf(err, "%s %s seed %d", c.Group, c.Label, c.Seed)
					continue
				}
				results[i] = *r
				if why := r.Metrics.Diverged; why != "" {
					say("[%d/%d] %s %s seed %d: %s\n", i+1, len(cases), c.Group, c.Label, c.Seed, why)
					continue
				}
				say("[%d/%d] %s %s seed %d: rel_l2 %.3e  linf %.3e  wall %.1fs  step %.2fms\n", i+1, len(cases),
					c.Group, c.Label, c.Seed, r.Metrics.RelL2, r.Metrics.LInf, r.Metrics.WallS, r.Metrics.StepMS)
			}
		}()
	}
	for i := range cases {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, errors.Wrap(err, "study interrupted; run it again to continue")
	}
	return results, nil
}

// runCase trains one case, resumes it, or loads it when already finished.
// A run that diverges (or has diverged) is a finished result marked so
// (Metrics.Diverged), not an error: the study goes on and ranks it last.
func runCase(ctx context.Context, c Case, dir string, log io.Writer) (*Result, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, errors.Wrap(err, "run directory")
	}
	if m := divergedRun(c, dir); m != nil {
		return divergedResult(c, dir, m)
	}
	if err := experiments.WarmReference(ctx, c.Config); err != nil {
		return nil, err
	}
	cfg := c.Config
	if cfg.March != nil {
		return marchCase(ctx, c, dir, log)
	}
	t, err := openRun(c, dir)
	if err != nil {
		return nil, err
	}
	if t == nil {
		if t, err = experiments.NewTrainer(cfg); err != nil {
			return nil, err
		}
	}
	var m *experiments.Metrics
	trained := t.StepCount() != cfg.Steps
	if trained {
		m, err = t.Train(ctx, dir, cfg.Steps, experiments.NewRunProgress(cfg, log))
	} else if m, err = experiments.ReadMetrics(dir); err != nil {
		m, err = t.Finish(dir) // finished, but the outputs were lost
	}
	return caseResult(c, dir, trained, err, func() (*Result, error) { return resultOf(c, dir, t, m) })
}

// caseResult returns the result of case c in dir after training it (when
// trained) or finding it trained, with the error that gave: a diverged
// run's result for a divergence within the case's steps, else result's,
// compacting the runs in dir when this study has trained them.
func caseResult(c Case, dir string, trained bool, err error, result func() (*Result, error)) (*Result, error) {
	var d *experiments.DivergedError
	if errors.As(err, &d) {
		if m := divergedRun(c, dir); m != nil {
			return compactedResult(dir, func() (*Result, error) { return divergedResult(c, dir, m) })
		}
	}
	if err != nil {
		return nil, err
	}
	if !trained {
		return result()
	}
	return compactedResult(dir, result)
}

// compactedResult compacts the runs in dir, which this study has just
// trained to their end (see Compact), and returns the result of one. A run
// found finished is left as it is, such as a full checkpoint of an older
// version, which a process of that version may still reuse.
func compactedResult(dir string, result func() (*Result, error)) (*Result, error) {
	r, err := result()
	if err != nil {
		return nil, err
	}
	if _, err := experiments.Compact(dir); err != nil {
		return nil, err
	}
	return r, nil
}

// divergedRun returns the metrics of the run of case c in dir when it has
// diverged (see DivergedError) within the case's steps, or nil.
func divergedRun(c Case, dir string) *experiments.Metrics {
	m, err := experiments.ReadMetrics(dir)
	cfg := c.Config
	if err != nil || m.Diverged == "" || m.PDE != cfg.PDE || m.Solver != cfg.Solver || m.Seed != cfg.Seed || m.Steps > totalSteps(cfg) {
		return nil
	}
	return m
}

// totalSteps returns the steps of the whole run: those of every window of
// a time-marching run.
func totalSteps(c experiments.Config) int {
	if c.March != nil {
		return c.Steps * c.March.Windows
	}
	return c.Steps
}

// divergedResult returns the result of a diverged run: its reference and
// the history of its checkpoint (none for a time-marching run), with a
// prediction of NaN.
func divergedResult(c Case, dir string, m *experiments.Metrics) (*Result, error) {
	r := &Result{Case: c, Dir: dir, Metrics: *m}
	if c.Config.March != nil {
		p, err := c.Config.Problem()
		if err != nil {
			return nil, err
		}
		if r.Ref, err = p.Reference(c.Config.Eval.NX, c.Config.Eval.NT); err != nil {
			return nil, err
		}
	} else {
		t, err := openRun(c, dir)
		if err == nil && t == nil {
			t, err = experiments.NewTrainer(c.Config)
		}
		if err != nil {
			return nil, err
		}
		r.History, r.Ref = t.History, t.Eval.Ref
	}
	r.Pred = make([]float64, len(r.Ref.U))
	for i := range r.Pred {
		r.Pred[i] = math.NaN()
	}
	return r, nil
}

// converged returns the results that did not diverge, which the figures
// show (a diverged run has no prediction to draw).
func converged(results []Result) []Result {
	var out []Result
	for _, r := range results {
		if r.Metrics.Diverged == "" {
			out = append(out, r)
		}
	}
	return out
}

// openRun returns the trainer of case c restored from the checkpoint in
// dir, or nil when dir holds none.
func openRun(c Case, dir string) (*experiments.Trainer, error) {
	if _, err := os.Stat(filepath.Join(dir, experiments.CheckpointFile)); err != nil {
		return nil, nil
	}
	t, err := experiments.ResumeTrainer(c.Config, dir)
	if err != nil {
		return nil, &RunDirError{Dir: dir, Err: err}
	}
	return t, nil
}

// RunDirError reports a study's run directory holding a damaged checkpoint
// or another run's: bad input, which the study does not overwrite.
type RunDirError struct {
	Dir string
	Err error
}

func (e *RunDirError) Error() string {
	return fmt.Sprintf("%s holds another run or a damaged one (%v): remove it or choose another output directory", e.Dir, e.Err)
}

func (e *RunDirError) Unwrap() error { return e.Err }

// resultOf returns the result of case c, trained by t with metrics m.
func resultOf(c Case, dir string, t *experiments.Trainer, m *experiments.Metrics) (*Result, error) {
	pred, err := t.Eval.Predict()
	if err != nil {
		return nil, err
	}
	return &Result{Case: c, Dir: dir, Metrics: *m, History: t.History, Ref: t.Eval.Ref, Pred: pred}, nil
}

// missingRun is a run of a study that has not finished, and why.
type missingRun struct {
	Case Case
	Why  string
}

// loadCases returns the finished runs of cases under out, and the others
// as missing, without training or writing anything.
func loadCases(cases []Case, out string) ([]Result, []missingRun, error) {
	var results []Result
	var missing []missingRun
	for _, c := range cases {
		dir := c.Dir(out)
		if m := divergedRun(c, dir); m != nil {
			r, err := divergedResult(c, dir, m)
			if err != nil {
				return nil, nil, err
			}
			results = append(results, *r)
			continue
		}
		if c.Config.March != nil {
			r, why, err := loadMarch(c, dir)
			switch {
			case err != nil:
				return nil, nil, err
			case why != "":
				missing = append(missing, missingRun{c, why})
			default:
				results = append(results, *r)
			}
			continue
		}
		t, err := openRun(c, dir)
		if err != nil {
			return nil, nil, err
		}
		why := ""
		var m *experiments.Metrics
		switch {
		case t == nil:
			why = "not started"
		case t.Compacted() && t.StepCount() != c.Config.Steps:
			why = fmt.Sprintf("finished at step %d and compacted: it cannot train to the study's %d", t.StepCount(), c.Config.Steps)
		case t.StepCount() < c.Config.Steps:
			why = fmt.Sprintf("at step %d of %d", t.StepCount(), c.Config.Steps)
		case t.StepCount() > c.Config.Steps:
			why = fmt.Sprintf("trained to step %d, past the study's %d", t.StepCount(), c.Config.Steps)
		default:
			if m, err = experiments.ReadMetrics(dir); err != nil {
				why = "finished, but metrics.json is unreadable: run the study without -partial to rewrite it"
			}
		}
		if why != "" {
			missing = append(missing, missingRun{c, why})
			continue
		}
		r, err := resultOf(c, dir, t, m)
		if err != nil {
			return nil, nil, err
		}
		results = append(results, *r)
	}
	return results, missing, nil
}
