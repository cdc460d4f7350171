package gemm_test

import (
	"fmt"

	"gonum.org/v1/gonum/blas"

	"github.com/pinngo/pinn/graph/internal/gemm"
)

func ExampleImplementation_Dgemm() {
	// C = A Bᵀ for A (2×3) and B (2×3), row-major.
	a := []float64{1, 2, 3, 4, 5, 6}
	b := []float64{1, 0, -1, 0.5, 0.5, 0.5}
	c := make([]float64, 4)
	gemm.Implementation{}.Dgemm(blas.NoTrans, blas.Trans, 2, 2, 3, 1, a, 3, b, 3, 0, c, 2)
	fmt.Println(c)
	// Output:
	// [-2 3 -2 7.5]
}
