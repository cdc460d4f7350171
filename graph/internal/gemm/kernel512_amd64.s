#include "textflag.h"

// The AVX-512 kernels: K512 is the body of kern64x512 and kern32x512, a
// 12×16 float64 or 12×32 float32 tile. The arguments and registers are
// those of KERNEL in kernel_amd64.s; each step loads a row of the B panel
// (128 bytes) into Z0–Z1, broadcasts each of A's 12 values of that step in
// turn (Z26–Z29) and accumulates into the 12×2 registers Z2–Z25. Each
// element of C gets the same operations in the same order as in the AVX2
// kernels (one FMA per step from zero, then α·acc, then + C), so both
// give bit-identical products. R10, R12 and R13 point at A's rows 3, 6
// and 9.
#define ROW5(BCAST, FMA, ADDR, Z, ACC0, ACC1) \
	BCAST ADDR, Z; \
	FMA Z0, Z, ACC0; \
	FMA Z1, Z, ACC1

#define STORE5(MUL, ADD, MOVU, ACC0, ACC1) \
	MUL Z30, ACC0, ACC0; \
	MUL Z30, ACC1, ACC1; \
	ADD 0(DI), ACC0, ACC0; \
	MOVU ACC0, 0(DI); \
	ADD 64(DI), ACC1, ACC1; \
	MOVU ACC1, 64(DI); \
	ADDQ DX, DI

#define PUT5(MUL, MOVU, ACC0, ACC1) \
	MUL Z30, ACC0, ACC0; \
	MUL Z30, ACC1, ACC1; \
	MOVU ACC0, 0(DI); \
	MOVU ACC1, 64(DI); \
	ADDQ DX, DI

#define K512(BCAST, FMA, MUL, ADD, MOVU, SHIFT) \
	MOVQ k+0(FP), CX; \
	MOVQ a+8(FP), AX; \
	MOVQ rs+16(FP), R9; \
	MOVQ ss+24(FP), R11; \
	MOVQ b+32(FP), BX; \
	MOVQ c+40(FP), DI; \
	MOVQ ldc+48(FP), DX; \
	SHLQ $SHIFT, R9; \
	SHLQ $SHIFT, R11; \
	SHLQ $SHIFT, DX; \
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
	ROW5(BCAST, FMA, (AX), Z26, Z2, Z3); \
	ROW5(BCAST, FMA, (AX)(R9*1), Z27, Z4, Z5); \
	ROW5(BCAST, FMA, (AX)(R9*2), Z28, Z6, Z7); \
	ROW5(BCAST, FMA, (R10), Z29, Z8, Z9); \
	ROW5(BCAST, FMA, (R10)(R9*1), Z26, Z10, Z11); \
	ROW5(BCAST, FMA, (R10)(R9*2), Z27, Z12, Z13); \
	ROW5(BCAST, FMA, (R12), Z28, Z14, Z15); \
	ROW5(BCAST, FMA, (R12)(R9*1), Z29, Z16, Z17); \
	ROW5(BCAST, FMA, (R12)(R9*2), Z26, Z18, Z19); \
	ROW5(BCAST, FMA, (R13), Z27, Z20, Z21); \
	ROW5(BCAST, FMA, (R13)(R9*1), Z28, Z22, Z23); \
	ROW5(BCAST, FMA, (R13)(R9*2), Z29, Z24, Z25); \
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
	STORE5(MUL, ADD, MOVU, Z2, Z3); \
	STORE5(MUL, ADD, MOVU, Z4, Z5); \
	STORE5(MUL, ADD, MOVU, Z6, Z7); \
	STORE5(MUL, ADD, MOVU, Z8, Z9); \
	STORE5(MUL, ADD, MOVU, Z10, Z11); \
	STORE5(MUL, ADD, MOVU, Z12, Z13); \
	STORE5(MUL, ADD, MOVU, Z14, Z15); \
	STORE5(MUL, ADD, MOVU, Z16, Z17); \
	STORE5(MUL, ADD, MOVU, Z18, Z19); \
	STORE5(MUL, ADD, MOVU, Z20, Z21); \
	STORE5(MUL, ADD, MOVU, Z22, Z23); \
	STORE5(MUL, ADD, MOVU, Z24, Z25); \
	VZEROUPPER; \
	RET; \
put: \
	PUT5(MUL, MOVU, Z2, Z3); \
	PUT5(MUL, MOVU, Z4, Z5); \
	PUT5(MUL, MOVU, Z6, Z7); \
	PUT5(MUL, MOVU, Z8, Z9); \
	PUT5(MUL, MOVU, Z10, Z11); \
	PUT5(MUL, MOVU, Z12, Z13); \
	PUT5(MUL, MOVU, Z14, Z15); \
	PUT5(MUL, MOVU, Z16, Z17); \
	PUT5(MUL, MOVU, Z18, Z19); \
	PUT5(MUL, MOVU, Z20, Z21); \
	PUT5(MUL, MOVU, Z22, Z23); \
	PUT5(MUL, MOVU, Z24, Z25); \
	VZEROUPPER; \
	RET

// func kern64x512(k int, a *float64, rs, ss int, b, c *float64, ldc int, alpha float64, add int)
TEXT ·kern64x512(SB), NOSPLIT, $0-72
	K512(VBROADCASTSD, VFMADD231PD, VMULPD, VADDPD, VMOVUPD, 3)

// func kern32x512(k int, a *float32, rs, ss int, b, c *float32, ldc int, alpha float32, add int)
TEXT ·kern32x512(SB), NOSPLIT, $0-72
	K512(VBROADCASTSS, VFMADD231PS, VMULPS, VADDPS, VMOVUPS, 2)
