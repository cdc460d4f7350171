package gemm

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas/gonum"
)

// FuzzGemm checks Dgemm and Sgemm, run by each kernel the CPU has, against gonum's for fuzzed sizes,
// transposes, padding, α and β, within the tolerances of TestGemm.
func FuzzGemm(f *testing.F) {
	f.Add(uint8(7), uint8(9), uint8(5), uint8(0), uint8(1), 1.0, 0.0, uint64(1))
	f.Add(uint8(100), uint8(64), uint8(64), uint8(5), uint8(0), -0.5, 1.0, uint64(2))
	f.Add(uint8(13), uint8(1), uint8(200), uint8(3), uint8(2), 2.0, 3.0, uint64(3))
	f.Add(uint8(0), uint8(3), uint8(0), uint8(8), uint8(1), 0.0, 0.0, uint64(4))
	f.Fuzz(func(t *testing.T, m, n, k, flags, pad uint8, alpha, beta float64, seed uint64) {
		if alpha != alpha || beta != beta || alpha > 1e6 || alpha < -1e6 || beta > 1e6 || beta < -1e6 {
			t.Skip("α and β are finite and moderate in products")
		}
		tA, tB := transposes[flags%3], transposes[flags/3%3]
		tc := gemmCase{m: int(m), n: int(n), k: int(k) + int(k)*int(flags>>6), alpha: alpha, beta: beta, pad: int(pad % 4)}
		a, lda, b, ldb, c, ldc := tc.operands(rand.New(rand.NewPCG(seed, 0)), tA, tB)
		tol := bound(tA, tB, tc, a, lda, b, ldb, c, ldc)

		want := append([]float64(nil), c...)
		gonum.Implementation{}.Dgemm(tA, tB, tc.m, tc.n, tc.k, alpha, a, lda, b, ldb, beta, want, ldc)
		for kn, f := range dgemms() {
			got := append([]float64(nil), c...)
			f(tA, tB, tc.m, tc.n, tc.k, alpha, a, lda, b, ldb, beta, got, ldc)
			compare(t, "float64/"+kn, got, want, tol, eps64*float64(tc.k+2)*4)
		}

		c32 := to32(c)
		want32 := append([]float32(nil), c32...)
		gonum.Implementation{}.Sgemm(tA, tB, tc.m, tc.n, tc.k, float32(alpha), to32(a), lda, to32(b), ldb, float32(beta), want32, ldc)
		for kn, f := range sgemms() {
			got32 := append([]float32(nil), c32...)
			f(tA, tB, tc.m, tc.n, tc.k, float32(alpha), to32(a), lda, to32(b), ldb, float32(beta), got32, ldc)
			compare(t, "float32/"+kn, got32, want32, tol, eps32*float64(tc.k+2)*4)
		}
	})
}
