package hessian_test

import (
	"fmt"

	"github.com/pinngo/pinn/experiments/hessian"
)

// ExampleAnalyze finds the extreme eigenvalues and κ_eff of the Hessian
// of f(w) = ½ Σ λ_i w_i², known only through its gradient λ ⊙ w.
func ExampleAnalyze() {
	lambda := []float64{-2, 1e-9, 0.5, 1, 3, 100}
	grad := func(g, w []float64) error {
		for i, x := range w {
			g[i] = lambda[i] * x
		}
		return nil
	}
	op := &hessian.FiniteDifference{Grad: grad, W: make([]float64, len(lambda))}
	sp, err := hessian.Analyze(op, hessian.DefaultSettings())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("λ ∈ [%.6g, %.6g], κ_eff = %.6g\n", sp.Min, sp.Max, sp.Kappa)
	// Output: λ ∈ [-2, 100], κ_eff = 200
}
