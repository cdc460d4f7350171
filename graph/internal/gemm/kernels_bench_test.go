package gemm

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// kernelShapes are the products of a training step (benchShapes) with
// every pair of transposes for the hidden layers and 256 and 512 points
// too, and a square product for the kernels' peak.
func kernelShapes() []benchShape {
	var s []benchShape
	tn := map[blas.Transpose]byte{blas.NoTrans: 'N', blas.Trans: 'T'}
	for _, n := range []int{256, 512, 1024, 4096} {
		for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
				s = append(s, benchShape{fmt.Sprintf("%c%c_%dx64x64", tn[tA], tn[tB], n), n, 64, 64, tA, tB})
			}
		}
		s = append(s, benchShape{fmt.Sprintf("TN_64x64x%d", n), 64, 64, n, blas.Trans, blas.NoTrans})
	}
	return append(s,
		benchShape{"NN_1024x64x2", 1024, 64, 2, blas.NoTrans, blas.NoTrans},
		benchShape{"NN_4096x64x2", 4096, 64, 2, blas.NoTrans, blas.NoTrans},
		benchShape{"NN_512x512x512", 512, 512, 512, blas.NoTrans, blas.NoTrans},
	)
}

// BenchmarkKernels runs Dgemm and Sgemm with each micro-kernel the CPU
// has, in GFLOP/s.
//
//	GOMAXPROCS=1 go test ./graph/internal/gemm -run '^$' -bench Kernels -count 6
func BenchmarkKernels(b *testing.B) {
	d, sg := dgemms(), sgemms()
	for _, s := range kernelShapes() {
		a, bb, c, lda, ldb := s.operands()
		a32, b32, c32 := to32(a), to32(bb), to32(c)
		flops := 2 * float64(s.m*s.n*s.k)
		for _, name := range []string{"avx2", "avx512", "gonum"} {
			if f := d[name]; f != nil {
				b.Run(fmt.Sprintf("%s/f64/%s", s.name, name), func(b *testing.B) {
					for b.Loop() {
						f(s.tA, s.tB, s.m, s.n, s.k, 1, a, lda, bb, ldb, 0, c, s.n)
					}
					b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
			if f := sg[name]; f != nil {
				b.Run(fmt.Sprintf("%s/f32/%s", s.name, name), func(b *testing.B) {
					for b.Loop() {
						f(s.tA, s.tB, s.m, s.n, s.k, 1, a32, lda, b32, ldb, 0, c32, s.n)
					}
					b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
		}
	}
}
