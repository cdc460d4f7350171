package reference

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pkg/errors"
)

// Solution is a reference solution: what it solves, by what numerics, and
// its values on a grid.
type Solution interface {
	// Key names the PDE, its coefficients and the solver's settings: all
	// that the values depend on besides the grid, so that two solutions
	// with the same key are the same function.
	Key() string
	// Grid returns the solution on nx points of the first coordinate and
	// nt of the second, both ends included (the right end left out for a
	// periodic coordinate).
	Grid(nx, nt int) (*Grid, error)
}

// cacheEntry is a cache file's content: the grid and what it is the
// solution of.
type cacheEntry struct {
	Key  string
	Grid Grid
}

// cacheKey names a reference on a grid: the solution's key and the grid.
func cacheKey(s Solution, nx, nt int) string {
	return fmt.Sprintf("%s grid=%dx%d", s.Key(), nx, nt)
}

// Compute returns s on an nx × nt grid.
func Compute(s Solution, nx, nt int) (*Grid, error) {
	if nx < 2 || nt < 2 {
		return nil, errors.Errorf("reference: grid %d × %d needs at least 2 points per axis", nx, nt)
	}
	return s.Grid(nx, nt)
}

// Cached is Compute with an on-disk cache in dir (os.UserCacheDir()/pinn/reference
// when dir is ""), keyed by the solution's Key (PDE, coefficients, solver
// settings) and the grid: the key is recorded in the file and checked on
// load, so a file of another PDE or coefficient is never served. A
// corrupt or mismatched cache file is recomputed and replaced; files are
// written to a temporary name and renamed.
func Cached(dir string, s Solution, nx, nt int) (*Grid, error) {
	if nx < 2 || nt < 2 {
		return Compute(s, nx, nt) // its error
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return Compute(s, nx, nt)
		}
		dir = filepath.Join(base, "pinn", "reference")
	}
	key := cacheKey(s, nx, nt)
	sum := sha256.Sum256([]byte(key))
	path := filepath.Join(dir, fmt.Sprintf("%s-%dx%d-%x.gob", fileWord(s.Key()), nx, nt, sum[:8]))
	if g, err := load(path, key); err == nil {
		return g, nil
	}
	g, err := Compute(s, nx, nt)
	if err != nil {
		return nil, err
	}
	// A cache that cannot be written only costs a recomputation next time.
	_ = store(path, cacheEntry{Key: key, Grid: *g})
	return g, nil
}

// fileWord returns the key's first word with only letters, digits and
// dashes, which names a cache file for a reader of the cache directory.
func fileWord(key string) string {
	word, _, _ := strings.Cut(key, " ")
	return strings.Map(func(r rune) rune {
		if r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, word)
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
