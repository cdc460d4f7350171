package experiments

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
)

// marchCase trains, resumes or loads the time-marching case c in dir (see
// March).
func marchCase(ctx context.Context, c Case, dir string, log io.Writer) (*Result, error) {
	b := defaultBuilders()
	p, err := b.problem(c.Config)
	if err != nil {
		return nil, err
	}
	r, err := b.march(ctx, c.Config, p, dir, log)
	if err != nil {
		return nil, err
	}
	return &Result{Case: c, Dir: dir, Metrics: *r.Metrics, History: r.History, Ref: r.Ref, Pred: r.Pred}, nil
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
