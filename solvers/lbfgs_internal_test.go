package solvers

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// TestTwoLoopMatchesExplicitBFGS runs L-BFGS on a 5-D quadratic, then
// checks the two-loop recursion's direction against −H·g with H built by
// the explicit BFGS inverse-Hessian update
//
//	H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ,  ρ = 1/yᵀs,
//
// from H₀ = (sᵀy/yᵀy)·I of the newest pair, to 1e-12 relative.
func TestTwoLoopMatchesExplicitBFGS(t *testing.T) {
	const n = 5
	a := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			v := 1 / float64(i+j+1) // a Hilbert matrix plus a diagonal
			if i == j {
				v += float64(i + 1)
			}
			a.SetSym(i, j, v)
		}
	}
	quad := func(x []float64) (float64, []float64) {
		g := mat.NewVecDense(n, nil)
		g.MulVec(a, mat.NewVecDense(n, x))
		return mat.Dot(g, mat.NewVecDense(n, x)) / 2, g.RawVector().Data
	}
	for _, history := range []int{2, 4, 50} {
		l, err := NewLBFGS(1, float64(history), 25, 0)
		if err != nil {
			t.Fatal(err)
		}
		w := tensor.New(tensor.WithShape(1, n), tensor.WithBacking([]float64{1, -2, 3, -4, 5}))
		gr := &graph.Gradients{Params: []graph.Param{{Name: "w", Value: w}},
			Total: []*tensor.Dense{tensor.New(tensor.WithShape(1, n), tensor.Of(tensor.Float64))}}
		eval := func() (*graph.Gradients, error) {
			f, g := quad(w.Data().([]float64))
			gr.Loss = f
			copy(gr.Total[0].Data().([]float64), g)
			return gr, nil
		}
		l.SetObjective(eval)
		eval()
		for k := 0; k < 4; k++ {
			if err := l.Update(gr); err != nil {
				t.Fatal(err)
			}
			eval()
		}
		g := append([]float64(nil), gr.Total[0].Data().([]float64)...)
		got := l.direction(g)

		k := len(l.st.S)
		if k < min(history, 4) || k > history {
			t.Fatalf("history %d: %d pairs", history, k)
		}
		s, y := mat.NewVecDense(n, l.st.S[k-1]), mat.NewVecDense(n, l.st.Y[k-1])
		h := mat.NewDense(n, n, nil)
		for i := 0; i < n; i++ {
			h.Set(i, i, mat.Dot(s, y)/mat.Dot(y, y))
		}
		for i := 0; i < k; i++ {
			s, y := mat.NewVecDense(n, l.st.S[i]), mat.NewVecDense(n, l.st.Y[i])
			rho := 1 / mat.Dot(y, s)
			left := mat.NewDense(n, n, nil)
			left.Outer(-rho, s, y)
			for j := 0; j < n; j++ {
				left.Set(j, j, left.At(j, j)+1)
			}
			var tmp, next mat.Dense
			tmp.Mul(left, h)
			next.Mul(&tmp, left.T())
			ss := mat.NewDense(n, n, nil)
			ss.Outer(rho, s, s)
			next.Add(&next, ss)
			h = &next
		}
		var want mat.VecDense
		want.MulVec(h, mat.NewVecDense(n, g))
		var scale float64
		for i := 0; i < n; i++ {
			scale = math.Max(scale, math.Abs(want.AtVec(i)))
		}
		for i := 0; i < n; i++ {
			if d := math.Abs(got[i] + want.AtVec(i)); d > 1e-12*scale {
				t.Errorf("history %d, %d pairs: direction[%d] = %.17g, −H·g = %.17g", history, k, i, got[i], -want.AtVec(i))
			}
		}
	}
}
