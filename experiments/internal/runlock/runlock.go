// Package runlock gives one process at a time the use of a run directory,
// through an advisory lock (flock) on a file inside it. The kernel drops
// the lock when its holder exits, however it exits, so a killed run never
// leaves its directory locked.
package runlock

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pkg/errors"
)

// File is the name of the lock file in a run directory; it stays after
// the lock is released and holds the pid of its last holder.
const File = ".pinn.lock"

// HeldError reports a run directory another process is writing.
type HeldError struct {
	Dir string
	PID int // the holder's process id, 0 when unknown
}

func (e *HeldError) Error() string {
	holder := "another process"
	if e.PID > 0 {
		holder = fmt.Sprintf("another process (pid %d)", e.PID)
	}
	return fmt.Sprintf("run directory %s is in use by %s: wait for it to finish or stop it", e.Dir, holder)
}

// Lock is a held lock on a run directory.
type Lock struct{ f *os.File }

// Acquire locks dir, which must exist, for this process, failing at once
// with a *HeldError when another open lock holds it (another process, or
// another Acquire of this process on the same directory).
func Acquire(dir string) (*Lock, error) {
	path := filepath.Join(dir, File)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, errors.Wrapf(err, "locking run directory %s", dir)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, errors.Wrapf(err, "locking run directory %s", dir)
	}
	if held {
		raw := make([]byte, 32)
		n, _ := f.ReadAt(raw, 0)
		pid, _ := strconv.Atoi(strings.TrimSpace(string(raw[:n])))
		f.Close()
		return nil, &HeldError{Dir: dir, PID: pid}
	}
	// The pid only names the holder in HeldError; failing to write it
	// does not weaken the lock.
	if f.Truncate(0) == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f}, nil
}

// Release unlocks the directory; releasing a nil Lock does nothing.
func (l *Lock) Release() {
	if l == nil || l.f == nil {
		return
	}
	unlock(l.f)
	l.f.Close()
	l.f = nil
}
