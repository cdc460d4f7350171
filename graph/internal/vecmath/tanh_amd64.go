package vecmath

import "golang.org/x/sys/cpu"

// available is whether the CPU runs the kernels, which need AVX2 and FMA.
var available = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// tanh32 sets dst[i] = tanh(x[i]) for i < n, a multiple of 8.
//
//go:noescape
func tanh32(dst, x *float32, n int)

// tanh64 sets dst[i] = tanh(x[i]) for i < n, a multiple of 4.
//
//go:noescape
func tanh64(dst, x *float64, n int)
