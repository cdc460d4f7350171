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

// The arithmetic kernels of arith_amd64.s: dst = x op y or x·c for i < n,
// a multiple of the register width.

//go:noescape
func add64(dst, x, y *float64, n int)

//go:noescape
func sub64(dst, x, y *float64, n int)

//go:noescape
func mul64(dst, x, y *float64, n int)

//go:noescape
func scale64(dst, x *float64, c float64, n int)

//go:noescape
func add32(dst, x, y *float32, n int)

//go:noescape
func sub32(dst, x, y *float32, n int)

//go:noescape
func mul32(dst, x, y *float32, n int)

//go:noescape
func scale32(dst, x *float32, c float32, n int)
