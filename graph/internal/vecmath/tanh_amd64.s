#include "textflag.h"

// tanhc holds the rational function's constants of tanh.go as float32
// values, each broadcast to a register at the start: clamp, nclamp, a13, a11, a9, a7, a5, a3, a1, b6, b4, b2, b0.
DATA tanhc<>+0(SB)/4, $0x40fcf84f // clamp = 7.905311107635498
DATA tanhc<>+4(SB)/4, $0xc0fcf84f // nclamp = -7.905311107635498
DATA tanhc<>+8(SB)/4, $0xa59f25c0 // a13 = -2.76076847742355e-16
DATA tanhc<>+12(SB)/4, $0x2a61337e // a11 = 2.00018790482477e-13
DATA tanhc<>+16(SB)/4, $0xaebd37ff // a9 = -8.60467152213735e-11
DATA tanhc<>+20(SB)/4, $0x335c0041 // a7 = 5.12229709037114e-08
DATA tanhc<>+24(SB)/4, $0x3779434a // a5 = 1.48572235717979e-05
DATA tanhc<>+28(SB)/4, $0x3a270ded // a3 = 0.000637261928875436
DATA tanhc<>+32(SB)/4, $0x3ba059dc // a1 = 0.00489352455891786
DATA tanhc<>+36(SB)/4, $0x35a0d3d8 // b6 = 1.19825839466702e-06
DATA tanhc<>+40(SB)/4, $0x38f895d6 // b4 = 0.000118534705686654
DATA tanhc<>+44(SB)/4, $0x3b14aa05 // b2 = 0.002268434632439
DATA tanhc<>+48(SB)/4, $0x3ba059dd // b0 = 0.00489352518554385
GLOBL tanhc<>(SB), RODATA|NOPTR, $52

// func tanh32(dst, x *float32, n int)
//
// Registers: DI dst, SI x, CX values left; Y3–Y15 the constants in the
// order of tanhc; Y0 x, Y1 x², Y2 p, then q in Y0 after p·x.
// x is clamped with VMAXPS/VMINPS before anything else, where a NaN in x
// would be replaced by the clamp: it is put back by the final blend on
// the unordered self-comparison.
TEXT ·tanh32(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS tanhc<>+0(SB), Y3
	VBROADCASTSS tanhc<>+4(SB), Y4
	VBROADCASTSS tanhc<>+8(SB), Y5
	VBROADCASTSS tanhc<>+12(SB), Y6
	VBROADCASTSS tanhc<>+16(SB), Y7
	VBROADCASTSS tanhc<>+20(SB), Y8
	VBROADCASTSS tanhc<>+24(SB), Y9
	VBROADCASTSS tanhc<>+28(SB), Y10
	VBROADCASTSS tanhc<>+32(SB), Y11
	VBROADCASTSS tanhc<>+36(SB), Y12
	VBROADCASTSS tanhc<>+40(SB), Y13
	VBROADCASTSS tanhc<>+44(SB), Y14
	VBROADCASTSS tanhc<>+48(SB), Y15
	TESTQ CX, CX
	JZ done
loop:
	VMOVUPS (SI), Y0
	VMINPS Y3, Y0, Y1
	VMAXPS Y4, Y1, Y1
	VMULPS Y1, Y1, Y2
	// p = ((((((a13 x² + a11) x² + a9) x² + a7) x² + a5) x² + a3) x² + a1) x
	VMOVAPS Y5, Y0
	VFMADD213PS Y6, Y2, Y0
	VFMADD213PS Y7, Y2, Y0
	VFMADD213PS Y8, Y2, Y0
	VFMADD213PS Y9, Y2, Y0
	VFMADD213PS Y10, Y2, Y0
	VFMADD213PS Y11, Y2, Y0
	VMULPS Y1, Y0, Y0
	// q = ((b6 x² + b4) x² + b2) x² + b0, into Y1
	VMOVAPS Y12, Y1
	VFMADD213PS Y13, Y2, Y1
	VFMADD213PS Y14, Y2, Y1
	VFMADD213PS Y15, Y2, Y1
	VDIVPS Y1, Y0, Y0
	// NaN in, NaN out
	VMOVUPS (SI), Y1
	VCMPPS $3, Y1, Y1, Y2
	VBLENDVPS Y2, Y1, Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $8, CX
	JNZ loop
done:
	VZEROUPPER
	RET
