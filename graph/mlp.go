package graph

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/pkg/errors"
	"gorgonia.org/tensor"
)

// MLPConfig describes a fully connected network.
type MLPConfig struct {
	Inputs     []string     // input column names, e.g. {"x", "t"}
	Outputs    int          // number of outputs; 0 means 1
	Width      int          // units per hidden layer
	Depth      int          // number of hidden layers
	Activation string       // "tanh" (default) or "sin"
	Dtype      tensor.Dtype // tensor.Float64 (default) or tensor.Float32
	Seed       uint64       // seed of the Glorot-normal initialisation
	// Modified gates every hidden layer with two input encoders (see
	// modified.go); false is the plain fully connected network.
	Modified bool
	// Unknowns are PDE coefficients trained with the network, after its
	// weights in Params (see Unknown).
	Unknowns []Unknown
}

// MLP is a fully connected network with Glorot-normal weights and zero biases.
// Its first layer keeps one weight row per input, x·W_x + t·W_t + b, because
// Gorgonia's gradient of a concatenation of inputs is unreliable.
type MLP struct {
	cfg    MLPConfig
	act    func(g *Graph, a *Node) *Node
	params []Param // weights and biases
	all    []Param // params, then the unknowns' components
}

// NewMLP returns a network initialised from cfg.Seed.
func NewMLP(cfg MLPConfig) (*MLP, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Outputs == 0 {
		cfg.Outputs = 1
	}
	if cfg.Dtype == (tensor.Dtype{}) {
		cfg.Dtype = tensor.Float64
	}
	m := &MLP{cfg: cfg, act: (*Graph).Tanh}
	if cfg.Activation == "" {
		m.cfg.Activation = "tanh"
	}
	if cfg.Activation == "sin" {
		m.act = (*Graph).Sin
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15))
	d, w := len(cfg.Inputs), cfg.Width
	for _, in := range cfg.Inputs {
		m.add(fmt.Sprintf("W0_%s", in), 1, w, glorot(d, w), rng)
	}
	m.add("b0", 1, w, 0, rng)
	for l := 1; l < cfg.Depth; l++ {
		m.add(fmt.Sprintf("W%d", l), w, w, glorot(w, w), rng)
		m.add(fmt.Sprintf("b%d", l), 1, w, 0, rng)
	}
	for k := 0; k < cfg.Outputs; k++ {
		// One weight column per output: slicing a joint output is avoided
		// for the same reason as concatenating inputs.
		m.add(fmt.Sprintf("Wout%d", k), w, 1, glorot(w, cfg.Outputs), rng)
		m.add(fmt.Sprintf("bout%d", k), 1, 1, 0, rng)
	}
	if cfg.Modified {
		m.addGates(rng)
	}
	taken := map[string]bool{}
	for _, p := range m.params {
		taken[p.Name] = true
	}
	unknowns, err := unknownParams(cfg.Unknowns, cfg.Dtype, taken)
	if err != nil {
		return nil, err
	}
	m.all = append(append([]Param(nil), m.params...), unknowns...)
	return m, nil
}

// Validate checks the configuration without allocating the network, so
// that a run can be checked before it is built.
func (cfg MLPConfig) Validate() error {
	if len(cfg.Inputs) == 0 {
		return errors.New("graph: MLP needs at least one input")
	}
	seen := map[string]bool{}
	for _, in := range cfg.Inputs {
		if in == "" || seen[in] {
			return errors.Errorf("graph: MLP input names must be distinct and non-empty, got %q", cfg.Inputs)
		}
		seen[in] = true
	}
	if outputs := cmp.Or(cfg.Outputs, 1); outputs < 0 || cfg.Width < 2 || cfg.Depth < 1 {
		return errors.Errorf("graph: MLP needs width ≥ 2, depth ≥ 1 and outputs ≥ 1, got width %d depth %d outputs %d", cfg.Width, cfg.Depth, outputs)
	}
	if cfg.Dtype != (tensor.Dtype{}) && cfg.Dtype != tensor.Float64 && cfg.Dtype != tensor.Float32 {
		return errors.Errorf("graph: MLP dtype %v (want float64 or float32)", cfg.Dtype)
	}
	if cfg.Activation != "" && cfg.Activation != "tanh" && cfg.Activation != "sin" {
		return errors.Errorf("graph: unknown activation %q (want tanh or sin)", cfg.Activation)
	}
	return nil
}

// glorot is the standard deviation of Glorot-normal initialisation.
func glorot(fanIn, fanOut int) float64 { return math.Sqrt(2 / float64(fanIn+fanOut)) }

func (m *MLP) add(name string, rows, cols int, std float64, rng *rand.Rand) {
	t := tensor.New(tensor.WithShape(rows, cols), tensor.Of(m.cfg.Dtype))
	switch data := t.Data().(type) {
	case []float64:
		for i := range data {
			data[i] = std * rng.NormFloat64()
		}
	case []float32:
		for i := range data {
			data[i] = float32(std * rng.NormFloat64())
		}
	}
	m.params = append(m.params, Param{Name: name, Value: t})
}

// Config returns the configuration the network was built from.
func (m *MLP) Config() MLPConfig { return m.cfg }

// Inputs names the input columns.
func (m *MLP) Inputs() []string { return m.cfg.Inputs }

// Outputs is the number of output columns.
func (m *MLP) Outputs() int { return m.cfg.Outputs }

// Params lists the weights and biases, first layer first, then the
// components of the unknowns.
func (m *MLP) Params() []Param { return m.all }

// Apply adds the network to g.
func (m *MLP) Apply(g *Graph, in map[string]*Node) ([]*Node, error) {
	p := func(i int) *Node { return g.Param(m.params[i].Name, m.params[i].Value) }
	var z *Node
	for i, name := range m.cfg.Inputs {
		x, ok := in[name]
		if !ok {
			return nil, errors.Errorf("graph: MLP input %q missing", name)
		}
		z = g.add0(z, g.MulRow(x, p(i)))
	}
	v, uMinusV, err := m.gates(g, in)
	if err != nil {
		return nil, err
	}
	k := len(m.cfg.Inputs)
	h := gate(g, m.act(g, g.AddRow(z, p(k))), v, uMinusV)
	k++
	for l := 1; l < m.cfg.Depth; l++ {
		h = gate(g, m.act(g, g.AddRow(g.MatMul(h, p(k)), p(k+1))), v, uMinusV)
		k += 2
	}
	outs := make([]*Node, m.cfg.Outputs)
	for o := range outs {
		outs[o] = g.AddRow(g.MatMul(h, p(k)), p(k+1))
		k += 2
	}
	if err := g.Err(); err != nil {
		return nil, err
	}
	return outs, nil
}
