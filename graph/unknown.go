package graph

import (
	"fmt"
	"math"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"
)

// Unknown is a coefficient of a PDE learned with the network, as in an
// inverse problem (DeepXDE's dde.Variable): a trainable scalar, or a small
// vector of them, declared in MLPConfig.Unknowns and read in a residual
// with Fields.Unknown or Fields.UnknownAt. It is a parameter of the network
// like its weights, so every solver, per-term gradient, per-sample
// statistic and checkpoint includes it.
type Unknown struct {
	Name string
	// Init is the starting value, one element per component; nil is a
	// scalar (or, with True, a vector of True's length) starting at 0, or
	// at 1 when Positive.
	Init []float64
	// True is the value the unknown should reach, when known: reported
	// beside the learned value, never trained on.
	True []float64
	// Positive trains the logarithm of the value, which then stays
	// positive and moves by relative steps: a coefficient of order 1e-3,
	// such as a viscosity, is otherwise lost among order-one weights
	// (Raissi et al. 2019 learn Burgers' viscosity as exp(λ)).
	Positive bool
}

// Size returns the number of components.
func (u Unknown) Size() int {
	return max(len(u.Init), len(u.True), 1)
}

// validate checks the unknown's name and lengths.
func (u Unknown) validate() error {
	if u.Name == "" {
		return errors.New("graph: an unknown needs a name")
	}
	if u.Init != nil && u.True != nil && len(u.Init) != len(u.True) {
		return errors.Errorf("graph: unknown %q has %d initial values and %d true values", u.Name, len(u.Init), len(u.True))
	}
	for _, v := range append(append([]float64(nil), u.Init...), u.True...) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.Errorf("graph: unknown %q has a non-finite value %v", u.Name, v)
		}
		if u.Positive && !(v > 0) {
			return errors.Errorf("graph: unknown %q is positive but has the value %v", u.Name, v)
		}
	}
	return nil
}

// start returns the starting value of the parameter of component i: the
// initial value, or its logarithm when the unknown is positive.
func (u Unknown) start(i int) float64 {
	switch {
	case u.Init != nil && u.Positive:
		return math.Log(u.Init[i])
	case u.Init != nil:
		return u.Init[i]
	}
	return 0 // 0, or log 1
}

// ParamName returns the name of the parameter holding component i: the
// unknown's name for a scalar, NAME[i] for a vector.
func (u Unknown) ParamName(i int) string {
	if u.Size() == 1 {
		return u.Name
	}
	return fmt.Sprintf("%s[%d]", u.Name, i)
}

// unknownParams returns one 1×1 parameter per component of each unknown,
// marked Unknown. A component is its own parameter, not an element of a
// 1×k one, so that a residual reads it without slicing (whose Gorgonia
// gradient is unreliable).
func unknownParams(us []Unknown, dtype tensor.Dtype, taken map[string]bool) ([]Param, error) {
	var ps []Param
	for _, u := range us {
		if err := u.validate(); err != nil {
			return nil, err
		}
		for i := range u.Size() {
			name := u.ParamName(i)
			if taken[name] {
				return nil, errors.Errorf("graph: unknown %q: the name %q is taken by another parameter", u.Name, name)
			}
			taken[name] = true
			t := tensor.New(tensor.WithShape(1, 1), tensor.Of(dtype))
			setColumn(t, func(int) float64 { return u.start(i) })
			ps = append(ps, Param{Name: name, Value: t, Unknown: true, positive: u.Positive})
		}
	}
	return ps, nil
}

// UnknownValue returns the current value of net's unknown u, one element
// per component.
func UnknownValue(net Network, u Unknown) ([]float64, error) {
	out := make([]float64, u.Size())
	for i := range out {
		p, err := findUnknown(net.Params(), u.ParamName(i))
		if err != nil {
			return nil, err
		}
		v := make([]float64, 1)
		readColumn(p.Value, v)
		out[i] = v[0]
		if u.Positive {
			out[i] = math.Exp(v[0])
		}
	}
	return out, nil
}

// findUnknown returns the unknown's parameter called name.
func findUnknown(ps []Param, name string) (Param, error) {
	var declared []string
	for _, p := range ps {
		if !p.Unknown {
			continue
		}
		if p.Name == name {
			return p, nil
		}
		declared = append(declared, p.Name)
	}
	return Param{}, errors.Errorf("graph: no unknown %q is declared (declared: %q); declare it in MLPConfig.Unknowns (or residuals.Problem.Unknowns)", name, declared)
}

// Unknown returns the scalar unknown called name as a column, its value at
// every point, to be used in a residual like any other node. The unknown
// must be declared in the network's MLPConfig.Unknowns.
func (f *Fields) Unknown(name string) *Node {
	return f.unknownColumn(name)
}

// UnknownAt returns component i of the vector unknown called name as a
// column (see Unknown).
func (f *Fields) UnknownAt(name string, i int) *Node {
	return f.unknownColumn(fmt.Sprintf("%s[%d]", name, i))
}

// unknownColumn is the n×1 outer product of a column of ones and the 1×1
// parameter (its exponential for a positive unknown): a use of the
// parameter that D differentiates to zero and the per-sample statistics
// see as a probed product.
func (f *Fields) unknownColumn(param string) *Node {
	if f.err != nil {
		return nil
	}
	if f.net == nil {
		return f.fail(errors.Errorf("graph: unknown %q read from fields made without a network", param))
	}
	p, err := findUnknown(f.net.Params(), param)
	if err != nil {
		return f.fail(err)
	}
	c := f.MulRow(f.filled(tensor.Shape{f.rows(), 1}, 1), f.Param(p.Name, p.Value))
	if p.positive {
		return f.Exp(c)
	}
	return c
}
