package gemm

import "golang.org/x/sys/cpu"

// available is whether the CPU runs the kernels, which need AVX2 and FMA.
var available = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// kern64 adds α times the 6×8 product of A (element (i, p) at
// a[i·rs + p·ss]) and the packed panel b (k×8) to the float64 tile at c,
// whose rows are ldc elements apart; with add = 0 it writes the tile
// without reading C.
//
//go:noescape
func kern64(k int, a *float64, rs, ss int, b, c *float64, ldc int, alpha float64, add int)

// kern32 is kern64 for float32, on a 6×16 tile.
//
//go:noescape
func kern32(k int, a *float32, rs, ss int, b, c *float32, ldc int, alpha float32, add int)
