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

// cacheVersion changes whenever a solver's numerics change, so that stale
// cache files are recomputed.
const cacheVersion = 1

// Cached is Compute with an on-disk cache in dir (os.UserCacheDir()/pinn/reference
// when dir is ""), keyed by name, grid and cache version. A corrupt or
// mismatched cache file is recomputed and replaced; files are written to a
// temporary name and renamed.
func Cached(dir, name string, nx, nt int) (*Grid, error) {
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return Compute(name, nx, nt)
		}
		dir = filepath.Join(base, "pinn", "reference")
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-%dx%d-v%d.gob", name, nx, nt, cacheVersion))
	if g, err := load(path, nx, nt); err == nil {
		return g, nil
	}
	g, err := Compute(name, nx, nt)
	if err != nil {
		return nil, err
	}
	// A cache that cannot be written only costs a recomputation next time.
	_ = store(path, g)
	return g, nil
}

// load reads a cache file and checks its checksum and shape.
func load(path string, nx, nt int) (*Grid, error) {
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
	var g Grid
	if err := gob.NewDecoder(bytes.NewReader(body)).Decode(&g); err != nil {
		return nil, errors.Wrap(err, "reference: decoding cache")
	}
	if err := g.Validate(); err != nil || len(g.X) != nx || len(g.T) != nt {
		return nil, errors.New("reference: cache grid has the wrong shape")
	}
	return &g, nil
}

// store writes g with a trailing checksum, atomically.
func store(path string, g *Grid) error {
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(g); err != nil {
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
