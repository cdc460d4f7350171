#include "textflag.h"

// Chains of element-wise operations in one pass over registers, each
// operation the packed form of the scalar one and rounded as it is (no
// fused multiply-add), two registers per iteration, then one at a time; n
// is a multiple of the register width (4 float64 or 8 float32 values).
// dst may be any operand itself (each element is read before it is
// written) but no other overlap.
// Registers: DI dst, SI x, DX y, R8 z, R9 w, CX values left, Y6 the
// broadcast c (or 1 for TANHGRAD and SLOPE).

// LOOP2 expands to the loop of a kernel whose per-register body BODY(off,
// R, S) leaves the result for the values at byte offset off in R, using S
// as scratch; ADV advances the operand pointers by the given byte count.
#define LOOP2(W, BODY, ADV) \
big:	\
	CMPQ CX, $(2*W) \
	JL   one \
	BODY(0, Y0, Y2) \
	BODY(32, Y1, Y3) \
	VMOVUPS Y0, (DI) \
	VMOVUPS Y1, 32(DI) \
	ADV(64) \
	ADDQ $64, DI \
	SUBQ $(2*W), CX \
	JMP  big \
one:	\
	CMPQ CX, $W \
	JL   done \
	BODY(0, Y0, Y2) \
	VMOVUPS Y0, (DI) \
	ADV(32) \
	ADDQ $32, DI \
	SUBQ $W, CX \
	JMP  one \
done:	\
	VZEROUPPER \
	RET

#define ADV1(b) ADDQ $b, SI
#define ADV2(b) ADDQ $b, SI; ADDQ $b, DX
#define ADV4(b) ADDQ $b, SI; ADDQ $b, DX; ADDQ $b, R8; ADDQ $b, R9

// (1 − x·x)·y with the packed multiply MUL and subtract SUB.
#define TANHGRAD64(off, R, S) VMOVUPD off(SI), R; VMULPD R, R, R; VSUBPD R, Y6, R; VMULPD off(DX), R, R
#define TANHGRAD32(off, R, S) VMOVUPS off(SI), R; VMULPS R, R, R; VSUBPS R, Y6, R; VMULPS off(DX), R, R
// 1 − x·x
#define SLOPE64(off, R, S) VMOVUPD off(SI), R; VMULPD R, R, R; VSUBPD R, Y6, R
#define SLOPE32(off, R, S) VMOVUPS off(SI), R; VMULPS R, R, R; VSUBPS R, Y6, R
// x·(y·c)
#define MULSCALED64(off, R, S) VMULPD off(DX), Y6, S; VMOVUPD off(SI), R; VMULPD S, R, R
#define MULSCALED32(off, R, S) VMULPS off(DX), Y6, S; VMOVUPS off(SI), R; VMULPS S, R, R
// (x·y)·c
#define MULSCALE64(off, R, S) VMOVUPD off(SI), R; VMULPD off(DX), R, R; VMULPD Y6, R, R
#define MULSCALE32(off, R, S) VMOVUPS off(SI), R; VMULPS off(DX), R, R; VMULPS Y6, R, R
// (x·c)·y
#define SCALEMUL64(off, R, S) VMULPD off(SI), Y6, R; VMULPD off(DX), R, R
#define SCALEMUL32(off, R, S) VMULPS off(SI), Y6, R; VMULPS off(DX), R, R
// x·y + z·w
#define MULADD64(off, R, S) VMOVUPD off(SI), R; VMULPD off(DX), R, R; VMOVUPD off(R8), S; VMULPD off(R9), S, S; VADDPD S, R, R
#define MULADD32(off, R, S) VMOVUPS off(SI), R; VMULPS off(DX), R, R; VMOVUPS off(R8), S; VMULPS off(R9), S, S; VADDPS S, R, R

// Prologues: the operands of a kernel with two inputs, then n (ARGS2),
// or a constant c and n (ARGS2C, with the broadcast BCAST); 1 into Y6.
#define ARGS2 MOVQ dst+0(FP), DI; MOVQ x+8(FP), SI; MOVQ y+16(FP), DX; MOVQ n+24(FP), CX
#define ARGS2C(BCAST) MOVQ dst+0(FP), DI; MOVQ x+8(FP), SI; MOVQ y+16(FP), DX; BCAST c+24(FP), Y6; MOVQ n+32(FP), CX
#define ONE64 MOVQ $0x3ff0000000000000, AX; MOVQ AX, X6; VBROADCASTSD X6, Y6
#define ONE32 MOVL $0x3f800000, AX; MOVL AX, X6; VBROADCASTSS X6, Y6

// func tanhGrad64(dst, x, y *float64, n int)
TEXT ·tanhGrad64(SB), NOSPLIT, $0-32
	ARGS2; ONE64
	LOOP2(4, TANHGRAD64, ADV2)

// func tanhGrad32(dst, x, y *float32, n int)
TEXT ·tanhGrad32(SB), NOSPLIT, $0-32
	ARGS2; ONE32
	LOOP2(8, TANHGRAD32, ADV2)

// func slope64(dst, x *float64, n int)
TEXT ·slope64(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI; MOVQ x+8(FP), SI; MOVQ n+16(FP), CX; ONE64
	LOOP2(4, SLOPE64, ADV1)

// func slope32(dst, x *float32, n int)
TEXT ·slope32(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI; MOVQ x+8(FP), SI; MOVQ n+16(FP), CX; ONE32
	LOOP2(8, SLOPE32, ADV1)

// func mulScaled64(dst, x, y *float64, c float64, n int)
TEXT ·mulScaled64(SB), NOSPLIT, $0-40
	ARGS2C(VBROADCASTSD)
	LOOP2(4, MULSCALED64, ADV2)

// func mulScaled32(dst, x, y *float32, c float32, n int)
TEXT ·mulScaled32(SB), NOSPLIT, $0-40
	ARGS2C(VBROADCASTSS)
	LOOP2(8, MULSCALED32, ADV2)

// func mulScale64(dst, x, y *float64, c float64, n int)
TEXT ·mulScale64(SB), NOSPLIT, $0-40
	ARGS2C(VBROADCASTSD)
	LOOP2(4, MULSCALE64, ADV2)

// func mulScale32(dst, x, y *float32, c float32, n int)
TEXT ·mulScale32(SB), NOSPLIT, $0-40
	ARGS2C(VBROADCASTSS)
	LOOP2(8, MULSCALE32, ADV2)

// func scaleMul64(dst, x, y *float64, c float64, n int)
TEXT ·scaleMul64(SB), NOSPLIT, $0-40
	ARGS2C(VBROADCASTSD)
	LOOP2(4, SCALEMUL64, ADV2)

// func scaleMul32(dst, x, y *float32, c float32, n int)
TEXT ·scaleMul32(SB), NOSPLIT, $0-40
	ARGS2C(VBROADCASTSS)
	LOOP2(8, SCALEMUL32, ADV2)

// func mulAdd64(dst, x, y, z, w *float64, n int)
TEXT ·mulAdd64(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI; MOVQ x+8(FP), SI; MOVQ y+16(FP), DX; MOVQ z+24(FP), R8; MOVQ w+32(FP), R9; MOVQ n+40(FP), CX
	LOOP2(4, MULADD64, ADV4)

// func mulAdd32(dst, x, y, z, w *float32, n int)
TEXT ·mulAdd32(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI; MOVQ x+8(FP), SI; MOVQ y+16(FP), DX; MOVQ z+24(FP), R8; MOVQ w+32(FP), R9; MOVQ n+40(FP), CX
	LOOP2(8, MULADD32, ADV4)
