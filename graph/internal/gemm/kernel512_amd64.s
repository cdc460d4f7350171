#include "textflag.h"
#include "gemm_amd64.h"

// K512 is the body of the AVX-512 kernels kern64x512 and kern32x512, on
// a 12×16 float64 or 12×32 float32 tile, as KERNEL in kernel_amd64.s is
// of the AVX2 ones. Each step loads a row of the B panel (128 bytes) into
// Z0–Z1, broadcasts each of A's 12 values of that step in turn (Z26–Z29)
// and accumulates into the 12×2 registers Z2–Z25, which are then scaled
// by α (Z30) and added to C's rows, or with add = 0 written there. Each
// element of C gets the same operations in the same order as in the AVX2
// kernels (one FMA per step from zero, then α·acc, then + C), so both give
// bit-identical products.
//
// Registers: those of ARGS (gemm_amd64.h), and R10, R12 and R13 at A's
// rows 3, 6 and 9.
#define K512(BCAST, FMA, MUL, ADD, MOVU, SHIFT) \
	ARGS(SHIFT); \
	LEAQ (R9)(R9*2), R10; \
	LEAQ (R10)(R10*1), R12; \
	LEAQ (R12)(R10*1), R13; \
	ADDQ AX, R10; \
	ADDQ AX, R12; \
	ADDQ AX, R13; \
	VPXORQ Z2, Z2, Z2; \
	VPXORQ Z3, Z3, Z3; \
	VPXORQ Z4, Z4, Z4; \
	VPXORQ Z5, Z5, Z5; \
	VPXORQ Z6, Z6, Z6; \
	VPXORQ Z7, Z7, Z7; \
	VPXORQ Z8, Z8, Z8; \
	VPXORQ Z9, Z9, Z9; \
	VPXORQ Z10, Z10, Z10; \
	VPXORQ Z11, Z11, Z11; \
	VPXORQ Z12, Z12, Z12; \
	VPXORQ Z13, Z13, Z13; \
	VPXORQ Z14, Z14, Z14; \
	VPXORQ Z15, Z15, Z15; \
	VPXORQ Z16, Z16, Z16; \
	VPXORQ Z17, Z17, Z17; \
	VPXORQ Z18, Z18, Z18; \
	VPXORQ Z19, Z19, Z19; \
	VPXORQ Z20, Z20, Z20; \
	VPXORQ Z21, Z21, Z21; \
	VPXORQ Z22, Z22, Z22; \
	VPXORQ Z23, Z23, Z23; \
	VPXORQ Z24, Z24, Z24; \
	VPXORQ Z25, Z25, Z25; \
	TESTQ CX, CX; \
	JZ store; \
step: \
	MOVU 0(BX), Z0; \
	MOVU 64(BX), Z1; \
	ROW(BCAST, FMA, (AX), Z0, Z1, Z26, Z2, Z3); \
	ROW(BCAST, FMA, (AX)(R9*1), Z0, Z1, Z27, Z4, Z5); \
	ROW(BCAST, FMA, (AX)(R9*2), Z0, Z1, Z28, Z6, Z7); \
	ROW(BCAST, FMA, (R10), Z0, Z1, Z29, Z8, Z9); \
	ROW(BCAST, FMA, (R10)(R9*1), Z0, Z1, Z26, Z10, Z11); \
	ROW(BCAST, FMA, (R10)(R9*2), Z0, Z1, Z27, Z12, Z13); \
	ROW(BCAST, FMA, (R12), Z0, Z1, Z28, Z14, Z15); \
	ROW(BCAST, FMA, (R12)(R9*1), Z0, Z1, Z29, Z16, Z17); \
	ROW(BCAST, FMA, (R12)(R9*2), Z0, Z1, Z26, Z18, Z19); \
	ROW(BCAST, FMA, (R13), Z0, Z1, Z27, Z20, Z21); \
	ROW(BCAST, FMA, (R13)(R9*1), Z0, Z1, Z28, Z22, Z23); \
	ROW(BCAST, FMA, (R13)(R9*2), Z0, Z1, Z29, Z24, Z25); \
	ADDQ R11, AX; \
	ADDQ R11, R10; \
	ADDQ R11, R12; \
	ADDQ R11, R13; \
	ADDQ $128, BX; \
	DECQ CX; \
	JNZ step; \
store: \
	BCAST alpha+56(FP), Z30; \
	MOVQ add+64(FP), R8; \
	TESTQ R8, R8; \
	JZ put; \
	STORE(MUL, ADD, MOVU, Z30, 64, Z2, Z3); \
	STORE(MUL, ADD, MOVU, Z30, 64, Z4, Z5); \
	STORE(MUL, ADD, MOVU, Z30, 64, Z6, Z7); \
	STORE(MUL, ADD, MOVU, Z30, 64, Z8, Z9); \
	STORE(MUL, ADD, MOVU, Z30, 64, Z10, Z11); \
	STORE(MUL, ADD, MOVU, Z30, 64, Z12, Z13); \
	STORE(MUL, ADD, MOVU, Z30, 64, Z14, Z15); \
	STORE(MUL, ADD, MOVU, Z30, 64, Z16, Z17); \
	STORE(MUL, ADD, MOVU, Z30, 64, Z18, Z19); \
	STORE(MUL, ADD, MOVU, Z30, 64, Z20, Z21); \
	STORE(MUL, ADD, MOVU, Z30, 64, Z22, Z23); \
	STORE(MUL, ADD, MOVU, Z30, 64, Z24, Z25); \
	VZEROUPPER; \
	RET; \
put: \
	PUT(MUL, MOVU, Z30, 64, Z2, Z3); \
	PUT(MUL, MOVU, Z30, 64, Z4, Z5); \
	PUT(MUL, MOVU, Z30, 64, Z6, Z7); \
	PUT(MUL, MOVU, Z30, 64, Z8, Z9); \
	PUT(MUL, MOVU, Z30, 64, Z10, Z11); \
	PUT(MUL, MOVU, Z30, 64, Z12, Z13); \
	PUT(MUL, MOVU, Z30, 64, Z14, Z15); \
	PUT(MUL, MOVU, Z30, 64, Z16, Z17); \
	PUT(MUL, MOVU, Z30, 64, Z18, Z19); \
	PUT(MUL, MOVU, Z30, 64, Z20, Z21); \
	PUT(MUL, MOVU, Z30, 64, Z22, Z23); \
	PUT(MUL, MOVU, Z30, 64, Z24, Z25); \
	VZEROUPPER; \
	RET

// func kern64x512(k int, a *float64, rs, ss int, b, c *float64, ldc int, alpha float64, add int)
TEXT ·kern64x512(SB), NOSPLIT, $0-72
	K512(VBROADCASTSD, VFMADD231PD, VMULPD, VADDPD, VMOVUPD, 3)

// func kern32x512(k int, a *float32, rs, ss int, b, c *float32, ldc int, alpha float32, add int)
TEXT ·kern32x512(SB), NOSPLIT, $0-72
	K512(VBROADCASTSS, VFMADD231PS, VMULPS, VADDPS, VMOVUPS, 2)
