package experiments

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/pkg/errors"
)

// marchCase trains, resumes or loads the time-marching case c in dir (see
// March), compacting the windows when it trains the run to its end. A
// window that diverges makes the whole run a diverged result.
func marchCase(ctx context.Context, c Case, dir string, log io.Writer) (*Result, error) {
	b := defaultBuilders()
	p, err := b.problem(c.Config)
	if err != nil {
		return nil, err
	}
	trained := !finishedRun(dir)
	r, err := b.march(ctx, c.Config, p, dir, log)
	var d *DivergedError
	if errors.As(err, &d) {
		if m := divergedRun(c, dir); m != nil {
			return compactedResult(dir, func() (*Result, error) { return divergedResult(c, dir, m) })
		}
	}
	if err != nil {
		return nil, err
	}
	result := func() (*Result, error) {
		return &Result{Case: c, Dir: dir, Metrics: *r.Metrics, History: r.History, Ref: r.Ref, Pred: r.Pred}, nil
	}
	if !trained {
		return result()
	}
	return compactedResult(dir, result)
}

// loadMarch loads the time-marching case c from dir when every window has
// finished, training nothing (March then only loads the windows and writes
// the run's own files again); otherwise it says why the run is missing.
func loadMarch(c Case, dir string) (*Result, string, error) {
	n := c.Config.March.Windows
	for k := range n {
		m, err := readMetrics(windowDir(dir, k))
		switch {
		case err != nil && k == 0 && !exists(filepath.Join(windowDir(dir, k), CheckpointFile)):
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
