package persample

import (
	"unsafe"

	"github.com/pkg/errors"
)

// Width returns the number of columns a tile of float64 (bits 64) or
// float32 (bits 32) values covers, or 0 where the CPU has no kernel.
func Width(bits int) int {
	switch {
	case !available:
		return 0
	case bits == 64:
		return 16
	case bits == 32:
		return 32
	}
	return 0
}

// Tile64 adds Σ_i g_i⊙g_i to sq[:16] and Σ_i c[i]·g_i to gr[:16] over the
// samples i < len(c), where g_i = Σ_m h_m[i·hs] · d_m[i·ds : i·ds+16] and
// p holds the addresses of h_0, d_0, h_1, d_1, … in values the caller
// keeps alive. It checks the lengths it can see.
func Tile64(sq, gr, c []float64, p []unsafe.Pointer, hs, ds int) error {
	if err := check(len(sq), len(gr), len(c), len(p), Width(64)); err != nil {
		return err
	}
	tile64(&sq[0], &gr[0], &c[0], &p[0], len(p)/2, len(c), hs, ds)
	return nil
}

// Tile32 is Tile64 for float32 values, over 32 columns.
func Tile32(sq, gr, c []float32, p []unsafe.Pointer, hs, ds int) error {
	if err := check(len(sq), len(gr), len(c), len(p), Width(32)); err != nil {
		return err
	}
	tile32(&sq[0], &gr[0], &c[0], &p[0], len(p)/2, len(c), hs, ds)
	return nil
}

func check(sq, gr, c, p, width int) error {
	switch {
	case width == 0:
		return errors.New("persample: no kernel on this CPU")
	case sq < width || gr < width:
		return errors.Errorf("persample: sums of length %d and %d, need %d", sq, gr, width)
	case c == 0 || p == 0 || p%2 != 0:
		return errors.Errorf("persample: %d samples and %d stream addresses (pairs)", c, p)
	}
	return nil
}
