#include "textflag.h"

// y = Aᵀx a block of 8 registers of y at a time: for each row i, the
// broadcast x[i] times the block's part of row i (VMULP), added to the
// accumulators (VADDP), which start at +0; no fused multiply-add, so
// every product is rounded before its sum.
// Registers: DI y, SI the block's first column, DX x, R8 the row stride
// in bytes, R9 rows, R10 blocks left, R11 the row, R12 x[i], CX rows left,
// Y0–Y7 the accumulators, Y8 x[i], Y9 a product.

// ACC adds x[i]·a[i][off…] to the accumulator R.
#define ACC(MUL, ADD, off, R) MUL off(R11), Y8, Y9; ADD Y9, R, R

// GEMVT expands to a kernel with broadcast BCAST, packed MUL and ADD, and
// the element size SIZE in bytes.
#define GEMVT(BCAST, MUL, ADD, SIZE) \
	MOVQ y+0(FP), DI \
	MOVQ a+8(FP), SI \
	MOVQ x+16(FP), DX \
	MOVQ rows+24(FP), R9 \
	MOVQ cols+32(FP), R8 \
	SHLQ $(SIZE/4+1), R8 \
	MOVQ blocks+40(FP), R10 \
block:	\
	TESTQ R10, R10 \
	JZ   done \
	VXORPS Y0, Y0, Y0 \
	VXORPS Y1, Y1, Y1 \
	VXORPS Y2, Y2, Y2 \
	VXORPS Y3, Y3, Y3 \
	VXORPS Y4, Y4, Y4 \
	VXORPS Y5, Y5, Y5 \
	VXORPS Y6, Y6, Y6 \
	VXORPS Y7, Y7, Y7 \
	MOVQ SI, R11 \
	MOVQ DX, R12 \
	MOVQ R9, CX \
row:	\
	TESTQ CX, CX \
	JZ   store \
	BCAST (R12), Y8 \
	ACC(MUL, ADD, 0, Y0) \
	ACC(MUL, ADD, 32, Y1) \
	ACC(MUL, ADD, 64, Y2) \
	ACC(MUL, ADD, 96, Y3) \
	ACC(MUL, ADD, 128, Y4) \
	ACC(MUL, ADD, 160, Y5) \
	ACC(MUL, ADD, 192, Y6) \
	ACC(MUL, ADD, 224, Y7) \
	ADDQ R8, R11 \
	ADDQ $SIZE, R12 \
	DECQ CX \
	JMP  row \
store:	\
	VMOVUPS Y0, (DI) \
	VMOVUPS Y1, 32(DI) \
	VMOVUPS Y2, 64(DI) \
	VMOVUPS Y3, 96(DI) \
	VMOVUPS Y4, 128(DI) \
	VMOVUPS Y5, 160(DI) \
	VMOVUPS Y6, 192(DI) \
	VMOVUPS Y7, 224(DI) \
	ADDQ $256, DI \
	ADDQ $256, SI \
	DECQ R10 \
	JMP  block \
done:	\
	VZEROUPPER \
	RET

// func gemvT32(y, a, x *float32, rows, cols, blocks int)
TEXT ·gemvT32(SB), NOSPLIT, $0-48
	GEMVT(VBROADCASTSS, VMULPS, VADDPS, 4)

// func gemvT64(y, a, x *float64, rows, cols, blocks int)
TEXT ·gemvT64(SB), NOSPLIT, $0-48
	GEMVT(VBROADCASTSD, VMULPD, VADDPD, 8)
