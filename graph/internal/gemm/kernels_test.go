package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// gemmFunc is Dgemm or Sgemm.
type gemmFunc[T float] func(tA, tB blas.Transpose, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int)

// dgemms returns Dgemm run by each micro-kernel this CPU has, not only the
// fastest that Implementation runs, by the kernel's name; where it has
// none, Implementation's Dgemm (gonum's) alone.
func dgemms() map[string]gemmFunc[float64] {
	return variants(kernel64, micros64(), Implementation{}.Dgemm)
}

// sgemms is dgemms for Sgemm.
func sgemms() map[string]gemmFunc[float32] {
	return variants(kernel32, micros32(), Implementation{}.Sgemm)
}

func variants[T float](ker kernel[T], ms []micro[T], fallback gemmFunc[T]) map[string]gemmFunc[T] {
	fs := map[string]gemmFunc[T]{}
	if len(ms) == 0 {
		fs["gonum"] = fallback
	}
	for _, mk := range ms {
		ker := ker // each closure its own kernel
		ker.micro = mk
		fs[mk.name] = func(tA, tB blas.Transpose, m, n, k int, alpha T, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
			product(ker, tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		}
	}
	return fs
}

// TestKernelsIdentical checks that the AVX-512 and AVX2 kernels give
// bit-identical products, as they must for runs to be reproducible from
// one CPU to another: every size from 1 to 40 in m, n and k with every
// transpose, and products deeper than a block of k.
func TestKernelsIdentical(t *testing.T) {
	d, s := dgemms(), sgemms()
	if d["avx512"] == nil || d["avx2"] == nil {
		t.Skip("the CPU lacks AVX-512 or AVX2")
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	var cases []gemmCase
	for m := 1; m <= 40; m += 3 {
		for n := 1; n <= 40; n += 1 + m%4 {
			for _, k := range []int{1, 2, 5, 17, 40} {
				cases = append(cases, gemmCase{m, n, k, 1, 0, (m + n) % 3})
			}
		}
	}
	for _, s := range [][3]int{{1024, 64, 64}, {64, 64, 1024}, {97, 70, 600}, {1024, 64, 2}, {50, 2100, 3}} {
		for _, ab := range [][2]float64{{1, 0}, {-0.7, 2.5}, {1, 1}} {
			cases = append(cases, gemmCase{s[0], s[1], s[2], ab[0], ab[1], 1})
		}
	}
	for _, tc := range cases {
		for _, tA := range transposes[:2] {
			for _, tB := range transposes[:2] {
				name := fmt.Sprintf("%dx%dx%d/%c%c/α=%g,β=%g", tc.m, tc.n, tc.k, tA, tB, tc.alpha, tc.beta)
				a, lda, b, ldb, c, ldc := tc.operands(rnd, tA, tB)
				if tc.beta == 0 {
					clear(c) // NaN in C's padding would compare unequal
				}
				want, got := append([]float64(nil), c...), append([]float64(nil), c...)
				d["avx2"](tA, tB, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, want, ldc)
				d["avx512"](tA, tB, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, got, ldc)
				identical(t, name+"/float64", got, want)

				a32, b32 := to32(a), to32(b)
				want32, got32 := to32(c), to32(c)
				s["avx2"](tA, tB, tc.m, tc.n, tc.k, float32(tc.alpha), a32, lda, b32, ldb, float32(tc.beta), want32, ldc)
				s["avx512"](tA, tB, tc.m, tc.n, tc.k, float32(tc.alpha), a32, lda, b32, ldb, float32(tc.beta), got32, ldc)
				identical(t, name+"/float32", got32, want32)
			}
		}
	}
}

// identical fails t where got and want differ in any bit.
func identical[T float](t *testing.T, name string, got, want []T) {
	t.Helper()
	for i := range got {
		if math.Float64bits(float64(got[i])) != math.Float64bits(float64(want[i])) {
			t.Errorf("%s: element %d is %g, want %g bit for bit", name, i, got[i], want[i])
			return
		}
	}
}
