// Macros of the micro-kernels in kernel_amd64.s (AVX2) and
// kernel512_amd64.s (AVX-512), which differ only in registers, vector
// width and tile height.

// ARGS loads the arguments k, a, rs, ss, b, c and ldc into CX, AX, R9,
// R11, BX, DI and DX, the strides in bytes of elements 1<<SHIFT bytes
// long.
#define ARGS(SHIFT) \
	MOVQ k+0(FP), CX; \
	MOVQ a+8(FP), AX; \
	MOVQ rs+16(FP), R9; \
	MOVQ ss+24(FP), R11; \
	MOVQ b+32(FP), BX; \
	MOVQ c+40(FP), DI; \
	MOVQ ldc+48(FP), DX; \
	SHLQ $SHIFT, R9; \
	SHLQ $SHIFT, R11; \
	SHLQ $SHIFT, DX

// ROW broadcasts A's value at ADDR into V and accumulates its products
// with the B panel's row, in B0 and B1, into ACC0 and ACC1: one FMA per
// element and step.
#define ROW(BCAST, FMA, ADDR, B0, B1, V, ACC0, ACC1) \
	BCAST ADDR, V; \
	FMA B0, V, ACC0; \
	FMA B1, V, ACC1

// STORE adds α (in AL) times a row of the tile, ACC0 and ACC1 of W bytes
// each, to C's row at DI, and moves DI to the next row.
#define STORE(MUL, ADD, MOVU, AL, W, ACC0, ACC1) \
	MUL AL, ACC0, ACC0; \
	MUL AL, ACC1, ACC1; \
	ADD 0(DI), ACC0, ACC0; \
	MOVU ACC0, 0(DI); \
	ADD W(DI), ACC1, ACC1; \
	MOVU ACC1, W(DI); \
	ADDQ DX, DI

// PUT is STORE writing C's row without reading it (add = 0).
#define PUT(MUL, MOVU, AL, W, ACC0, ACC1) \
	MUL AL, ACC0, ACC0; \
	MUL AL, ACC1, ACC1; \
	MOVU ACC0, 0(DI); \
	MOVU ACC1, W(DI); \
	ADDQ DX, DI
