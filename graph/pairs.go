package graph

import (
	"unsafe"

	"github.com/pinngo/pinn/graph/internal/persample"
)

// tiles adds Σ_i g_i⊙g_i to pw.S and Σ_i c_i g_i to pw.G, for the
// per-sample gradients g_i = Σ_s h_s[i]ᵀ δ_s[i] of a rows×cols parameter,
// forming each g_i in vector kernels (package persample). That is S + 2
// multiply-adds per entry and sample, against S(S+1)/2 + S for the pair
// products; measured against OpenBLAS on a 64×64 layer it pays from S = 2
// streams on (1.4× at S = 2, 2–3× at S = 4 or 5), while with one stream
// the two BLAS products are as fast. It reports false, leaving the sums as
// they were, where there is no kernel or one stream.
func (w *statsWork[T]) tiles(pw *pairWork[T], hs, ds []matrix[T], rows, cols int, c []T) bool {
	width := tileWidth[T]()
	if width == 0 || cols < width || len(hs) < 2 || w.pairs {
		return false
	}
	n := len(c)
	for s := range hs {
		if len(hs[s].data) < n*rows || len(ds[s].data) < n*cols {
			return false
		}
	}
	if cap(pw.ptrs) < 2*len(hs) {
		pw.ptrs = make([]unsafe.Pointer, 2*len(hs))
	}
	p := pw.ptrs[:2*len(hs)]
	full := cols - cols%width
	for b0 := 0; b0 < n; b0 += tileBlock {
		b1 := min(b0+tileBlock, n)
		for i := range rows {
			for j := 0; j < full; j += width {
				for s := range hs {
					p[2*s] = unsafe.Pointer(&hs[s].data[b0*rows+i])
					p[2*s+1] = unsafe.Pointer(&ds[s].data[b0*cols+j])
				}
				if sqTile(pw.S[i*cols+j:], pw.G[i*cols+j:], c[b0:b1], p, rows, cols) != nil {
					clear(pw.S) // not reached: the lengths were checked
					clear(pw.G)
					return false
				}
			}
		}
	}
	for i := range rows {
		for j := full; j < cols; j++ {
			sq, gr := &pw.S[i*cols+j], &pw.G[i*cols+j]
			for t, ct := range c {
				var v T
				for s := range hs {
					v += hs[s].data[t*rows+i] * ds[s].data[t*cols+j]
				}
				*sq += v * v
				*gr += ct * v
			}
		}
	}
	return true
}

// tileBlock is the number of samples the tiles take at a time, so that
// their deltas stay in the core's first-level cache from one row to the
// next.
const tileBlock = 16

// tileWidth returns the columns one kernel call covers for values of type
// T, or 0 where the CPU has no kernel.
func tileWidth[T float]() int {
	var z T
	if _, ok := any(z).(float64); ok {
		return persample.Width(64)
	}
	return persample.Width(32)
}

// sqTile runs the kernel for T on the stream pairs p.
func sqTile[T float](sq, gr, c []T, p []unsafe.Pointer, hs, ds int) error {
	if s, ok := any(sq).([]float64); ok {
		return persample.Tile64(s, any(gr).([]float64), any(c).([]float64), p, hs, ds)
	}
	return persample.Tile32(any(sq).([]float32), any(gr).([]float32), any(c).([]float32), p, hs, ds)
}
