package solvers_test

import (
	"math"
	"testing"

	"github.com/pinngo/pinn/solvers"
)

// TestPDEAwareMatchesHandComputation checks three steps of every variant of
// the PDE-aware rule against scalar code written from methods.md §1.
func TestPDEAwareMatchesHandComputation(t *testing.T) {
	for _, c := range []struct {
		name                  string
		mRes, centred, vTotal float64
	}{{"code", 0, 0, 0}, {"eq8", 1, 0, 0}, {"centred", 0, 1, 0}, {"v_from_total", 0, 0, 1}, {"all", 1, 1, 1}} {
		t.Run(c.name, func(t *testing.T) {
			const lr, b1, b2, eps = 1e-2, 0.99, 0.99, 1e-8
			w0 := []float64{0.3, -1.2, 2.5}
			s, err := solvers.New("pde-aware", solvers.Hyper{"lr": lr,
				"m_from_residual": c.mRes, "centred": c.centred, "v_from_total": c.vTotal})
			if err != nil {
				t.Fatal(err)
			}
			gr := fixedGradients(w0)
			want := append([]float64(nil), w0...)
			m, v := make([]float64, 3), make([]float64, 3)
			for k := 1; k <= 3; k++ {
				g := gradSeq(want, k)
				sq := make([]float64, 3)
				mean := make([]float64, 3)
				for i := range g {
					sq[i] = g[i]*g[i] + 0.3 + 0.1*float64(k)
					mean[i] = 0.7*g[i] - 0.05*float64(i)
				}
				copy(gr.Total[0].Data().([]float64), g)
				copy(gr.SampleSq[0].Data().([]float64), sq)
				copy(gr.SampleMean[0].Data().([]float64), mean)
				if err := s.Update(gr); err != nil {
					t.Fatal(err)
				}
				for i := range want {
					gm := g[i]
					if c.mRes == 1 {
						gm = mean[i]
					}
					sv := sq[i]
					if c.centred == 1 {
						sv = sq[i] - mean[i]*mean[i]
					}
					if c.vTotal == 1 {
						sv += g[i] * g[i]
					}
					m[i] = b1*m[i] + (1-b1)*gm
					v[i] = b2*v[i] + (1-b2)*sv
					want[i] -= lr * m[i] / (math.Sqrt(v[i]) + eps)
				}
				got := gr.Params[0].Value.Data().([]float64)
				for i := range want {
					if d := math.Abs(got[i] - want[i]); d > 1e-12 {
						t.Fatalf("step %d w[%d] = %.17g, want %.17g (diff %g)", k, i, got[i], want[i], d)
					}
				}
			}
		})
	}
}

// TestPDEAwareNeedsStats checks the solver refuses gradients without
// per-sample statistics instead of silently using zeros, and advertises
// its need.
func TestPDEAwareNeedsStats(t *testing.T) {
	s, err := solvers.New("pde-aware", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := s.(solvers.NeedsPerSample); !ok || !n.NeedsPerSample() {
		t.Error("pde-aware does not advertise NeedsPerSample")
	}
	gr := fixedGradients([]float64{1, 2})
	gr.SampleSq, gr.SampleMean = nil, nil
	if err := s.Update(gr); err == nil {
		t.Error("Update without SampleSq: no error")
	}
	if gr.Params[0].Value.Data().([]float64)[0] != 1 {
		t.Error("failed Update changed the parameters")
	}
	if _, err := solvers.New("pde-aware", solvers.Hyper{"centred": 0.5}); err == nil {
		t.Error("centred=0.5 accepted")
	}
}

// TestPerSampleAsks checks which statistics each solver asks the loss for:
// SampleMean only where pde-aware reads it.
func TestPerSampleAsks(t *testing.T) {
	for _, c := range []struct {
		name     string
		h        solvers.Hyper
		sq, mean bool
	}{
		{"adam", nil, false, false},
		{"pde-aware", nil, true, false},
		{"pde-aware", solvers.Hyper{"centred": 1}, true, true},
		{"pde-aware", solvers.Hyper{"m_from_residual": 1}, true, true},
		{"pde-aware", solvers.Hyper{"v_from_total": 1}, true, false},
	} {
		s, err := solvers.New(c.name, c.h)
		if err != nil {
			t.Fatal(err)
		}
		if sq, mean := solvers.PerSample(s); sq != c.sq || mean != c.mean {
			t.Errorf("%s %v: PerSample = %v, %v, want %v, %v", c.name, c.h, sq, mean, c.sq, c.mean)
		}
	}
}
