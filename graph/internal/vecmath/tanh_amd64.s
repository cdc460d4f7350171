#include "textflag.h"

// tanhc holds the rational function's constants of tanh.go as float32
// values, each broadcast to a register at the start: clamp, nclamp, a13, a11, a9, a7, a5, a3, a1, b6, b4, b2, b0.
DATA tanhc<>+0(SB)/4, $0x40fcf84f // clamp = 7.905311107635498
DATA tanhc<>+4(SB)/4, $0xc0fcf84f // nclamp = -7.905311107635498
DATA tanhc<>+8(SB)/4, $0xa59f25c0 // a13 = -2.76076847742355e-16
DATA tanhc<>+12(SB)/4, $0x2a61337e // a11 = 2.00018790482477e-13
DATA tanhc<>+16(SB)/4, $0xaebd37ff // a9 = -8.60467152213735e-11
DATA tanhc<>+20(SB)/4, $0x335c0041 // a7 = 5.12229709037114e-08
DATA tanhc<>+24(SB)/4, $0x3779434a // a5 = 1.48572235717979e-05
DATA tanhc<>+28(SB)/4, $0x3a270ded // a3 = 0.000637261928875436
DATA tanhc<>+32(SB)/4, $0x3ba059dc // a1 = 0.00489352455891786
DATA tanhc<>+36(SB)/4, $0x35a0d3d8 // b6 = 1.19825839466702e-06
DATA tanhc<>+40(SB)/4, $0x38f895d6 // b4 = 0.000118534705686654
DATA tanhc<>+44(SB)/4, $0x3b14aa05 // b2 = 0.002268434632439
DATA tanhc<>+48(SB)/4, $0x3ba059dd // b0 = 0.00489352518554385
GLOBL tanhc<>(SB), RODATA|NOPTR, $52

