package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// Machine epsilons: a product over k terms is checked to within
// (k+2)·ε·(|α| Σ|a||b| + |β||c|) per element, the usual bound for
// summation in any order, times 4 for slack.
const (
	eps64 = 0x1p-52
	eps32 = 0x1p-23
)

var transposes = []blas.Transpose{blas.NoTrans, blas.Trans, blas.ConjTrans}

// gemmCase is one product to check; pad widens the leading dimensions
// beyond the minimum.
type gemmCase struct {
	m, n, k     int
	alpha, beta float64
	pad         int
}

// gemmCases covers odd sizes and tails of the tiles (6×8, 6×16, 12×16,
// 12×32), the step's shapes (1024×64×64, 64×64×1024), more
// than one block in k (kc) and n (nc), the thin layers, n = 1
// (the matrix-vector paths, contiguous or not), empty products and α, β of 0, 1 and others.
func gemmCases() []gemmCase {
	var cs []gemmCase
	sizes := [][3]int{
		{1, 1, 1}, {6, 8, 1}, {6, 16, 3}, {7, 9, 5}, {13, 17, 2}, {5, 3, 64},
		{37, 64, 64}, {64, 64, 37}, {97, 65, 2}, {100, 1, 64}, {64, 1, 300},
		{98, 1, 64}, {2000, 1, 64}, {1, 40, 33}, {20, 33, 257}, {193, 20, 530}, {3, 2050, 4}, {0, 5, 3},
		{12, 16, 7}, {12, 32, 9}, {25, 33, 40}, {1024, 64, 64}, {64, 64, 1024},
		{4, 0, 3}, {4, 5, 0},
	}
	for _, s := range sizes {
		for _, ab := range [][2]float64{{1, 0}, {1, 1}, {-0.7, 2.5}, {0, 0.5}, {2, -1}, {3, 0}} {
			cs = append(cs, gemmCase{s[0], s[1], s[2], ab[0], ab[1], (s[0] + s[1]) % 3})
		}
	}
	return cs
}

// operands returns A, B and C for a product with the given transposes,
// with leading dimensions pad beyond the minimum and C holding NaN where
// β = 0 (which must not leak into the result).
func (tc gemmCase) operands(rnd *rand.Rand, tA, tB blas.Transpose) (a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	ra, ca := tc.m, tc.k
	if tA != blas.NoTrans {
		ra, ca = tc.k, tc.m
	}
	rb, cb := tc.k, tc.n
	if tB != blas.NoTrans {
		rb, cb = tc.n, tc.k
	}
	lda, ldb, ldc = max(1, ca)+tc.pad, max(1, cb)+tc.pad, max(1, tc.n)+tc.pad
	fill := func(r, ld int) []float64 {
		x := make([]float64, r*ld)
		for i := range x {
			x[i] = 2*rnd.Float64() - 1
		}
		return x
	}
	a, b, c = fill(ra, lda), fill(rb, ldb), fill(tc.m, ldc)
	if tc.beta == 0 {
		for i := range c {
			c[i] = math.NaN()
		}
	}
	return a, lda, b, ldb, c, ldc
}

// bound returns |α| Σ|a||b| + |β||c| for each element of C, the scale its
// rounding error is measured against.
func bound(tA, tB blas.Transpose, tc gemmCase, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) []float64 {
	abs := func(x []float64) []float64 {
		y := make([]float64, len(x))
		for i, v := range x {
			y[i] = math.Abs(v)
		}
		return y
	}
	out := abs(c)
	if tc.beta == 0 {
		clear(out)
	}
	gonum.Implementation{}.Dgemm(tA, tB, tc.m, tc.n, tc.k, math.Abs(tc.alpha), abs(a), lda, abs(b), ldb, math.Abs(tc.beta), out, ldc)
	return out
}

