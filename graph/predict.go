package graph

import (
	"github.com/pkg/errors"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Predictor evaluates a network on any number of points, chunk by chunk,
// through one compiled forward graph.
type Predictor struct {
	net    Network
	chunk  int
	inputs map[string]*tensor.Dense
	outs   []*Node
	vm     *machine
}

// NewPredictor compiles net's forward graph for chunks of the given size.
// By default it returns the network outputs; outputs, when not nil, builds
// other columns from the fields (such as derivatives).
func NewPredictor(net Network, chunk int, outputs func(f *Fields) []*Node) (*Predictor, error) {
	return newPredictor(net, chunk, net.Inputs(), outputs)
}

// newPredictor is NewPredictor reading the given columns, which must
// include the network's inputs and may add data columns the outputs read
// (a term's forcing, when its residual is evaluated).
func newPredictor(net Network, chunk int, columns []string, outputs func(f *Fields) []*Node) (*Predictor, error) {
	if chunk < 1 {
		return nil, errors.Errorf("graph: predictor chunk %d must be positive", chunk)
	}
	ps := net.Params()
	dtype := tensor.Float64
	if len(ps) > 0 {
		dtype = ps[0].Value.Dtype()
	}
	g, err := NewGraph(dtype)
	if err != nil {
		return nil, err
	}
	p := &Predictor{net: net, chunk: chunk, inputs: map[string]*tensor.Dense{}}
	in := map[string]*Node{}
	for _, c := range columns {
		p.inputs[c] = tensor.New(tensor.WithShape(chunk, 1), tensor.Of(dtype))
		in[c] = g.Input(c, p.inputs[c])
	}
	f, err := NewFields(g, net, in)
	if err != nil {
		return nil, err
	}
	p.outs = f.out
	if outputs != nil {
		p.outs = outputs(f)
	}
	if err := g.Err(); err != nil {
		return nil, err
	}
	if p.outs, err = keepLive(g.Expr(), p.outs); err != nil {
		return nil, err
	}
	if p.vm, err = newMachine(g.Expr()); err != nil {
		return nil, err
	}
	return p, nil
}

// Predict returns one slice per output column, each with pts.Len() values.
func (p *Predictor) Predict(pts Points) ([][]float64, error) {
	n := pts.Len()
	for c := range p.inputs {
		if len(pts[c]) != n {
			return nil, errors.Errorf("graph: predict: column %q has %d points, want %d", c, len(pts[c]), n)
		}
	}
	out := make([][]float64, len(p.outs))
	for k := range out {
		out[k] = make([]float64, n)
	}
	for lo := 0; lo < n; lo += p.chunk {
		m := min(p.chunk, n-lo)
		for c, buf := range p.inputs {
			col := pts[c]
			// Pad a short last chunk with its first point.
			setColumn(buf, func(i int) float64 {
				if i < m {
					return col[lo+i]
				}
				return col[lo]
			})
		}
		if err := p.vm.run(); err != nil {
			return nil, errors.Wrap(err, "graph: predict")
		}
		for k, o := range p.outs {
			readColumn(o.Value(), out[k][lo:lo+m])
		}
	}
	return out, nil
}

// keepLive replaces each output that other nodes use by a copy 1·o that
// nothing uses: the tape machine's register allocator frees an
// intermediate node's register after its last use, so an output that
// another output is built from (u in [u, log(u² + 1/2)]) would read a
// later node's value. Outputs nothing uses stay as they are: copying
// every output made a 3×64 network's u, u_x, u_xx take 2–3 times as long
// (BenchmarkPredictor, interleaved rounds on a loaded machine).
func keepLive(eg *gorgonia.ExprGraph, outs []*Node) ([]*Node, error) {
	kept := make([]*Node, len(outs))
	for k, o := range outs {
		if eg.To(o.ID()).Len() == 0 {
			kept[k] = o
			continue
		}
		c, err := gorgonia.HadamardProd(constant(o, 1), o)
		if err != nil {
			return nil, errors.Wrapf(err, "graph: predictor output %d", k)
		}
		kept[k] = c
	}
	return kept, nil
}

// readColumn copies the first len(dst) values of v into dst.
func readColumn(v gorgonia.Value, dst []float64) {
	switch d := v.Data().(type) {
	case []float64:
		copy(dst, d)
	case []float32:
		for i := range dst {
			dst[i] = float64(d[i])
		}
	}
}
