package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestProductsMatchPerSampleGradients checks both routes of products —
// the tiles' kernels and the pair identity — against sums over explicitly
// formed per-sample gradients g_i = Σ_s h_s[i]ᵀδ_s[i], for stream counts
// 1–6, widths with and without a column tail, and both dtypes. The tiles
// must not be skipped on a CPU that has them.
func TestProductsMatchPerSampleGradients(t *testing.T) {
	for _, c := range []struct {
		streams, rows, cols, n int
	}{
		{1, 3, 16, 7},
		{2, 3, 16, 7},
		{4, 64, 64, 50},
		{5, 22, 64, 33},
		{6, 5, 37, 19},
		{2, 9, 40, 1},
		{3, 4, 7, 11}, // narrower than a tile
	} {
		testProducts[float64](t, c.streams, c.rows, c.cols, c.n, 1e-12)
		testProducts[float32](t, c.streams, c.rows, c.cols, c.n, 2e-5)
	}
}

func testProducts[T float](t *testing.T, streams, rows, cols, n int, tol float64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(uint64(streams), uint64(cols)))
	fill := func(r, c int) matrix[T] {
		m := matrix[T]{r, c, make([]T, r*c)}
		for i := range m.data {
			m.data[i] = T(rng.NormFloat64())
		}
		return m
	}
	hs, ds := make([]matrix[T], streams), make([]matrix[T], streams)
	for s := range hs {
		hs[s], ds[s] = fill(n, rows), fill(n, cols)
	}
	seed := fill(1, n).data
	// Brute force, in float64.
	wantS, wantM, wantG := make([]float64, rows*cols), make([]float64, rows*cols), make([]float64, rows*cols)
	for i := range n {
		for a := range rows {
			for b := range cols {
				var g float64
				for s := range hs {
					g += float64(hs[s].data[i*rows+a]) * float64(ds[s].data[i*cols+b])
				}
				wantS[a*cols+b] += g * g
				wantM[a*cols+b] += g
				wantG[a*cols+b] += float64(seed[i]) * g
			}
		}
	}
	for _, pairs := range []bool{false, true} {
		w := &statsWork[T]{pairs: pairs, ones: make([]T, n), seed: seed}
		for i := range w.ones {
			w.ones[i] = 1
		}
		w.hs, w.ds = [][]matrix[T]{hs}, [][]matrix[T]{ds}
		pw := &pairWork[T]{}
		w.products(pw, [2]int{rows, cols}, 0, true, true)
		for name, got := range map[string][]T{"S": pw.S, "M": pw.M, "G": pw.G} {
			want := map[string][]float64{"S": wantS, "M": wantM, "G": wantG}[name]
			scale := 0.0
			for _, v := range want {
				scale = math.Max(scale, math.Abs(v))
			}
			for k, v := range want {
				if d := math.Abs(float64(got[k]) - v); d > tol*scale {
					t.Errorf("%T %d streams %d×%d, n = %d, pairs %v: %s[%d] = %g, want %g (off %.2g of scale)",
						got[0], streams, rows, cols, n, pairs, name, k, got[k], v, d/scale)
					break
				}
			}
		}
	}
	if tileWidth[T]() > 0 && cols >= tileWidth[T]() && streams > 1 {
		w := &statsWork[T]{}
		if !w.tiles(&pairWork[T]{S: make([]T, rows*cols), G: make([]T, rows*cols)}, hs, ds, rows, cols, seed) {
			t.Errorf("%d×%d: the tiles were skipped on a CPU that has them", rows, cols)
		}
	}
}

// BenchmarkProducts compares the tiles' kernels with the pair products for
// one 64×64 layer at 1,024 points and the stream counts of Burgers (4) and
// KdV (5).
func BenchmarkProducts(b *testing.B) {
	for _, streams := range []int{4, 5} {
		for _, pairs := range []bool{false, true} {
			name := fmt.Sprintf("streams=%d/pairs=%v", streams, pairs)
			b.Run("float64/"+name, func(b *testing.B) { benchProducts[float64](b, streams, pairs) })
			b.Run("float32/"+name, func(b *testing.B) { benchProducts[float32](b, streams, pairs) })
		}
	}
}

func benchProducts[T float](b *testing.B, streams int, pairs bool) {
	const rows, cols, n = 64, 64, 1024
	rng := rand.New(rand.NewPCG(1, 2))
	w := &statsWork[T]{pairs: pairs, ones: make([]T, n), seed: make([]T, n)}
	w.hs, w.ds = [][]matrix[T]{make([]matrix[T], streams)}, [][]matrix[T]{make([]matrix[T], streams)}
	for s := range streams {
		w.hs[0][s], w.ds[0][s] = matrix[T]{n, rows, make([]T, n*rows)}, matrix[T]{n, cols, make([]T, n*cols)}
		for i := range w.hs[0][s].data {
			w.hs[0][s].data[i], w.ds[0][s].data[i] = T(rng.NormFloat64()), T(rng.NormFloat64())
		}
	}
	pw := &pairWork[T]{}
	for b.Loop() {
		w.products(pw, [2]int{rows, cols}, 0, false, true)
	}
}
