//go:build !openblas

package graph

import (
	"strings"

	"github.com/pinngo/pinn/graph/internal/gemm"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gorgonia.org/gorgonia"
)

// BLAS names the BLAS implementation Gorgonia's matrix products use:
// gonum's pure-Go BLAS, with its matrix products replaced by vector
// kernels where the CPU has AVX-512 ("gonum+avx512") or AVX2 and FMA
// ("gonum+avx2"); it needs nothing installed. Build with -tags openblas
// for OpenBLAS.
var BLAS = strings.TrimSuffix("gonum+"+gemm.Name(), "+")

// Matrix products are most of a PINN step: the default build hands
// Gorgonia, and gonum's mat for the per-sample statistics, the packed
// kernels of gemm (which are gonum's own where the CPU lacks AVX2+FMA).
func init() {
	gorgonia.Use(gemm.Implementation{})
	blas64.Use(gemm.Implementation{})
	blas32.Use(gemm.Implementation{})
}