// func tanh32(dst, x *float32, n int)
//
// Registers: DI dst, SI x, CX values left; Y3–Y15 the constants in the
// order of tanhc; Y0 x, Y1 x², Y2 p, then q in Y0 after p·x.
// x is clamped with VMAXPS/VMINPS before anything else, where a NaN in x
// would be replaced by the clamp: it is put back by the final blend on
// the unordered self-comparison.
TEXT ·tanh32(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS tanhc<>+0(SB), Y3
	VBROADCASTSS tanhc<>+4(SB), Y4
	VBROADCASTSS tanhc<>+8(SB), Y5
	VBROADCASTSS tanhc<>+12(SB), Y6
	VBROADCASTSS tanhc<>+16(SB), Y7
	VBROADCASTSS tanhc<>+20(SB), Y8
	VBROADCASTSS tanhc<>+24(SB), Y9
	VBROADCASTSS tanhc<>+28(SB), Y10
	VBROADCASTSS tanhc<>+32(SB), Y11
	VBROADCASTSS tanhc<>+36(SB), Y12
	VBROADCASTSS tanhc<>+40(SB), Y13
	VBROADCASTSS tanhc<>+44(SB), Y14
	VBROADCASTSS tanhc<>+48(SB), Y15
	TESTQ CX, CX
	JZ done
loop:
	VMOVUPS (SI), Y0
	VMINPS Y3, Y0, Y1
	VMAXPS Y4, Y1, Y1
	VMULPS Y1, Y1, Y2
	// p = ((((((a13 x² + a11) x² + a9) x² + a7) x² + a5) x² + a3) x² + a1) x
	VMOVAPS Y5, Y0
	VFMADD213PS Y6, Y2, Y0
	VFMADD213PS Y7, Y2, Y0
	VFMADD213PS Y8, Y2, Y0
	VFMADD213PS Y9, Y2, Y0
	VFMADD213PS Y10, Y2, Y0
	VFMADD213PS Y11, Y2, Y0
	VMULPS Y1, Y0, Y0
	// q = ((b6 x² + b4) x² + b2) x² + b0, into Y1
	VMOVAPS Y12, Y1
	VFMADD213PS Y13, Y2, Y1
	VFMADD213PS Y14, Y2, Y1
	VFMADD213PS Y15, Y2, Y1
	VDIVPS Y1, Y0, Y0
	// NaN in, NaN out
	VMOVUPS (SI), Y1
	VCMPPS $3, Y1, Y1, Y2
	VBLENDVPS Y2, Y1, Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $8, CX
	JNZ loop
done:
	VZEROUPPER
	RET

// tanh64c holds the constants of tanh64, each four times (a register's
// worth): masks for |x| and the sign, the clamp beyond which tanh rounds
// to ±1, the 0.625 where math.Tanh changes formulas, the reduction and
// Taylor coefficients of math.Exp's amd64 assembly (after Shibata's
// SLEEF), and math.Tanh's rational function for |x| < 0.625.
DATA tanh64c<>+0(SB)/8, $0x7fffffffffffffff
DATA tanh64c<>+8(SB)/8, $0x7fffffffffffffff
DATA tanh64c<>+16(SB)/8, $0x7fffffffffffffff
DATA tanh64c<>+24(SB)/8, $0x7fffffffffffffff
DATA tanh64c<>+32(SB)/8, $0x8000000000000000
DATA tanh64c<>+40(SB)/8, $0x8000000000000000
DATA tanh64c<>+48(SB)/8, $0x8000000000000000
DATA tanh64c<>+56(SB)/8, $0x8000000000000000
DATA tanh64c<>+64(SB)/8, $0x4034000000000000
DATA tanh64c<>+72(SB)/8, $0x4034000000000000
DATA tanh64c<>+80(SB)/8, $0x4034000000000000
DATA tanh64c<>+88(SB)/8, $0x4034000000000000
DATA tanh64c<>+96(SB)/8, $0x3fe4000000000000
DATA tanh64c<>+104(SB)/8, $0x3fe4000000000000
DATA tanh64c<>+112(SB)/8, $0x3fe4000000000000
DATA tanh64c<>+120(SB)/8, $0x3fe4000000000000
DATA tanh64c<>+128(SB)/8, $0x3ff71547652b82fe
DATA tanh64c<>+136(SB)/8, $0x3ff71547652b82fe
DATA tanh64c<>+144(SB)/8, $0x3ff71547652b82fe
DATA tanh64c<>+152(SB)/8, $0x3ff71547652b82fe
DATA tanh64c<>+160(SB)/8, $0x3fe62e42fefa3000
DATA tanh64c<>+168(SB)/8, $0x3fe62e42fefa3000
DATA tanh64c<>+176(SB)/8, $0x3fe62e42fefa3000
DATA tanh64c<>+184(SB)/8, $0x3fe62e42fefa3000
DATA tanh64c<>+192(SB)/8, $0x3d53de6af278ece6
DATA tanh64c<>+200(SB)/8, $0x3d53de6af278ece6
DATA tanh64c<>+208(SB)/8, $0x3d53de6af278ece6
DATA tanh64c<>+216(SB)/8, $0x3d53de6af278ece6
DATA tanh64c<>+224(SB)/8, $0x3fb0000000000000
DATA tanh64c<>+232(SB)/8, $0x3fb0000000000000
DATA tanh64c<>+240(SB)/8, $0x3fb0000000000000
DATA tanh64c<>+248(SB)/8, $0x3fb0000000000000
DATA tanh64c<>+256(SB)/8, $0x3efa01a01a01a01a
DATA tanh64c<>+264(SB)/8, $0x3efa01a01a01a01a
DATA tanh64c<>+272(SB)/8, $0x3efa01a01a01a01a
DATA tanh64c<>+280(SB)/8, $0x3efa01a01a01a01a
DATA tanh64c<>+288(SB)/8, $0x3f2a01a01a01a01a
DATA tanh64c<>+296(SB)/8, $0x3f2a01a01a01a01a
DATA tanh64c<>+304(SB)/8, $0x3f2a01a01a01a01a
DATA tanh64c<>+312(SB)/8, $0x3f2a01a01a01a01a
DATA tanh64c<>+320(SB)/8, $0x3f56c16c16c16c17
DATA tanh64c<>+328(SB)/8, $0x3f56c16c16c16c17
DATA tanh64c<>+336(SB)/8, $0x3f56c16c16c16c17
DATA tanh64c<>+344(SB)/8, $0x3f56c16c16c16c17
DATA tanh64c<>+352(SB)/8, $0x3f81111111111111
DATA tanh64c<>+360(SB)/8, $0x3f81111111111111
DATA tanh64c<>+368(SB)/8, $0x3f81111111111111
DATA tanh64c<>+376(SB)/8, $0x3f81111111111111
DATA tanh64c<>+384(SB)/8, $0x3fa5555555555555
DATA tanh64c<>+392(SB)/8, $0x3fa5555555555555
DATA tanh64c<>+400(SB)/8, $0x3fa5555555555555
DATA tanh64c<>+408(SB)/8, $0x3fa5555555555555
DATA tanh64c<>+416(SB)/8, $0x3fc5555555555555
DATA tanh64c<>+424(SB)/8, $0x3fc5555555555555
DATA tanh64c<>+432(SB)/8, $0x3fc5555555555555
DATA tanh64c<>+440(SB)/8, $0x3fc5555555555555
DATA tanh64c<>+448(SB)/8, $0x3fe0000000000000
DATA tanh64c<>+456(SB)/8, $0x3fe0000000000000
DATA tanh64c<>+464(SB)/8, $0x3fe0000000000000
DATA tanh64c<>+472(SB)/8, $0x3fe0000000000000
DATA tanh64c<>+480(SB)/8, $0x3ff0000000000000
DATA tanh64c<>+488(SB)/8, $0x3ff0000000000000
DATA tanh64c<>+496(SB)/8, $0x3ff0000000000000
DATA tanh64c<>+504(SB)/8, $0x3ff0000000000000
DATA tanh64c<>+512(SB)/8, $0x4000000000000000
DATA tanh64c<>+520(SB)/8, $0x4000000000000000
DATA tanh64c<>+528(SB)/8, $0x4000000000000000
DATA tanh64c<>+536(SB)/8, $0x4000000000000000
DATA tanh64c<>+544(SB)/8, $0x00000000000003ff
DATA tanh64c<>+552(SB)/8, $0x00000000000003ff
DATA tanh64c<>+560(SB)/8, $0x00000000000003ff
DATA tanh64c<>+568(SB)/8, $0x00000000000003ff
DATA tanh64c<>+576(SB)/8, $0xbfeedc5baafd6f4b
DATA tanh64c<>+584(SB)/8, $0xbfeedc5baafd6f4b
DATA tanh64c<>+592(SB)/8, $0xbfeedc5baafd6f4b
DATA tanh64c<>+600(SB)/8, $0xbfeedc5baafd6f4b
DATA tanh64c<>+608(SB)/8, $0xc058d26a0e26682d
DATA tanh64c<>+616(SB)/8, $0xc058d26a0e26682d
DATA tanh64c<>+624(SB)/8, $0xc058d26a0e26682d
DATA tanh64c<>+632(SB)/8, $0xc058d26a0e26682d
DATA tanh64c<>+640(SB)/8, $0xc0993ac030580563
DATA tanh64c<>+648(SB)/8, $0xc0993ac030580563
DATA tanh64c<>+656(SB)/8, $0xc0993ac030580563
DATA tanh64c<>+664(SB)/8, $0xc0993ac030580563
DATA tanh64c<>+672(SB)/8, $0x405c33f28a581b86
DATA tanh64c<>+680(SB)/8, $0x405c33f28a581b86
DATA tanh64c<>+688(SB)/8, $0x405c33f28a581b86
DATA tanh64c<>+696(SB)/8, $0x405c33f28a581b86
DATA tanh64c<>+704(SB)/8, $0x40a176fa0e5535fa
DATA tanh64c<>+712(SB)/8, $0x40a176fa0e5535fa
DATA tanh64c<>+720(SB)/8, $0x40a176fa0e5535fa
DATA tanh64c<>+728(SB)/8, $0x40a176fa0e5535fa
DATA tanh64c<>+736(SB)/8, $0x40b2ec102442040c
DATA tanh64c<>+744(SB)/8, $0x40b2ec102442040c
DATA tanh64c<>+752(SB)/8, $0x40b2ec102442040c
DATA tanh64c<>+760(SB)/8, $0x40b2ec102442040c
GLOBL tanh64c<>(SB), RODATA|NOPTR, $768

// func tanh64(dst, x *float64, n int)
//
// For 4 values at a time, in math.Tanh's two formulas: z = min(|x|, 20);
// for z ≥ 0.625, 1 − 2/(e^(2z) + 1), with e^(2z) as math.Exp computes it
// (2z = k ln 2 + r, e^(r/16) − 1 by Taylor series, squared up four times,
// times 2^k); below, z + z·z²·P(z²)/Q(z²); then x's sign. A NaN in x
// stays NaN through every step (VMINPD returns its second operand, x).
//
// Registers: DI dst, SI x, CX values left; Y0 x, Y1 z, Y2 2z then the
// large-z result, Y3 k, Y4 r then e^(r/16) − 1, Y5 scratch, Y6 z², Y7
// small-z result, Y8 2^k, Y9 the mask z < 0.625.
TEXT ·tanh64(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	TESTQ CX, CX
	JZ done
loop:
	VMOVUPD (SI), Y0
	VANDPD tanh64c<>+0(SB), Y0, Y1
	VMOVUPD tanh64c<>+64(SB), Y5
	VMINPD Y1, Y5, Y1
	VADDPD Y1, Y1, Y2
	// k = round(2z·log2 e), r = 2z − k ln 2 (in two parts), r/16
	VMULPD tanh64c<>+128(SB), Y2, Y3
	VROUNDPD $0, Y3, Y3
	VMOVAPD Y2, Y4
	VFNMADD231PD tanh64c<>+160(SB), Y3, Y4
	VFNMADD231PD tanh64c<>+192(SB), Y3, Y4
	VMULPD tanh64c<>+224(SB), Y4, Y4
	// e^r − 1 = r + r²/2 + … to r⁹/9!, then (e + 2)·e four times
	VMOVUPD tanh64c<>+256(SB), Y5
	VFMADD213PD tanh64c<>+288(SB), Y4, Y5
	VFMADD213PD tanh64c<>+320(SB), Y4, Y5
	VFMADD213PD tanh64c<>+352(SB), Y4, Y5
	VFMADD213PD tanh64c<>+384(SB), Y4, Y5
	VFMADD213PD tanh64c<>+416(SB), Y4, Y5
	VFMADD213PD tanh64c<>+448(SB), Y4, Y5
	VFMADD213PD tanh64c<>+480(SB), Y4, Y5
	VMULPD Y5, Y4, Y4
	VADDPD tanh64c<>+512(SB), Y4, Y5
	VMULPD Y5, Y4, Y4
	VADDPD tanh64c<>+512(SB), Y4, Y5
	VMULPD Y5, Y4, Y4
	VADDPD tanh64c<>+512(SB), Y4, Y5
	VMULPD Y5, Y4, Y4
	VADDPD tanh64c<>+512(SB), Y4, Y5
	VMULPD Y5, Y4, Y4
	VADDPD tanh64c<>+480(SB), Y4, Y4
	// times 2^k, built in the exponent bits
	VCVTPD2DQY Y3, X8
	VPMOVSXDQ X8, Y8
	VPADDQ tanh64c<>+544(SB), Y8, Y8
	VPSLLQ $52, Y8, Y8
	VMULPD Y8, Y4, Y4
	// 1 − 2/(e^(2z) + 1)
	VADDPD tanh64c<>+480(SB), Y4, Y4
	VMOVUPD tanh64c<>+512(SB), Y5
	VDIVPD Y4, Y5, Y5
	VMOVUPD tanh64c<>+480(SB), Y2
	VSUBPD Y5, Y2, Y2
	// z + z·z²·P(z²)/Q(z²)
	VMULPD Y1, Y1, Y6
	VMOVUPD tanh64c<>+576(SB), Y7
	VFMADD213PD tanh64c<>+608(SB), Y6, Y7
	VFMADD213PD tanh64c<>+640(SB), Y6, Y7
	VADDPD tanh64c<>+672(SB), Y6, Y5
	VFMADD213PD tanh64c<>+704(SB), Y6, Y5
	VFMADD213PD tanh64c<>+736(SB), Y6, Y5
	VDIVPD Y5, Y7, Y7
	VMULPD Y6, Y7, Y7
	VFMADD213PD Y1, Y1, Y7
	// the formula for z, then x's sign
	VCMPPD $1, tanh64c<>+96(SB), Y1, Y9
	VBLENDVPD Y9, Y7, Y2, Y2
	VANDPD tanh64c<>+32(SB), Y0, Y0
	VORPD Y0, Y2, Y2
	VMOVUPD Y2, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $4, CX
	JNZ loop
done:
	VZEROUPPER
	RET
