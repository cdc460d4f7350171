package hessian

import (
	"math"

	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

// Moments tracks, along any training trajectory, the second moments that
// Adam (of the total gradient) and AutoBalance (of each term's weighted
// gradient) would hold: exponential averages with rate Beta2, bias
// corrected. An analysis uses them for the preconditioner of a solver
// that is not the one being trained.
type Moments struct {
	Beta2 float64
	step  int
	total []float64
	terms [][]float64
}

// NewMoments returns empty moments with decay rate beta2.
func NewMoments(beta2 float64) *Moments { return &Moments{Beta2: beta2} }

// Observe feeds one step's gradients.
func (m *Moments) Observe(gr *graph.Gradients) {
	if m.total == nil {
		m.total = make([]float64, size(gr.Total))
		m.terms = make([][]float64, len(gr.Terms))
		for k := range m.terms {
			m.terms[k] = make([]float64, len(m.total))
		}
	}
	m.step++
	m.average(m.total, gr.Total)
	for k, g := range gr.Terms {
		m.average(m.terms[k], g)
	}
}

func (m *Moments) average(v []float64, ts []*tensor.Dense) {
	off := 0
	for _, t := range ts {
		for _, g := range t.Data().([]float64) {
			v[off] = m.Beta2*v[off] + (1-m.Beta2)*g*g
			off++
		}
	}
}

// Adam returns the bias-corrected second moment of the total gradient,
// flattened, or nil before the first observation.
func (m *Moments) Adam() []float64 { return m.corrected(m.total) }

// Term returns the bias-corrected second moment of term k's gradient,
// flattened, or nil before the first observation.
func (m *Moments) Term(k int) []float64 {
	if k < 0 || k >= len(m.terms) {
		return nil
	}
	return m.corrected(m.terms[k])
}

func (m *Moments) corrected(v []float64) []float64 {
	if m.step == 0 {
		return nil
	}
	c := 1 - math.Pow(m.Beta2, float64(m.step))
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x / c
	}
	return out
}

func size(ts []*tensor.Dense) int {
	n := 0
	for _, t := range ts {
		n += t.Shape().TotalSize()
	}
	return n
}
