package persample

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// available is whether the CPU runs the kernels, which need AVX2 and FMA.
var available = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func tile64(sq, gr, c *float64, p *unsafe.Pointer, k, n, hs, ds int)

//go:noescape
func tile32(sq, gr, c *float32, p *unsafe.Pointer, k, n, hs, ds int)
