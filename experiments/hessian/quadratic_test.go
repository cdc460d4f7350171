package hessian_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/pinngo/pinn/experiments/hessian"
)

// dense is a symmetric matrix as an Operator.
type dense struct{ a *mat.SymDense }

func (d dense) Dim() int { return d.a.SymmetricDim() }

func (d dense) MulVec(dst, v []float64) error {
	mat.NewVecDense(len(dst), dst).MulVec(d.a, mat.NewVecDense(len(v), v))
	return nil
}

// rotated returns Q diag(lambda) Qᵀ for a random orthogonal Q.
func rotated(lambda []float64, seed uint64) *mat.SymDense {
	n := len(lambda)
	rng := rand.New(rand.NewPCG(seed, 7))
	g := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			g.Set(i, j, rng.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(g)
	var q mat.Dense
	qr.QTo(&q)
	var qd mat.Dense
	qd.Mul(&q, mat.NewDiagDense(n, lambda))
	var a mat.Dense
	a.Mul(&qd, q.T())
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			s.SetSym(i, j, (a.At(i, j)+a.At(j, i))/2)
		}
	}
	return s
}

// spectrum is 200 eigenvalues as in a PINN Hessian: a few large ones, a
// bulk spread over decades, near-zero ones and two negative ones.
func spectrum() []float64 {
	var l []float64
	l = append(l, 1000, 300, 80, -5, -0.5)
	for i := 0; i < 150; i++ {
		l = append(l, math.Pow(10, -3+4*float64(i)/149))
	}
	for len(l) < 200 {
		l = append(l, 1e-9*float64(len(l)))
	}
	return l
}

// TestLanczosExtremes checks the extreme eigenvalues of a quadratic's
// Hessian with a known spectrum, rotated so that no basis vector is an
// eigenvector.
func TestLanczosExtremes(t *testing.T) {
	l := spectrum()
	op := dense{rotated(l, 1)}
	for _, c := range []struct {
		steps int
		tol   float64
	}{{60, 1e-10}, {200, 1e-10}} {
		s := hessian.DefaultSettings()
		s.Steps, s.Probes = c.steps, 1
		sp, err := hessian.Analyze(op, s)
		if err != nil {
			t.Fatal(err)
		}
		if e := math.Abs(sp.Max-1000) / 1000; e > c.tol {
			t.Errorf("m = %d: λ_max = %.15g, want 1000 (relative error %g > %g)", c.steps, sp.Max, e, c.tol)
		}
		if e := math.Abs(sp.Min+5) / 5; e > c.tol {
			t.Errorf("m = %d: λ_min = %.15g, want -5 (relative error %g > %g)", c.steps, sp.Min, e, c.tol)
		}
	}
}

// TestSLQMoments checks stochastic Lanczos quadrature's moments. On a
// diagonal matrix a Rademacher probe gives vᵀA^p v = tr(A^p)/n exactly, so
// Gauss quadrature with m steps is exact up to rounding for p ≤ 2m−1; on
// the rotated matrix the moments are estimates whose error shrinks with
// the number of probes.
func TestSLQMoments(t *testing.T) {
	l := spectrum()
	n := float64(len(l))
	trace := func(p int) float64 {
		var s float64
		for _, x := range l {
			s += math.Pow(x, float64(p))
		}
		return s / n
	}
	diag := mat.NewSymDense(len(l), nil)
	for i, x := range l {
		diag.SetSym(i, i, x)
	}
	for _, c := range []struct {
		name   string
		a      *mat.SymDense
		probes int
		tol    float64
	}{
		{"diagonal", diag, 2, 1e-10},
		{"rotated", rotated(l, 2), 64, 0.2},
	} {
		s := hessian.DefaultSettings()
		s.Steps, s.Probes = 20, c.probes
		sp, err := hessian.Analyze(dense{c.a}, s)
		if err != nil {
			t.Fatal(err)
		}
		var mass float64
		for _, w := range sp.Weights {
			mass += w
		}
		if math.Abs(mass-1) > 1e-12 {
			t.Errorf("%s: weights sum to %.15g, want 1", c.name, mass)
		}
		for _, p := range []int{1, 2, 3, 4} {
			got, want := sp.Moment(p), trace(p)
			if e := math.Abs(got-want) / math.Abs(want); e > c.tol {
				t.Errorf("%s: moment %d = %.10g, want tr(A^p)/n = %.10g (relative error %g > %g)", c.name, p, got, want, e, c.tol)
			}
		}
	}
}

