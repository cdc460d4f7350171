#include "textflag.h"

// KERNEL is the body of kern64 and kern32, with the instructions for
// their element type and the bytes one step of the A panel (6 values)
// takes, and the shift of its element size. Arguments: k int, a, b, c *T, ldc int. Each step loads a row of
// the B panel (64 bytes: 8 float64 or 16 float32 values) into Y0–Y1,
// broadcasts each of the 6 values of A in turn (Y2, Y3) and accumulates
// into the 6×2 registers Y4–Y15, which are then added to C's rows.
//
// Registers: CX steps left, AX a, BX b, DI c, DX ldc in bytes.
#define ROW(BCAST, FMA, OFF, Y, ACC0, ACC1) \
	BCAST OFF(AX), Y; \
	FMA Y0, Y, ACC0; \
	FMA Y1, Y, ACC1

#define STORE(ADD, MOVU, ACC0, ACC1) \
	ADD 0(DI), ACC0, ACC0; \
	MOVU ACC0, 0(DI); \
	ADD 32(DI), ACC1, ACC1; \
	MOVU ACC1, 32(DI); \
	ADDQ DX, DI

#define KERNEL(BCAST, FMA, ADD, MOVU, XOR, SIZE, SHIFT) \
	MOVQ k+0(FP), CX; \
	MOVQ a+8(FP), AX; \
	MOVQ b+16(FP), BX; \
	MOVQ c+24(FP), DI; \
	MOVQ ldc+32(FP), DX; \
	SHLQ $SHIFT, DX; \
	XOR Y4, Y4, Y4; \
	XOR Y5, Y5, Y5; \
	XOR Y6, Y6, Y6; \
	XOR Y7, Y7, Y7; \
	XOR Y8, Y8, Y8; \
	XOR Y9, Y9, Y9; \
	XOR Y10, Y10, Y10; \
	XOR Y11, Y11, Y11; \
	XOR Y12, Y12, Y12; \
	XOR Y13, Y13, Y13; \
	XOR Y14, Y14, Y14; \
	XOR Y15, Y15, Y15; \
	TESTQ CX, CX; \
	JZ store; \
step: \
	MOVU 0(BX), Y0; \
	MOVU 32(BX), Y1; \
	ROW(BCAST, FMA, 0*SIZE/6, Y2, Y4, Y5); \
	ROW(BCAST, FMA, 1*SIZE/6, Y3, Y6, Y7); \
	ROW(BCAST, FMA, 2*SIZE/6, Y2, Y8, Y9); \
	ROW(BCAST, FMA, 3*SIZE/6, Y3, Y10, Y11); \
	ROW(BCAST, FMA, 4*SIZE/6, Y2, Y12, Y13); \
	ROW(BCAST, FMA, 5*SIZE/6, Y3, Y14, Y15); \
	ADDQ $SIZE, AX; \
	ADDQ $64, BX; \
	DECQ CX; \
	JNZ step; \
store: \
	STORE(ADD, MOVU, Y4, Y5); \
	STORE(ADD, MOVU, Y6, Y7); \
	STORE(ADD, MOVU, Y8, Y9); \
	STORE(ADD, MOVU, Y10, Y11); \
	STORE(ADD, MOVU, Y12, Y13); \
	STORE(ADD, MOVU, Y14, Y15); \
	VZEROUPPER; \
	RET

// func kern64(k int, a, b, c *float64, ldc int)
TEXT ·kern64(SB), NOSPLIT, $0-40
	KERNEL(VBROADCASTSD, VFMADD231PD, VADDPD, VMOVUPD, VXORPD, 48, 3)

// func kern32(k int, a, b, c *float32, ldc int)
TEXT ·kern32(SB), NOSPLIT, $0-40
	KERNEL(VBROADCASTSS, VFMADD231PS, VADDPS, VMOVUPS, VXORPS, 24, 2)
