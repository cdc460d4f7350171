#include "textflag.h"

// TILE is the body of tile64 and tile32, with the instructions for their
// element type and its size's shift. Arguments: sq, gr, c *T;
// p *unsafe.Pointer holding h_0, d_0, h_1, d_1, … h_{k-1}, d_{k-1}; k, n,
// hs, ds int. For samples i < n it forms v = Σ_{m<k} h_m[i·hs] ·
// d_m[i·ds : i·ds + 4 registers] and adds v⊙v to sq and c[i]·v to gr.
//
// Registers: DI sq, R8 gr, R9 c, R10 p, R12 end of p, CX samples left,
// R13/R11 strides in bytes, AX/BX sample offsets, DX the stream pair, SI
// its address; Y0–Y3 v, Y4–Y7 sq, Y8–Y11 gr, Y12 h_m[i], Y13 c[i].
#define TILE(BCAST, FMA, XOR, MOVU, SHIFT) \
	MOVQ sq+0(FP), DI; \
	MOVQ gr+8(FP), R8; \
	MOVQ c+16(FP), R9; \
	MOVQ p+24(FP), R10; \
	MOVQ k+32(FP), R12; \
	SHLQ $4, R12; \
	ADDQ R10, R12; \
	MOVQ n+40(FP), CX; \
	MOVQ hs+48(FP), R13; \
	MOVQ ds+56(FP), R11; \
	SHLQ $SHIFT, R13; \
	SHLQ $SHIFT, R11; \
	MOVU 0(DI), Y4; \
	MOVU 32(DI), Y5; \
	MOVU 64(DI), Y6; \
	MOVU 96(DI), Y7; \
	MOVU 0(R8), Y8; \
	MOVU 32(R8), Y9; \
	MOVU 64(R8), Y10; \
	MOVU 96(R8), Y11; \
	XORQ AX, AX; \
	XORQ BX, BX; \
	TESTQ CX, CX; \
	JZ done; \
sample: \
	XOR Y0, Y0, Y0; \
	XOR Y1, Y1, Y1; \
	XOR Y2, Y2, Y2; \
	XOR Y3, Y3, Y3; \
	MOVQ R10, DX; \
stream: \
	MOVQ 0(DX), SI; \
	BCAST (SI)(AX*1), Y12; \
	MOVQ 8(DX), SI; \
	ADDQ BX, SI; \
	FMA 0(SI), Y12, Y0; \
	FMA 32(SI), Y12, Y1; \
	FMA 64(SI), Y12, Y2; \
	FMA 96(SI), Y12, Y3; \
	ADDQ $16, DX; \
	CMPQ DX, R12; \
	JLT stream; \
	FMA Y0, Y0, Y4; \
	FMA Y1, Y1, Y5; \
	FMA Y2, Y2, Y6; \
	FMA Y3, Y3, Y7; \
	BCAST (R9), Y13; \
	FMA Y0, Y13, Y8; \
	FMA Y1, Y13, Y9; \
	FMA Y2, Y13, Y10; \
	FMA Y3, Y13, Y11; \
	ADDQ $(1<<SHIFT), R9; \
	ADDQ R13, AX; \
	ADDQ R11, BX; \
	DECQ CX; \
	JNZ sample; \
done: \
	MOVU Y4, 0(DI); \
	MOVU Y5, 32(DI); \
	MOVU Y6, 64(DI); \
	MOVU Y7, 96(DI); \
	MOVU Y8, 0(R8); \
	MOVU Y9, 32(R8); \
	MOVU Y10, 64(R8); \
	MOVU Y11, 96(R8); \
	VZEROUPPER; \
	RET

// func tile64(sq, gr, c *float64, p *unsafe.Pointer, k, n, hs, ds int)
TEXT ·tile64(SB), NOSPLIT, $0-64
	TILE(VBROADCASTSD, VFMADD231PD, VXORPD, VMOVUPD, 3)

// func tile32(sq, gr, c *float32, p *unsafe.Pointer, k, n, hs, ds int)
TEXT ·tile32(SB), NOSPLIT, $0-64
	TILE(VBROADCASTSS, VFMADD231PS, VXORPS, VMOVUPS, 2)
