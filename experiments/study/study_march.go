package study

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/pinngo/pinn/experiments"
)

// marchCase trains, resumes or loads the time-marching case c in dir (see
// March), compacting the windows when it trains the run to its end. A
// window that diverges makes the whole run a diverged result.
func marchCase(ctx context.Context, c Case, dir string, log io.Writer) (*Result, error) {
	trained := !finishedRun(dir)
	r, err := experiments.RunMarch(ctx, c.Config, dir, log)
	return caseResult(c, dir, trained, err, func() (*Result, error) {
		return &Result{Case: c, Dir: dir, Metrics: *r.Metrics, History: r.History, Ref: r.Ref, Pred: r.Pred}, nil
	})
}

// loadMarch loads the time-marching case c from dir when every window has
// finished, training nothing (March then only loads the windows and writes
// the run's own files again); otherwise it says why the run is missing.
func loadMarch(c Case, dir string) (*Result, string, error) {
	n := c.Config.March.Windows
	for k := range n {
		m, err := experiments.ReadMetrics(experiments.WindowDir(dir, k))
		switch {
		case err != nil && k == 0 && !fileExists(filepath.Join(experiments.WindowDir(dir, k), experiments.CheckpointFile)):
			return nil, "not started", nil
		case err != nil:
			return nil, fmt.Sprintf("window %d of %d not finished", k+1, n), nil
		case m.Steps != c.Config.Steps:
			return nil, fmt.Sprintf("window %d of %d trained for %d steps, not the study's %d", k+1, n, m.Steps, c.Config.Steps), nil
		}
	}
	r, err := marchCase(context.Background(), c, dir, nil)
	return r, "", err
}

// fileExists reports whether path can be stat'ed.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
