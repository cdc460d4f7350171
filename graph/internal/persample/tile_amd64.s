#include "textflag.h"

// func tile64(sq, gr, c *float64, p *unsafe.Pointer, k, n, hs, ds int)
//
// p holds h_0, d_0, h_1, d_1, … h_{k-1}, d_{k-1}. For samples i < n:
// v = Σ_{m<k} h_m[i·hs] · d_m[i·ds : i·ds+16]; sq[0:16] += v⊙v;
// gr[0:16] += c[i]·v. Registers: DI sq, R8 gr, R9 c, R10 p, R12 end of p,
// CX samples left, R13/R11 strides in bytes, AX/BX sample offsets, DX the
// stream pair, SI its address; Y0–Y3 v, Y4–Y7 sq, Y8–Y11 gr.
TEXT ·tile64(SB), NOSPLIT, $0-64
	MOVQ sq+0(FP), DI
	MOVQ gr+8(FP), R8
	MOVQ c+16(FP), R9
	MOVQ p+24(FP), R10
	MOVQ k+32(FP), R12
	SHLQ $4, R12
	ADDQ R10, R12
	MOVQ n+40(FP), CX
	MOVQ hs+48(FP), R13
	MOVQ ds+56(FP), R11
	SHLQ $3, R13
	SHLQ $3, R11
	VMOVUPD 0(DI), Y4
	VMOVUPD 32(DI), Y5
	VMOVUPD 64(DI), Y6
	VMOVUPD 96(DI), Y7
	VMOVUPD 0(R8), Y8
	VMOVUPD 32(R8), Y9
	VMOVUPD 64(R8), Y10
	VMOVUPD 96(R8), Y11
	XORQ AX, AX
	XORQ BX, BX
	TESTQ CX, CX
	JZ   done64

sample64:
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	MOVQ R10, DX

stream64:
	MOVQ         0(DX), SI
	VBROADCASTSD (SI)(AX*1), Y12
	MOVQ         8(DX), SI
	ADDQ         BX, SI
	VFMADD231PD  0(SI), Y12, Y0
	VFMADD231PD  32(SI), Y12, Y1
	VFMADD231PD  64(SI), Y12, Y2
	VFMADD231PD  96(SI), Y12, Y3
	ADDQ         $16, DX
	CMPQ         DX, R12
	JLT          stream64

	VFMADD231PD  Y0, Y0, Y4
	VFMADD231PD  Y1, Y1, Y5
	VFMADD231PD  Y2, Y2, Y6
	VFMADD231PD  Y3, Y3, Y7
	VBROADCASTSD (R9), Y13
	VFMADD231PD  Y0, Y13, Y8
	VFMADD231PD  Y1, Y13, Y9
	VFMADD231PD  Y2, Y13, Y10
	VFMADD231PD  Y3, Y13, Y11
	ADDQ         $8, R9
	ADDQ         R13, AX
	ADDQ         R11, BX
	DECQ         CX
	JNZ          sample64

done64:
	VMOVUPD Y4, 0(DI)
	VMOVUPD Y5, 32(DI)
	VMOVUPD Y6, 64(DI)
	VMOVUPD Y7, 96(DI)
	VMOVUPD Y8, 0(R8)
	VMOVUPD Y9, 32(R8)
	VMOVUPD Y10, 64(R8)
	VMOVUPD Y11, 96(R8)
	VZEROUPPER
	RET

// func tile32(sq, gr, c *float32, p *unsafe.Pointer, k, n, hs, ds int)
//
// tile64 for float32, over 32 columns.
TEXT ·tile32(SB), NOSPLIT, $0-64
	MOVQ sq+0(FP), DI
	MOVQ gr+8(FP), R8
	MOVQ c+16(FP), R9
	MOVQ p+24(FP), R10
	MOVQ k+32(FP), R12
	SHLQ $4, R12
	ADDQ R10, R12
	MOVQ n+40(FP), CX
	MOVQ hs+48(FP), R13
	MOVQ ds+56(FP), R11
	SHLQ $2, R13
	SHLQ $2, R11
	VMOVUPS 0(DI), Y4
	VMOVUPS 32(DI), Y5
	VMOVUPS 64(DI), Y6
	VMOVUPS 96(DI), Y7
	VMOVUPS 0(R8), Y8
	VMOVUPS 32(R8), Y9
	VMOVUPS 64(R8), Y10
	VMOVUPS 96(R8), Y11
	XORQ AX, AX
	XORQ BX, BX
	TESTQ CX, CX
	JZ   done32

sample32:
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	MOVQ R10, DX

stream32:
	MOVQ         0(DX), SI
	VBROADCASTSS (SI)(AX*1), Y12
	MOVQ         8(DX), SI
	ADDQ         BX, SI
	VFMADD231PS  0(SI), Y12, Y0
	VFMADD231PS  32(SI), Y12, Y1
	VFMADD231PS  64(SI), Y12, Y2
	VFMADD231PS  96(SI), Y12, Y3
	ADDQ         $16, DX
	CMPQ         DX, R12
	JLT          stream32

	VFMADD231PS  Y0, Y0, Y4
	VFMADD231PS  Y1, Y1, Y5
	VFMADD231PS  Y2, Y2, Y6
	VFMADD231PS  Y3, Y3, Y7
	VBROADCASTSS (R9), Y13
	VFMADD231PS  Y0, Y13, Y8
	VFMADD231PS  Y1, Y13, Y9
	VFMADD231PS  Y2, Y13, Y10
	VFMADD231PS  Y3, Y13, Y11
	ADDQ         $4, R9
	ADDQ         R13, AX
	ADDQ         R11, BX
	DECQ         CX
	JNZ          sample32

done32:
	VMOVUPS Y4, 0(DI)
	VMOVUPS Y5, 32(DI)
	VMOVUPS Y6, 64(DI)
	VMOVUPS Y7, 96(DI)
	VMOVUPS Y8, 0(R8)
	VMOVUPS Y9, 32(R8)
	VMOVUPS Y10, 64(R8)
	VMOVUPS Y11, 96(R8)
	VZEROUPPER
	RET
