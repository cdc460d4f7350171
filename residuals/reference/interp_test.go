package reference

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestInterpolator(t *testing.T) {
	smooth := func(x, t float64) float64 { return math.Sin(math.Pi*x+0.3) * math.Exp(-t) }
	periodic := &Grid{Names: [2]string{"x", "t"}, Periodic: true, Period: 2, T: Linspace(0, 1, 101)}
	for i := 0; i < 32; i++ {
		periodic.X = append(periodic.X, -1+2*float64(i)/32)
	}
	flat := &Grid{Names: [2]string{"x", "t"}, X: Linspace(-1, 1, 201), T: Linspace(0, 1, 101)}
	for _, g := range []*Grid{periodic, flat} {
		for _, tt := range g.T {
			for _, x := range g.X {
				g.U = append(g.U, smooth(x, tt))
			}
		}
	}
	cases := []struct {
		name string
		g    *Grid
		tol  float64 // cubic in t at spacing 0.01: about h⁴/24 · max|∂⁴u|
	}{{"periodic", periodic, 1e-9}, {"non-periodic", flat, 5e-8}}
	for _, c := range cases {
		in, err := NewInterpolator(c.g)
		if err != nil {
			t.Fatal(err)
		}
		var worst float64
		for _, x := range []float64{-0.99, -0.31, 0.123, 0.77} {
			for _, tt := range []float64{0, 0.0137, 0.5, 0.999} {
				u, err := in.At(x, tt)
				if err != nil {
					t.Fatal(err)
				}
				worst = math.Max(worst, math.Abs(u-smooth(x, tt)))
			}
		}
		if worst > c.tol {
			t.Errorf("%s: worst interpolation error %.3g > %g", c.name, worst, c.tol)
		}
		// At grid nodes the interpolant returns the grid values.
		u, _ := in.At(c.g.X[5], c.g.T[7])
		if math.Abs(u-c.g.U[7*len(c.g.X)+5]) > 1e-13 {
			t.Errorf("%s: at a node %v, grid %v", c.name, u, c.g.U[7*len(c.g.X)+5])
		}
		if _, err := in.At(0, 1.5); err == nil {
			t.Errorf("%s: t outside the grid gave no error", c.name)
		}
	}
	if _, err := NewInterpolator(&Grid{X: []float64{0}, T: []float64{0}, U: []float64{1}}); err == nil {
		t.Error("tiny grid gave no error")
	}
}

func TestCSVRoundTrip(t *testing.T) {
	g, err := Compute(NewBurgers(0.01/math.Pi, 250), 7, 4)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	h, err := ReadCSV(&b)
	if err != nil {
		t.Fatal(err)
	}
	if h.Names != g.Names || len(h.X) != 7 || len(h.T) != 4 {
		t.Fatalf("read back %v %d×%d", h.Names, len(h.X), len(h.T))
	}
	for i := range g.U {
		if g.U[i] != h.U[i] {
			t.Fatalf("value %d: wrote %.17g read %.17g", i, g.U[i], h.U[i])
		}
	}
	if _, err := ReadCSV(bytes.NewBufferString("x,t,u\n1,2\n")); err == nil {
		t.Error("short row gave no error")
	}
}

// BenchmarkCompute times each reference on the default evaluation grids.
func BenchmarkCompute(b *testing.B) {
	for _, c := range []struct {
		s      Solution
		nx, nt int
	}{{NewBurgers(0.01/math.Pi, 250), 256, 201}, {DefaultAllenCahn(), 512, 201}, {DefaultKdV(), 512, 201},
		{DefaultReactionDiffusion(), 512, 201}, {DefaultHelmholtz(), 256, 256}, {PoissonInverse{}, 256, 256}} {
		name, _, _ := strings.Cut(c.s.Key(), " ")
		b.Run("name="+name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Compute(c.s, c.nx, c.nt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSlabKeepsRowsInRange checks that a slab holds exactly the rows with t
// in [lo, hi], both ends included despite rounding, and their values.
func TestSlabKeepsRowsInRange(t *testing.T) {
	g := Tabulate([2]string{"x", "t"}, Linspace(-1, 1, 3), Linspace(0, 1, 11), func(x, t float64) float64 { return x + 10*t })
	cases := []struct {
		lo, hi      float64
		first, last float64
	}{
		{0, 1, 0, 1},
		{0.3, 0.6, 0.3, 0.6}, // 0.1·3 and 0.1·6 are not exact in binary
		{0.25, 0.45, 0.3, 0.4},
		{0.9, 1, 0.9, 1},
	}
	for _, c := range cases {
		s, err := g.Slab(c.lo, c.hi)
		if err != nil {
			t.Fatal(err)
		}
		n := int(math.Round((c.last-c.first)*10)) + 1
		if len(s.T) != n || len(s.U) != 3*n || math.Abs(s.T[0]-c.first) > 1e-12 || math.Abs(s.T[n-1]-c.last) > 1e-12 {
			t.Fatalf("[%g, %g]: rows %v", c.lo, c.hi, s.T)
		}
		for j, tt := range s.T {
			for i, x := range s.X {
				if s.U[j*3+i] != x+10*tt {
					t.Fatalf("[%g, %g]: u(%g, %g) = %g", c.lo, c.hi, x, tt, s.U[j*3+i])
				}
			}
		}
	}
	if _, err := g.Slab(0.31, 0.39); err == nil {
		t.Error("a slab between grid rows is not an error")
	}
}
