package gemm

import "golang.org/x/sys/cpu"

// available is whether the CPU runs the AVX2 kernels, which need AVX2 and
// FMA; avx512 is whether it also runs the AVX-512 ones, which need only
// AVX512F (x/sys/cpu also checks that the OS saves the zmm registers).
var (
	available = cpu.X86.HasAVX2 && cpu.X86.HasFMA
	avx512    = available && cpu.X86.HasAVX512F
)

// micros64 returns the float64 micro-kernels this CPU runs, fastest first.
func micros64() []micro[float64] { return micros(kern64x512, kern64, 4) }

// micros32 is micros64 for float32.
func micros32() []micro[float32] { return micros(kern32x512, kern32, 8) }

// micros returns the AVX-512 and AVX2 kernels k512 and k256 of one element
// type, lanes of which fill 256 bits, where the CPU runs them. On 512-bit
// FMA units the 12-row AVX-512 tile does twice the work per instruction
// of the 6-row AVX2 one, and its 24 accumulators use 24 of the 32 zmm
// registers.
func micros[T float](k512, k256 func(k int, a *T, rs, ss int, b, c *T, ldc int, alpha T, add int), lanes int) []micro[T] {
	var ms []micro[T]
	if avx512 {
		ms = append(ms, micro[T]{name: "avx512", mr: 12, nr: 4 * lanes, fn: k512})
	}
	if available {
		ms = append(ms, micro[T]{name: "avx2", mr: 6, nr: 2 * lanes, fn: k256})
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
