package experiments

import (
	"os"
	"path/filepath"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/internal/atomicfile"
	"github.com/pinngo/pinn/experiments/internal/runlock"
)

// runFiles are the files whose presence makes a directory a run's.
var runFiles = []string{"config.json", CheckpointFile, "metrics.json", "history.csv"}

// HoldsRun reports whether dir holds a run (its config, checkpoint,
// metrics or history), which a new run must not silently replace.
func HoldsRun(dir string) bool {
	for _, name := range runFiles {
		if exists(filepath.Join(dir, name)) {
			return true
		}
	}
	return false
}

// openRunDir creates dir if needed, locks it for this process (a
// *runlock.HeldError when another holds it) and removes the temporary
// files of writes a kill interrupted. The caller releases the lock.
func openRunDir(dir string) (*runlock.Lock, error) {
	if err := atomicfile.CheckDir(dir); err != nil {
		return nil, err
	}
	l, err := runlock.Acquire(dir)
	if err != nil {
		return nil, err
	}
	if err := atomicfile.RemoveStale(dir); err != nil {
		l.Release()
		return nil, err
	}
	return l, nil
}

// StartOver removes the run in dir (its files, pictures and time-marching
// windows) so that a new run can take the directory; other files stay. It
// fails with a *runlock.HeldError while another process writes the run.
func StartOver(dir string) error {
	l, err := openRunDir(dir)
	if err != nil {
		return err
	}
	defer l.Release()
	windows, _ := filepath.Glob(filepath.Join(dir, "window-[0-9][0-9]"))
	pictures, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	var doomed []string
	for _, name := range runFiles {
		doomed = append(doomed, filepath.Join(dir, name))
	}
	for _, path := range append(append(doomed, pictures...), windows...) {
		if err := os.RemoveAll(path); err != nil {
			return errors.Wrap(err, "starting over")
		}
	}
	return nil
}
