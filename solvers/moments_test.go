package solvers_test

import (
	"math"
	"testing"

	"github.com/pinngo/pinn/solvers"
)

// TestSecondMoment checks Adam's and AutoBalance's bias-corrected second
// moments after two steps against v̂ = (1−β₂)(β₂g₁² + g₂²)/(1−β₂²), and
// that both are nil before the first step.
func TestSecondMoment(t *testing.T) {
	const b2, tol, nTerms = 0.999, 1e-13, 3 // 1−β₂ loses ~3 digits
	w0 := []float64{0.3, -1.2, 2.5}
	hand := func(g1, g2 float64) float64 { return (1 - b2) * (b2*g1*g1 + g2*g2) / (1 - b2*b2) }
	relErr := func(got, want float64) float64 { return math.Abs(got-want) / math.Max(math.Abs(want), 1e-300) }

	adam, err := solvers.NewAdam(1e-3, 0.9, b2, 1e-8, 0)
	if err != nil {
		t.Fatal(err)
	}
	ab, err := solvers.NewAutoBalance(1e-3, 0.9, b2, 1e-8, 0)
	if err != nil {
		t.Fatal(err)
	}
	if adam.SecondMoment() != nil || ab.SecondMoment(0) != nil {
		t.Fatal("second moments before the first step are not nil")
	}
	grA, grB := termGradients(w0, nTerms), termGradients(w0, nTerms)
	var total, terms [2][][]float64 // by step: total gradient, then per term gradients (flattened [k][j])
	for s := 1; s <= 2; s++ {
		setTerms(grA, s)
		setTerms(grB, s)
		total[s-1] = [][]float64{append([]float64(nil), grA.Total[0].Data().([]float64)...)}
		for k := range nTerms {
			terms[s-1] = append(terms[s-1], append([]float64(nil), grB.Terms[k][0].Data().([]float64)...))
		}
		if err := adam.Update(grA); err != nil {
			t.Fatal(err)
		}
		if err := ab.Update(grB); err != nil {
			t.Fatal(err)
		}
	}
	var worst float64
	got := adam.SecondMoment()[0]
	for j := range got {
		worst = math.Max(worst, relErr(got[j], hand(total[0][0][j], total[1][0][j])))
	}
	for k := range nTerms {
		got := ab.SecondMoment(k)[0]
		for j := range got {
			worst = math.Max(worst, relErr(got[j], hand(terms[0][k][j], terms[1][k][j])))
		}
	}
	if worst > tol {
		t.Fatalf("max relative error of v̂ %g > %g", worst, tol)
	}
	if ab.SecondMoment(nTerms) != nil || ab.SecondMoment(-1) != nil {
		t.Fatal("SecondMoment of a term the state does not have is not nil")
	}
	t.Logf("max relative error of v̂: %g", worst)
}
