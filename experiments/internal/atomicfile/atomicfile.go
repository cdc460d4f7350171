// Package atomicfile writes files so that readers never see half of one:
// the data goes to a temporary file in the same directory, which is then
// renamed over the target.
package atomicfile

import (
	"os"
	"path/filepath"

	"github.com/pkg/errors"
)

// Write writes data to path atomically with the given permissions.
func Write(path string, data []byte, perm os.FileMode) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
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
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return errors.Wrapf(err, "writing %s", path)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return errors.Wrapf(err, "writing %s", path)
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
