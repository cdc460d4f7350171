// Package atomicfile writes files so that readers never see half of one:
// the data goes to a temporary file in the same directory, which is synced
// to disk and then renamed over the target, and the directory is synced so
// that the rename survives a crash.
package atomicfile

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/pkg/errors"
)

// tmpMark is in the name of every temporary file Write creates.
const tmpMark = ".tmp"

// Write writes data to path atomically with the given permissions.
func Write(path string, data []byte, perm os.FileMode) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+tmpMark+"*")
	if err != nil {
		return errors.Wrapf(err, "writing %s", path)
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return errors.Wrapf(err, "writing %s", path)
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Chmod(perm); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return errors.Wrapf(err, "writing %s", path)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return errors.Wrapf(err, "writing %s", path)
	}
	return errors.Wrapf(syncDir(dir), "writing %s", path)
}

// syncDir flushes a directory's entries to disk. Systems that cannot sync
// a directory (it opens, but Sync fails with EINVAL on some file systems)
// are not an error: the file's own data is already synced.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !strings.Contains(err.Error(), "invalid argument") {
		return err
	}
	return nil
}

// RemoveStale removes the temporary files that writes into dir killed
// before their rename left behind. Only the holder of the directory (see
// package runlock) may call it: another writer's files would go too.
func RemoveStale(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return errors.Wrapf(err, "output directory %s", dir)
	}
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, ".") && (strings.Contains(n, tmpMark) || strings.HasPrefix(n, ".probe")) {
			if err := os.Remove(filepath.Join(dir, n)); err != nil && !os.IsNotExist(err) {
				return errors.Wrapf(err, "removing stale %s", n)
			}
		}
	}
	return nil
}

// CheckDir creates dir if needed and checks that files can be written in it.
func CheckDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return errors.Wrapf(err, "output directory %s", dir)
	}
	f, err := os.CreateTemp(dir, ".probe*")
	if err != nil {
		return errors.Wrapf(err, "output directory %s is not writable", dir)
	}
	f.Close()
	return errors.Wrapf(os.Remove(f.Name()), "output directory %s", dir)
}
