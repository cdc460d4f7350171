#include "textflag.h"
#include "gemm_amd64.h"

// KERNEL is the body of kern64 and kern32, with the instructions for
// their element type and the shift of its size in bytes. Arguments: k int,
// a *T, rs, ss int, b, c *T, ldc int, alpha T, add int. Each step loads a row of
// the B panel (64 bytes: 8 float64 or 16 float32 values) into Y0–Y1,
// broadcasts each of A's 6 values of that step in turn (Y2, Y3) and
// accumulates into the 6×2 registers Y4–Y15, which are then scaled by α
// and added to C's rows, or with add = 0 written there.
//
// Registers: those of ARGS (gemm_amd64.h), and R10 at A's row 3.
#define KERNEL(BCAST, FMA, MUL, ADD, MOVU, XOR, SHIFT) \
	ARGS(SHIFT); \
	LEAQ (R9)(R9*2), R10; \
	ADDQ AX, R10; \
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
	ROW(BCAST, FMA, (AX), Y0, Y1, Y2, Y4, Y5); \
	ROW(BCAST, FMA, (AX)(R9*1), Y0, Y1, Y3, Y6, Y7); \
	ROW(BCAST, FMA, (AX)(R9*2), Y0, Y1, Y2, Y8, Y9); \
	ROW(BCAST, FMA, (R10), Y0, Y1, Y3, Y10, Y11); \
	ROW(BCAST, FMA, (R10)(R9*1), Y0, Y1, Y2, Y12, Y13); \
	ROW(BCAST, FMA, (R10)(R9*2), Y0, Y1, Y3, Y14, Y15); \
	ADDQ R11, AX; \
	ADDQ R11, R10; \
	ADDQ $64, BX; \
	DECQ CX; \
	JNZ step; \
store: \
	BCAST alpha+56(FP), Y0; \
	MOVQ add+64(FP), R8; \
	TESTQ R8, R8; \
	JZ put; \
	STORE(MUL, ADD, MOVU, Y0, 32, Y4, Y5); \
	STORE(MUL, ADD, MOVU, Y0, 32, Y6, Y7); \
	STORE(MUL, ADD, MOVU, Y0, 32, Y8, Y9); \
	STORE(MUL, ADD, MOVU, Y0, 32, Y10, Y11); \
	STORE(MUL, ADD, MOVU, Y0, 32, Y12, Y13); \
	STORE(MUL, ADD, MOVU, Y0, 32, Y14, Y15); \
	VZEROUPPER; \
	RET; \
put: \
	PUT(MUL, MOVU, Y0, 32, Y4, Y5); \
	PUT(MUL, MOVU, Y0, 32, Y6, Y7); \
	PUT(MUL, MOVU, Y0, 32, Y8, Y9); \
	PUT(MUL, MOVU, Y0, 32, Y10, Y11); \
	PUT(MUL, MOVU, Y0, 32, Y12, Y13); \
	PUT(MUL, MOVU, Y0, 32, Y14, Y15); \
	VZEROUPPER; \
	RET

// func kern64(k int, a *float64, rs, ss int, b, c *float64, ldc int, alpha float64, add int)
TEXT ·kern64(SB), NOSPLIT, $0-72
	KERNEL(VBROADCASTSD, VFMADD231PD, VMULPD, VADDPD, VMOVUPD, VXORPD, 3)

// func kern32(k int, a *float32, rs, ss int, b, c *float32, ldc int, alpha float32, add int)
TEXT ·kern32(SB), NOSPLIT, $0-72
	KERNEL(VBROADCASTSS, VFMADD231PS, VMULPS, VADDPS, VMOVUPS, VXORPS, 2)
