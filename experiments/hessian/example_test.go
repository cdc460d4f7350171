package hessian_test

import (
	"fmt"

	"github.com/pinngo/pinn/experiments/hessian"
)

// ExampleAnalyze finds the extreme eigenvalues, κ_eff and κ_q of the Hessian
// of f(w) = ½ Σ λ_i w_i², known only through its gradient λ ⊙ w: κ_eff is
// 100 over the mean positive eigenvalue (0.5 + 1 + 3 + 100 + 1e-9)/6.
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
	fmt.Printf("λ ∈ [%.6g, %.6g], κ_eff = %.4g, κ_q = %.6g\n", sp.Min, sp.Max, sp.Kappa, sp.KappaQuantile)
	// Output: λ ∈ [-2, 100], κ_eff = 5.742, κ_q = 200
}
