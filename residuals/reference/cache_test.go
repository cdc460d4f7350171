package reference

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCachedRefusesAnotherPDE puts Helmholtz's cache file where Poisson's
// of the same grid belongs: it is recomputed, not used.
func TestCachedRefusesAnotherPDE(t *testing.T) {
	dir := t.TempDir()
	if _, err := Cached(dir, "helmholtz", 9, 5); err != nil {
		t.Fatal(err)
	}
	helm, _ := filepath.Glob(filepath.Join(dir, "helmholtz-*.gob"))
	want, err := Cached(dir, "poisson-inverse", 9, 5)
	if err != nil {
		t.Fatal(err)
	}
	poisson, _ := filepath.Glob(filepath.Join(dir, "poisson-inverse-*.gob"))
	if len(helm) != 1 || len(poisson) != 1 {
		t.Fatalf("cache files %v %v", helm, poisson)
	}
	raw, _ := os.ReadFile(helm[0])
	if err := os.WriteFile(poisson[0], raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := load(poisson[0], cacheKey("poisson-inverse", 9, 5)); err == nil {
		t.Fatal("Helmholtz's cache file loads as Poisson's")
	}
	got, err := Cached(dir, "poisson-inverse", 9, 5)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.U {
		if got.U[i] != want.U[i] {
			t.Fatalf("value %d is %v, Poisson's %v: another PDE's cache was used", i, got.U[i], want.U[i])
		}
	}
}
