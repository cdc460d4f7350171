package gemm

import "golang.org/x/sys/cpu"

// available is whether the CPU runs the AVX2 kernels, which need AVX2 and
// FMA; avx512 is whether it also runs the AVX-512 ones, which need only
// AVX512F (x/sys/cpu also checks that the OS saves the zmm registers).
var (
	available = cpu.X86.HasAVX2 && cpu.X86.HasFMA
	avx512    = available && cpu.X86.HasAVX512F
)

// micros64 returns the float64 micro-kernels this CPU runs, fastest first:
// on 512-bit FMA units the 12×16 AVX-512 tile does twice the work per
// instruction of the 6×8 AVX2 one, and its 24 accumulators use 24 of the
// 32 zmm registers.
func micros64() []micro[float64] {
	var ms []micro[float64]
	if avx512 {
		ms = append(ms, micro[float64]{name: "avx512", mr: 12, nr: 16, fn: kern64x512})
	}
	if available {
		ms = append(ms, micro[float64]{name: "avx2", mr: 6, nr: 8, fn: kern64})
	}
	return ms
}

// micros32 is micros64 for float32, on tiles twice as wide.
func micros32() []micro[float32] {
	var ms []micro[float32]
	if avx512 {
		ms = append(ms, micro[float32]{name: "avx512", mr: 12, nr: 32, fn: kern32x512})
	}
	if available {
		ms = append(ms, micro[float32]{name: "avx2", mr: 6, nr: 16, fn: kern32})
	}
	return ms
}

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

// kern64x512 is kern64 in AVX-512, on a 12×16 tile.
//
//go:noescape
func kern64x512(k int, a *float64, rs, ss int, b, c *float64, ldc int, alpha float64, add int)

// kern32x512 is kern32 in AVX-512, on a 12×32 tile.
//
//go:noescape
func kern32x512(k int, a *float32, rs, ss int, b, c *float32, ldc int, alpha float32, add int)