// TestEffectiveCondition checks κ_eff and κ_q on a hand-made density.
func TestEffectiveCondition(t *testing.T) {
	sp := hessian.Spectrum{Max: 100,
		Nodes:   []float64{-1, 1e-9, 0.5, 2, 10, 100},
		Weights: []float64{0.1, 0.5, 0.1, 0.1, 0.1, 0.1}}
	for _, c := range []struct{ floor, q, want float64 }{
		{1e-6, 0.05, 200},         // 0.5 is the lowest node above 1e-4
		{1e-6, 0.3, 50},           // 30 % of the 0.4 mass above the floor is reached at λ = 2
		{1e-2, 0.05, 50},          // the floor 1 leaves 2, 10, 100
		{1e-12, 0.05, 100 / 1e-9}, // a floor under the near-zero node counts it
	} {
		if got := sp.QuantileCondition(c.floor, c.q); math.Abs(got-c.want) > 1e-12*c.want {
			t.Errorf("floor %g, q %g: κ = %g, want %g", c.floor, c.q, got, c.want)
		}
	}
	// λ̄₊ = 0.1·(0.5 + 2 + 10 + 100) + 0.5·1e-9 = 11.2500000005.
	if got, want := sp.EffectiveCondition(), 100/11.2500000005; math.Abs(got-want) > 1e-14*want {
		t.Errorf("κ_eff = %.16g, want %.16g", got, want)
	}
	neg := hessian.Spectrum{Max: -1, Nodes: []float64{-1}, Weights: []float64{1}}
	if k, kq := neg.EffectiveCondition(), neg.QuantileCondition(0, 0); !math.IsNaN(k) || !math.IsNaN(kq) {
		t.Errorf("κ_eff, κ_q of a negative definite spectrum = %g, %g, want NaN", k, kq)
	}
}

// TestPreconditioned checks D^{-1/2} A D^{-1/2} against the dense product.
func TestPreconditioned(t *testing.T) {
	a := rotated([]float64{3, 1, -2, 0.5}, 3)
	d := []float64{4, 0.25, 1, 9}
	p := &hessian.Preconditioned{A: dense{a}, D: d}
	v := []float64{1, -2, 0.5, 3}
	got := make([]float64, 4)
	if err := p.MulVec(got, v); err != nil {
		t.Fatal(err)
	}
	for i := range got {
		var want float64
		for j := range v {
			want += a.At(i, j) * v[j] / math.Sqrt(d[i]*d[j])
		}
		if math.Abs(got[i]-want) > 1e-14*(1+math.Abs(want)) {
			t.Errorf("component %d: %.16g, want %.16g", i, got[i], want)
		}
	}
	bad := &hessian.Preconditioned{A: dense{a}, D: []float64{1, 0, 1, 1}}
	if err := bad.MulVec(got, v); err == nil {
		t.Error("a zero diagonal entry is not an error")
	}
}

// TestFiniteDifference checks the central-difference Hessian-vector
// product of f(w) = Σ sin w_i + ¼Σ w_i⁴ + ½(Σ w_i)², whose Hessian is
// diag(3w_i² − sin w_i) + 11ᵀ, against the closed form: the error bound
// of the package documentation is about 1e-10 here.
func TestFiniteDifference(t *testing.T) {
	w := []float64{0.3, -1.2, 2.5, 0.01, -0.7}
	grad := func(g, w []float64) error {
		var s float64
		for _, x := range w {
			s += x
		}
		for i, x := range w {
			g[i] = math.Cos(x) + x*x*x + s
		}
		return nil
	}
	op := &hessian.FiniteDifference{Grad: grad, W: w}
	v := []float64{1, 2, -1, 0.5, 3}
	got := make([]float64, len(w))
	if err := op.MulVec(got, v); err != nil {
		t.Fatal(err)
	}
	var sv, worst, scale float64
	for _, x := range v {
		sv += x
	}
	for i, x := range w {
		want := (3*x*x-math.Sin(x))*v[i] + sv
		worst, scale = math.Max(worst, math.Abs(got[i]-want)), math.Max(scale, math.Abs(want))
	}
	if worst > 1e-9*scale {
		t.Fatalf("max error %g > 1e-9 × %g", worst, scale)
	}
	t.Logf("max error %g (scale %g), step %g", worst, scale, hessian.DefaultStep(w))
}