func to32(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

// TestGemm checks Dgemm and Sgemm, run by each kernel the CPU has,
// against gonum's for every pair of transposes and every case, element by element within the bound above;
// elements of C outside the m×n result (the leading-dimension padding)
// must be untouched.
func TestGemm(t *testing.T) {
	if Name() == "" {
		t.Log("no kernel on this CPU: checking gonum's fallback")
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	ref := gonum.Implementation{}
	d, s := dgemms(), sgemms()
	for _, tc := range gemmCases() {
		for _, tA := range transposes {
			for _, tB := range transposes {
				name := fmt.Sprintf("%dx%dx%d/%c%c/α=%g,β=%g", tc.m, tc.n, tc.k, tA, tB, tc.alpha, tc.beta)
				a, lda, b, ldb, c, ldc := tc.operands(rnd, tA, tB)
				tol := bound(tA, tB, tc, a, lda, b, ldb, c, ldc)

				want := append([]float64(nil), c...)
				ref.Dgemm(tA, tB, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, want, ldc)
				for kn, f := range d {
					got := append([]float64(nil), c...)
					f(tA, tB, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, got, ldc)
					compare(t, name+"/float64/"+kn, got, want, tol, eps64*float64(tc.k+2)*4)
				}

				c32 := to32(c)
				want32 := append([]float32(nil), c32...)
				ref.Sgemm(tA, tB, tc.m, tc.n, tc.k, float32(tc.alpha), to32(a), lda, to32(b), ldb, float32(tc.beta), want32, ldc)
				for kn, f := range s {
					got32 := append([]float32(nil), c32...)
					f(tA, tB, tc.m, tc.n, tc.k, float32(tc.alpha), to32(a), lda, to32(b), ldb, float32(tc.beta), got32, ldc)
					compare(t, name+"/float32/"+kn, got32, want32, tol, eps32*float64(tc.k+2)*4)
				}
			}
		}
	}
}

// compare fails t where |got − want| > rel·scale, or where exactly one of
// them is NaN (both are NaN only in C's padding when β = 0, untouched).
func compare[T float](t *testing.T, name string, got, want []T, scale []float64, rel float64) {
	t.Helper()
	bad := 0
	for i := range got {
		g, w := float64(got[i]), float64(want[i])
		if math.IsNaN(g) && math.IsNaN(w) {
			continue
		}
		if !(math.Abs(g-w) <= rel*scale[i]) {
			if bad++; bad <= 3 {
				t.Errorf("%s: element %d is %g, want %g (tolerance %g)", name, i, g, w, rel*scale[i])
			}
		}
	}
}

// TestGemmPanics checks that bad arguments panic as gonum's Dgemm does.
func TestGemmPanics(t *testing.T) {
	a, b, c := make([]float64, 12), make([]float64, 12), make([]float64, 9)
	for _, tc := range []struct {
		name          string
		tA            blas.Transpose
		m, n, k       int
		lda, ldb, ldc int
		c             []float64
		want          string
	}{
		{"transpose", 'x', 3, 3, 4, 4, 3, 3, c, "blas: illegal transpose"},
		{"m", blas.NoTrans, -1, 3, 4, 4, 3, 3, c, "blas: m < 0"},
		{"lda", blas.NoTrans, 3, 3, 4, 3, 3, 3, c, "blas: bad leading dimension of A"},
		{"ldb", blas.NoTrans, 3, 3, 4, 4, 2, 3, c, "blas: bad leading dimension of B"},
		{"ldc", blas.NoTrans, 3, 3, 4, 4, 3, 2, c, "blas: bad leading dimension of C"},
		{"short c", blas.NoTrans, 3, 3, 4, 4, 3, 3, c[:8], "blas: insufficient length of c"},
	} {
		func() {
			defer func() {
				if r := recover(); r != tc.want {
					t.Errorf("%s: panic %v, want %q", tc.name, r, tc.want)
				}
			}()
			Implementation{}.Dgemm(tc.tA, blas.NoTrans, tc.m, tc.n, tc.k, 1, a, tc.lda, b, tc.ldb, 0, tc.c, tc.ldc)
		}()
	}
}
