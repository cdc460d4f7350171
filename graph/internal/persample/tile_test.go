package persample

import (
	"math"
	"testing"
	"unsafe"
)

// TestTile64 checks one tile against the sums written out, with strides
// wider than the tile, and that bad lengths are refused.
func TestTile64(t *testing.T) {
	w := Width(64)
	if w == 0 {
		t.Skip("no kernel on this CPU")
	}
	const n, hs, ds, k = 5, 3, 20, 2
	h, d := make([][]float64, k), make([][]float64, k)
	var p []unsafe.Pointer
	for m := range k {
		h[m], d[m] = make([]float64, n*hs), make([]float64, n*ds)
		for i := range h[m] {
			h[m][i] = float64(i%7) - 2.5 + float64(m)
		}
		for i := range d[m] {
			d[m][i] = math.Sin(float64(i + 3*m))
		}
		p = append(p, unsafe.Pointer(&h[m][1]), unsafe.Pointer(&d[m][2])) // row 1, columns 2…
	}
	c := []float64{0.5, -1, 2, 0.25, 3}
	sq, gr := make([]float64, w), make([]float64, w)
	sq[0], gr[0] = 10, -10 // the kernel adds to what is there
	if err := Tile64(sq, gr, c, p, hs, ds); err != nil {
		t.Fatal(err)
	}
	for j := range w {
		var wantSq, wantGr float64
		if j == 0 {
			wantSq, wantGr = 10, -10
		}
		for i := range n {
			var v float64
			for m := range k {
				v += h[m][i*hs+1] * d[m][i*ds+2+j]
			}
			wantSq += v * v
			wantGr += c[i] * v
		}
		if math.Abs(sq[j]-wantSq) > 1e-12*math.Abs(wantSq) || math.Abs(gr[j]-wantGr) > 1e-12*(1+math.Abs(wantGr)) {
			t.Errorf("column %d: sq %g gr %g, want %g and %g", j, sq[j], gr[j], wantSq, wantGr)
		}
	}
	for _, bad := range []struct {
		sq, gr, c []float64
		p         []unsafe.Pointer
	}{
		{sq[:w-1], gr, c, p},
		{sq, gr[:1], c, p},
		{sq, gr, nil, p},
		{sq, gr, c, p[:3]},
	} {
		if err := Tile64(bad.sq, bad.gr, bad.c, bad.p, hs, ds); err == nil {
			t.Errorf("lengths %d, %d, %d, %d: no error", len(bad.sq), len(bad.gr), len(bad.c), len(bad.p))
		}
	}
}
