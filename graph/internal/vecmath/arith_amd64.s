#include "textflag.h"

// Element-wise arithmetic over whole registers: dst = x op y (or x·c),
// four registers per iteration, then one at a time; n is a multiple of the
// register width (4 float64 or 8 float32 values). dst may be x or y
// itself (each element is read before it is written) but no other overlap.
// Registers: DI dst, SI x, DX y, CX values left, Y4 the broadcast c.

// BINARY expands to the body of a binary kernel with the packed
// instruction OP (VADDPD, VSUBPD, …) and W values per register.
#define BINARY(OP, W) \
	MOVQ dst+0(FP), DI \
	MOVQ x+8(FP), SI \
	MOVQ y+16(FP), DX \
	MOVQ n+24(FP), CX \
big:	\
	CMPQ CX, $(4*W) \
	JL   one \
	VMOVUPS (SI), Y0 \
	VMOVUPS 32(SI), Y1 \
	VMOVUPS 64(SI), Y2 \
	VMOVUPS 96(SI), Y3 \
	OP (DX), Y0, Y0 \
	OP 32(DX), Y1, Y1 \
	OP 64(DX), Y2, Y2 \
	OP 96(DX), Y3, Y3 \
	VMOVUPS Y0, (DI) \
	VMOVUPS Y1, 32(DI) \
	VMOVUPS Y2, 64(DI) \
	VMOVUPS Y3, 96(DI) \
	ADDQ $128, SI \
	ADDQ $128, DX \
	ADDQ $128, DI \
	SUBQ $(4*W), CX \
	JMP  big \
one:	\
	CMPQ CX, $W \
	JL   done \
	VMOVUPS (SI), Y0 \
	OP (DX), Y0, Y0 \
	VMOVUPS Y0, (DI) \
	ADDQ $32, SI \
	ADDQ $32, DX \
	ADDQ $32, DI \
	SUBQ $W, CX \
	JMP  one \
done:	\
	VZEROUPPER \
	RET

// SCALE expands to the body of x·c with the packed multiply OP, the
// broadcast BCAST and W values per register.
#define SCALE(OP, BCAST, W) \
	MOVQ dst+0(FP), DI \
	MOVQ x+8(FP), SI \
	BCAST c+16(FP), Y4 \
	MOVQ n+24(FP), CX \
big:	\
	CMPQ CX, $(4*W) \
	JL   one \
	OP (SI), Y4, Y0 \
	OP 32(SI), Y4, Y1 \
	OP 64(SI), Y4, Y2 \
	OP 96(SI), Y4, Y3 \
	VMOVUPS Y0, (DI) \
	VMOVUPS Y1, 32(DI) \
	VMOVUPS Y2, 64(DI) \
	VMOVUPS Y3, 96(DI) \
	ADDQ $128, SI \
	ADDQ $128, DI \
	SUBQ $(4*W), CX \
	JMP  big \
one:	\
	CMPQ CX, $W \
	JL   done \
	OP (SI), Y4, Y0 \
	VMOVUPS Y0, (DI) \
	ADDQ $32, SI \
	ADDQ $32, DI \
	SUBQ $W, CX \
	JMP  one \
done:	\
	VZEROUPPER \
	RET

// func add64(dst, x, y *float64, n int)
TEXT ·add64(SB), NOSPLIT, $0-32
	BINARY(VADDPD, 4)

// func sub64(dst, x, y *float64, n int)
TEXT ·sub64(SB), NOSPLIT, $0-32
	BINARY(VSUBPD, 4)

// func mul64(dst, x, y *float64, n int)
TEXT ·mul64(SB), NOSPLIT, $0-32
	BINARY(VMULPD, 4)

// func add32(dst, x, y *float32, n int)
TEXT ·add32(SB), NOSPLIT, $0-32
	BINARY(VADDPS, 8)

// func sub32(dst, x, y *float32, n int)
TEXT ·sub32(SB), NOSPLIT, $0-32
	BINARY(VSUBPS, 8)

// func mul32(dst, x, y *float32, n int)
TEXT ·mul32(SB), NOSPLIT, $0-32
	BINARY(VMULPS, 8)

// func scale64(dst, x *float64, c float64, n int)
TEXT ·scale64(SB), NOSPLIT, $0-32
	SCALE(VMULPD, VBROADCASTSD, 4)

// func scale32(dst, x *float32, c float32, n int)
TEXT ·scale32(SB), NOSPLIT, $0-32
	SCALE(VMULPS, VBROADCASTSS, 8)
