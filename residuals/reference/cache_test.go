package reference

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestCachedRefusesAnotherSolution puts one solution's cache file where
// another's of the same grid belongs, for another PDE and for the same PDE
// with another coefficient: it is recomputed, not used.
func TestCachedRefusesAnotherSolution(t *testing.T) {
	ac := DefaultAllenCahn()
	ac.Modes, ac.Dt = 64, 1e-2
	other := ac
	other.Eps = 2 * ac.Eps
	for _, c := range []struct {
		name        string
		have, other Solution
	}{
		{"another PDE", DefaultHelmholtz(), PoissonInverse{}},
		{"another viscosity", NewBurgers(0.01/math.Pi, 40), NewBurgers(0.00318, 40)},
		{"another diffusion", ac, other},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := Cached(dir, c.have, 9, 5); err != nil {
				t.Fatal(err)
			}
			before, _ := filepath.Glob(filepath.Join(dir, "*.gob"))
			want, err := Cached(dir, c.other, 9, 5)
			if err != nil {
				t.Fatal(err)
			}
			after, _ := filepath.Glob(filepath.Join(dir, "*.gob"))
			if len(before) != 1 || len(after) != 2 {
				t.Fatalf("cache files %v, then %v: want one per solution", before, after)
			}
			otherFile := after[0]
			if otherFile == before[0] {
				otherFile = after[1]
			}
			raw, _ := os.ReadFile(before[0])
			if err := os.WriteFile(otherFile, raw, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := load(otherFile, cacheKey(c.other, 9, 5)); err == nil {
				t.Fatalf("%s's cache file loads as %s's", c.have.Key(), c.other.Key())
			}
			got, err := Cached(dir, c.other, 9, 5)
			if err != nil {
				t.Fatal(err)
			}
			for i := range want.U {
				if got.U[i] != want.U[i] {
					t.Fatalf("value %d is %v, want %v: another solution's cache was used", i, got.U[i], want.U[i])
				}
			}
		})
	}
}
