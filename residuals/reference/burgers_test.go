package reference

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestBurgersInitialCondition(t *testing.T) {
	b := NewBurgers(0.01/math.Pi, 250)
	for _, x := range Linspace(-1, 1, 41) {
		if d := math.Abs(b.U(x, 0) + math.Sin(math.Pi*x)); d > 1e-12 {
			t.Errorf("u(%v, 0) off −sin πx by %g", x, d)
		}
	}
}

// TestBurgersQuadratureConverges compares node counts away from the shock
// at x = 0, where the quadrature must agree to 1e-8.
func TestBurgersQuadratureConverges(t *testing.T) {
	nu := 0.01 / math.Pi
	fine := NewBurgers(nu, 600)
	for _, c := range []struct {
		nodes int
		tol   float64
	}{{250, 1e-8}, {400, 1e-8}} {
		b := NewBurgers(nu, c.nodes)
		var worst float64
		for _, tt := range []float64{0.1, 0.25, 0.5, 0.75, 1} {
			for _, x := range Linspace(-1, 1, 81) {
				if math.Abs(x) < 0.1 {
					continue
				}
				worst = math.Max(worst, math.Abs(b.U(x, tt)-fine.U(x, tt)))
			}
		}
		if worst > c.tol {
			t.Errorf("%d nodes: max difference to 600 nodes %.3g > %g", c.nodes, worst, c.tol)
		}
		t.Logf("%d nodes: max difference to 600 nodes away from the shock %.2g", c.nodes, worst)
	}
}

func TestBurgersIsOdd(t *testing.T) {
	b := NewBurgers(0.01/math.Pi, 250)
	for _, x := range []float64{0.05, 0.3, 0.9} {
		if d := b.U(x, 0.7) + b.U(-x, 0.7); math.Abs(d) > 1e-12 {
			t.Errorf("u(%v) + u(−%v) = %g", x, x, d)
		}
	}
}

func TestCachedDetectsCorruption(t *testing.T) {
	dir := t.TempDir()
	b := NewBurgers(0.01/math.Pi, 250)
	g1, err := Cached(dir, b, 9, 5)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.gob"))
	if len(files) != 1 {
		t.Fatalf("cache files: %v", files)
	}
	raw, _ := os.ReadFile(files[0])
	raw[len(raw)/2] ^= 0xff
	if err := os.WriteFile(files[0], raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := load(files[0], cacheKey(b, 9, 5)); err == nil {
		t.Fatal("corrupt cache file loaded")
	}
	g2, err := Cached(dir, b, 9, 5)
	if err != nil {
		t.Fatal(err)
	}
	for i := range g1.U {
		if g1.U[i] != g2.U[i] {
			t.Fatalf("recomputed value %d differs: %v vs %v", i, g1.U[i], g2.U[i])
		}
	}
	if _, err := load(files[0], cacheKey(b, 9, 5)); err != nil {
		t.Fatalf("cache not rewritten: %v", err)
	}
}

func TestComputeRejectsBadInput(t *testing.T) {
	for _, c := range []struct {
		s      Solution
		nx, nt int
	}{{NewBurgers(0.01/math.Pi, 250), 1, 10}, {NewBurgers(0.01/math.Pi, 250), 10, 0}, {NewBurgers(-1, 250), 10, 10}, {NewBurgers(0.01, 0), 10, 10}} {
		if _, err := Compute(c.s, c.nx, c.nt); err == nil {
			t.Errorf("Compute(%s, %d, %d): no error", c.s.Key(), c.nx, c.nt)
		}
	}
}

// TestBurgersBasdevantSlope reproduces the benchmark value of Basdevant et
// al. (1986): the largest slope |u_x| = 152.00516, at x = 0, t = 1.6037/π.
func TestBurgersBasdevantSlope(t *testing.T) {
	const want = 152.00516
	for _, nodes := range []int{250, 1600} {
		got := -NewBurgers(0.01/math.Pi, nodes).Ux(0, 1.6037/math.Pi)
		rel := math.Abs(got-want) / want
		t.Logf("%d nodes: max |u_x| = %.8f (relative error %.2g)", nodes, got, rel)
		if rel > 1e-6 {
			t.Errorf("%d nodes: max |u_x| = %.8f, want %.5f to 1e-6", nodes, got, want)
		}
	}
	b := NewBurgers(0.01/math.Pi, 250)
	at := -b.Ux(0, 1.6037/math.Pi)
	for _, dt := range []float64{-2e-3, 2e-3} {
		if s := -b.Ux(0, 1.6037/math.Pi+dt); s >= at {
			t.Errorf("slope %.6f at t%+g is not below %.6f: not the maximum", s, dt, at)
		}
	}
	for _, dx := range []float64{-1e-3, 1e-3} {
		if s := -b.Ux(dx, 1.6037/math.Pi); s >= at {
			t.Errorf("slope %.6f at x = %g is not below %.6f: not the maximum", s, dx, at)
		}
	}
}
