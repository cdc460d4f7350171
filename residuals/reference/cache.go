package reference

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pkg/errors"
)

// cacheVersion changes whenever a solver's numerics or the file format
// change, so that stale cache files are recomputed.
const cacheVersion = 2

// cacheEntry is a cache file's content: the grid and what it is the
// solution of.
type cacheEntry struct {
	Key  string
	Grid Grid
}

// cacheKey names a reference: the PDE, its coefficients and solver
// resolution, the grid and the cache version.
func cacheKey(name string, nx, nt int) string {
	return fmt.Sprintf("%s %s grid=%dx%d v%d", name, solvers()[name].coefficients, nx, nt, cacheVersion)
}

// Cached is Compute with an on-disk cache in dir (os.UserCacheDir()/pinn/reference
// when dir is ""), keyed by the PDE, its coefficients, the grid and the
// cache version: the key is recorded in the file and checked on load. A
// corrupt or mismatched cache file is recomputed and replaced; files are
// written to a temporary name and renamed.
func Cached(dir, name string, nx, nt int) (*Grid, error) {
	if _, ok := solvers()[name]; !ok {
		return Compute(name, nx, nt) // its error
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return Compute(name, nx, nt)
		}
		dir = filepath.Join(base, "pinn", "reference")
	}
	key := cacheKey(name, nx, nt)
	sum := sha256.Sum256([]byte(key))
	path := filepath.Join(dir, fmt.Sprintf("%s-%dx%d-%x.gob", name, nx, nt, sum[:6]))
	if g, err := load(path, key); err == nil {
		return g, nil
	}
	g, err := Compute(name, nx, nt)
	if err != nil {
		return nil, err
	}
	// A cache that cannot be written only costs a recomputation next time.
	_ = store(path, cacheEntry{Key: key, Grid: *g})
	return g, nil
}

// load reads a cache file and checks its checksum, key and grid.
func load(path, key string) (*Grid, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(raw) < sha256.Size {
		return nil, errors.New("reference: cache file too short")
	}
	body, sum := raw[:len(raw)-sha256.Size], raw[len(raw)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, errors.New("reference: cache checksum mismatch")
	}
	var e cacheEntry
	if err := gob.NewDecoder(bytes.NewReader(body)).Decode(&e); err != nil {
		return nil, errors.Wrap(err, "reference: decoding cache")
	}
	if e.Key != key {
		return nil, errors.Errorf("reference: cache file holds %q, not %q", e.Key, key)
	}
	if err := e.Grid.Validate(); err != nil {
		return nil, errors.Wrap(err, "reference: cache")
	}
	return &e.Grid, nil
}

// store writes e with a trailing checksum, atomically.
func store(path string, e cacheEntry) error {
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(e); err != nil {
		return err
	}
	sum := sha256.Sum256(body.Bytes())
	body.Write(sum[:])
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cache*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(body.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
