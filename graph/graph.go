package graph

import (
	"fmt"

	"github.com/pkg/errors"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Node is a node of a Gorgonia expression graph.
type Node = gorgonia.Node

// opKind names the operations a Graph knows how to differentiate.
type opKind int

const (
	opLeaf opKind = iota
	opAdd
	opSub
	opMul
	opDiv
	opNeg
	opScale // c · a
	opShift // a + c
	opTanh
	opSin
	opCos
	opExp
	opMatMul // a · b (matrix product)
	opAddRow // a (n×m) + b (1×m) broadcast over rows
	opMulRow // a (n×1) ⊙ b (1×m) broadcast to n×m
	opSlope  // 1 − a², the derivative of tanh at tanh's value a
	opLog
	opSqrt
	opAbs
	opSign     // −1, 0 or 1, the derivative of abs
	opPowReal  // a^c for a real exponent c
	opMean     // the mean of all elements: not differentiable by D
	opMulScale // (a ⊙ b)·c in one op (see Graph.product)
	opMulAdd   // a ⊙ b + p ⊙ q in one op
)

// record is how a node was built.
type record struct {
	kind opKind
	a, b *Node
	p, q *Node // the second product of opMulAdd
	c    float64
}

// Graph is a Gorgonia expression graph that remembers how each of its nodes
// was built, so that it can differentiate them with respect to its inputs.
// Its methods keep the first error and return nil afterwards; Err reports it.
type Graph struct {
	eg     *gorgonia.ExprGraph
	dtype  tensor.Dtype
	recs   map[*Node]record
	diffs  map[[2]*Node]*Node
	ones   map[*Node]bool
	params map[*tensor.Dense]*Node
	inputs map[*Node]bool
	order  []*Node    // parameter nodes in creation order
	probes *[]useSite // non-nil: parameter use sites get zero probes (see moments.go)
	// copies, when non-nil, makes the graph bind private copies of its
	// parameters and inputs, recorded here to be refreshed before a run,
	// so that its machine can run beside other graphs' (the loss terms'
	// and the per-sample statistics' graphs do).
	copies *[]tensorCopy
	// plain builds every product, sum and scaling of the derivative rules
	// and of tanh's reverse pass as an op of its own, as before the chains
	// of fuseops.go: the graph the chains are checked against.
	plain bool
	// muls are the operand pairs of the element-wise products built as
	// nodes, parts those inside chains; conflicts are the structural keys
	// of products asked for after a chain took them, blocked those kept
	// out of chains in this build, keys the nodes' structural keys (see
	// chains.go).
	muls, parts        map[[2]*Node]bool
	conflicts, blocked map[uint64]bool
	keys               map[*Node]uint64
	err                error
}

// tensorCopy is a graph's private copy dst of a shared tensor src.
type tensorCopy struct{ dst, src *tensor.Dense }

// refresh copies each shared tensor into its private copy. Reading the
// shared tensors is safe while other graphs run: each graph's machine
// touches only its own copies.
func refresh(copies []tensorCopy) {
	for _, c := range copies {
		copyRows(c.dst, c.src, 0)
	}
}

// bind returns the tensor a new parameter or input node holds: t itself,
// or a private copy of it when the graph keeps copies.
func (g *Graph) bind(t *tensor.Dense) *tensor.Dense {
	if g.copies == nil {
		return t
	}
	c := t.Clone().(*tensor.Dense)
	*g.copies = append(*g.copies, tensorCopy{dst: c, src: t})
	return c
}

// NewGraph returns an empty graph whose values have the given dtype
// (tensor.Float64 or tensor.Float32).
func NewGraph(dtype tensor.Dtype) (*Graph, error) {
	if dtype != tensor.Float64 && dtype != tensor.Float32 {
		return nil, errors.Errorf("graph: unsupported dtype %v (want float64 or float32)", dtype)
	}
	return &Graph{
		eg:        gorgonia.NewGraph(),
		dtype:     dtype,
		recs:      map[*Node]record{},
		diffs:     map[[2]*Node]*Node{},
		ones:      map[*Node]bool{},
		params:    map[*tensor.Dense]*Node{},
		inputs:    map[*Node]bool{},
		muls:      map[[2]*Node]bool{},
		parts:     map[[2]*Node]bool{},
		conflicts: map[uint64]bool{},
		keys:      map[*Node]uint64{},
	}, nil
}

// Expr returns the underlying Gorgonia graph.
func (g *Graph) Expr() *gorgonia.ExprGraph { return g.eg }

// Dtype returns the dtype of the graph's values.
func (g *Graph) Dtype() tensor.Dtype { return g.dtype }

// Err returns the first error met while building the graph.
func (g *Graph) Err() error { return g.err }

// fail keeps the first error.
func (g *Graph) fail(err error) *Node {
	if g.err == nil {
		g.err = err
	}
	return nil
}

// ok reports whether building may go on with the given operands.
func (g *Graph) ok(ns ...*Node) bool {
	if g.err != nil {
		return false
	}
	for _, n := range ns {
		if n == nil {
			g.fail(errors.New("graph: nil operand"))
			return false
		}
	}
	return true
}

// Input adds an n×1 input column named name, bound to data (which the
// caller may overwrite between runs). len(data) must equal rows.
func (g *Graph) Input(name string, data *tensor.Dense) *Node {
	if g.err != nil {
		return nil
	}
	if s := data.Shape(); len(s) != 2 || s[1] != 1 || data.Dtype() != g.dtype {
		return g.fail(errors.Errorf("graph: input %q must be an n×1 %v tensor, got %v %v", name, g.dtype, s, data.Dtype()))
	}
	n := gorgonia.NewMatrix(g.eg, g.dtype, gorgonia.WithShape(data.Shape()...), gorgonia.WithName(name), gorgonia.WithValue(g.bind(data)))
	g.recs[n] = record{kind: opLeaf}
	g.inputs[n] = true
	return n
}

// Param returns the node of a trainable parameter, bound to value itself so
// that every graph sharing value sees a solver's in-place updates (or, in
// the graphs of a Loss, to a private copy refreshed before each run).
func (g *Graph) Param(name string, value *tensor.Dense) *Node {
	if g.err != nil {
		return nil
	}
	if n, ok := g.params[value]; ok {
		return n
	}
	if value.Dtype() != g.dtype || value.Dims() != 2 {
		return g.fail(errors.Errorf("graph: parameter %q must be a %v matrix, got %v %v", name, g.dtype, value.Shape(), value.Dtype()))
	}
	n := gorgonia.NewMatrix(g.eg, g.dtype, gorgonia.WithShape(value.Shape()...), gorgonia.WithName(name), gorgonia.WithValue(g.bind(value)))
	g.recs[n] = record{kind: opLeaf}
	g.params[value] = n
	g.order = append(g.order, n)
	return n
}

// Params returns the parameter nodes in the order they were added.
func (g *Graph) Params() []*Node { return g.order }

// Scalar returns a scalar constant.
func (g *Graph) Scalar(c float64) *Node {
	if g.err != nil {
		return nil
	}
	n := scalarConstant(g.eg, g.dtype, c)
	g.recs[n] = record{kind: opLeaf}
	return n
}

// scalarConstant adds the scalar constant c of the given dtype to eg.
// Gorgonia merges constants by printed name: they are named exactly.
func scalarConstant(eg *gorgonia.ExprGraph, dtype tensor.Dtype, c float64) *Node {
	name := gorgonia.WithName(fmt.Sprintf("c%.17g", c))
	if dtype == tensor.Float32 {
		return eg.AddNode(gorgonia.NewConstant(float32(c), name))
	}
	return eg.AddNode(gorgonia.NewConstant(c, name))
}

// filled returns a constant of the given shape with every element c.
func (g *Graph) filled(shape tensor.Shape, c float64) *Node {
	if g.err != nil {
		return nil
	}
	var t *tensor.Dense
	if g.dtype == tensor.Float32 {
		t = tensor.New(tensor.WithShape(shape...), tensor.Of(tensor.Float32))
		t.Memset(float32(c))
	} else {
		t = tensor.New(tensor.WithShape(shape...), tensor.Of(tensor.Float64))
		t.Memset(c)
	}
	n := g.eg.AddNode(gorgonia.NewConstant(t, gorgonia.WithName(fmt.Sprintf("fill%v_%.17g", shape, c))))
	g.recs[n] = record{kind: opLeaf}
	return n
}

// build records the node that f builds from a and b.
func (g *Graph) build(kind opKind, a, b *Node, c float64, f func() (*Node, error)) *Node {
	n, err := f()
	if err != nil {
		return g.fail(errors.Wrapf(err, "graph: building %v", kindNames[kind]))
	}
	// Gorgonia may hand back an existing node, e.g. a for Neg(Neg(a)):
	// that node's own record stays, or D would follow a cycle.
	if _, ok := g.recs[n]; !ok {
		g.recs[n] = record{kind: kind, a: a, b: b, c: c}
	}
	return n
}

var kindNames = [...]string{"leaf", "add", "sub", "mul", "div", "neg", "scale", "shift", "tanh", "sin", "cos", "exp", "matmul", "addrow", "mulrow", "slope", "log", "sqrt", "abs", "sign", "pow", "mean", "mulscale", "muladd"}

func (g *Graph) sameShape(kind opKind, a, b *Node) bool {
	if !a.Shape().Eq(b.Shape()) {
		g.fail(errors.Errorf("graph: %v of shapes %v and %v", kindNames[kind], a.Shape(), b.Shape()))
		return false
	}
	return true
}

// Add returns a + b (same shapes).
func (g *Graph) Add(a, b *Node) *Node {
	if !g.ok(a, b) || !g.sameShape(opAdd, a, b) {
		return nil
	}
	return g.build(opAdd, a, b, 0, func() (*Node, error) { return binary(binAdd, a, b) })
}

// Sub returns a − b (same shapes).
func (g *Graph) Sub(a, b *Node) *Node {
	if !g.ok(a, b) || !g.sameShape(opSub, a, b) {
		return nil
	}
	return g.build(opSub, a, b, 0, func() (*Node, error) { return binary(binSub, a, b) })
}

// Mul returns the element-wise product a ⊙ b (same shapes).
func (g *Graph) Mul(a, b *Node) *Node {
	if !g.ok(a, b) || !g.sameShape(opMul, a, b) {
		return nil
	}
	g.noteMul(a, b)
	return g.build(opMul, a, b, 0, func() (*Node, error) { return binary(binMul, a, b) })
}

// Div returns the element-wise quotient a ⊘ b (same shapes).
func (g *Graph) Div(a, b *Node) *Node {
	if !g.ok(a, b) || !g.sameShape(opDiv, a, b) {
		return nil
	}
	return g.build(opDiv, a, b, 0, func() (*Node, error) { return gorgonia.HadamardDiv(a, b) })
}

// Neg returns −a.
func (g *Graph) Neg(a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	// −1 · a rather than Gorgonia's Neg: its unary ops have no
	// preallocated path and allocate their result on every run, while a
	// product writes into its register (see machine).
	return g.build(opNeg, a, nil, 0, func() (*Node, error) { return binary(binScale, g.Scalar(-1), a) })
}

// Scale returns c · a for a constant c.
func (g *Graph) Scale(c float64, a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	if c == 1 {
		return a
	}
	s := g.Scalar(c)
	return g.build(opScale, a, nil, c, func() (*Node, error) { return binary(binScale, s, a) })
}

// Shift returns a + c for a constant c.
func (g *Graph) Shift(a *Node, c float64) *Node {
	if !g.ok(a) {
		return nil
	}
	if c == 0 {
		return a
	}
	s := g.Scalar(c)
	return g.build(opShift, a, nil, c, func() (*Node, error) { return gorgonia.Add(a, s) })
}

// Square returns a ⊙ a.
func (g *Graph) Square(a *Node) *Node { return g.Mul(a, a) }

// Pow returns a raised to a non-negative integer power by repeated products.
func (g *Graph) Pow(a *Node, p int) *Node {
	if !g.ok(a) {
		return nil
	}
	if p < 0 {
		return g.fail(errors.Errorf("graph: Pow with negative exponent %d", p))
	}
	if p == 0 {
		return g.filled(a.Shape(), 1)
	}
	r := a
	for i := 1; i < p; i++ {
		r = g.Mul(r, a)
	}
	return r
}

// Tanh returns tanh(a) element-wise.
func (g *Graph) Tanh(a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	return g.build(opTanh, a, nil, 0, func() (*Node, error) { return unary(unaryOp{kind: unaryTanh, plain: g.plain}, a) })
}

// slope returns 1 − a², the derivative of tanh where tanh has the value a;
// its own derivative is −2 a ⊙ a'.
func (g *Graph) slope(a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	return g.build(opSlope, a, nil, 0, func() (*Node, error) { return unary(unaryOp{kind: unarySlope, plain: g.plain}, a) })
}

// Sin returns sin(a) element-wise.
func (g *Graph) Sin(a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	return g.build(opSin, a, nil, 0, func() (*Node, error) { return unary(unaryOp{kind: unarySin}, a) })
}

// Cos returns cos(a) element-wise.
func (g *Graph) Cos(a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	return g.build(opCos, a, nil, 0, func() (*Node, error) { return unary(unaryOp{kind: unaryCos}, a) })
}

// Exp returns exp(a) element-wise.
func (g *Graph) Exp(a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	return g.build(opExp, a, nil, 0, func() (*Node, error) { return unary(unaryOp{kind: unaryExp}, a) })
}

// MatMul returns the matrix product a · b of an n×k and a k×m matrix, k > 1.
func (g *Graph) MatMul(a, b *Node) *Node {
	if !g.ok(a, b) {
		return nil
	}
	sa, sb := a.Shape(), b.Shape()
	if len(sa) != 2 || len(sb) != 2 || sa[1] != sb[0] || sa[1] < 2 {
		// Gorgonia treats n×1 and 1×m operands as vectors (a dot product):
		// inner dimension 1 must go through MulRow.
		return g.fail(errors.Errorf("graph: MatMul of shapes %v and %v (inner dimension must match and exceed 1)", sa, sb))
	}
	return g.probed(opMatMul, a, b, g.build(opMatMul, a, b, 0, func() (*Node, error) { return gorgonia.Mul(a, b) }))
}

// AddRow returns a + b with the 1×m row b added to every row of the n×m a.
func (g *Graph) AddRow(a, b *Node) *Node {
	if !g.ok(a, b) {
		return nil
	}
	sa, sb := a.Shape(), b.Shape()
	if len(sa) != 2 || len(sb) != 2 || sb[0] != 1 || sa[1] != sb[1] {
		return g.fail(errors.Errorf("graph: AddRow of shapes %v and %v", sa, sb))
	}
	if sa[0] == 1 {
		return g.Add(a, b)
	}
	return g.probed(opAddRow, a, b, g.build(opAddRow, a, b, 0, func() (*Node, error) { return gorgonia.ApplyOp(rowOp{rowAdd}, a, b) }))
}

// MulRow returns the n×m outer product of the n×1 column a and the 1×m row b.
func (g *Graph) MulRow(a, b *Node) *Node {
	if !g.ok(a, b) {
		return nil
	}
	sa, sb := a.Shape(), b.Shape()
	if len(sa) != 2 || len(sb) != 2 || sa[1] != 1 || sb[0] != 1 {
		return g.fail(errors.Errorf("graph: MulRow of shapes %v and %v", sa, sb))
	}
	return g.probed(opMulRow, a, b, g.build(opMulRow, a, b, 0, func() (*Node, error) { return gorgonia.ApplyOp(rowOp{rowOuter}, a, b) }))
}

// Mean returns the mean of all elements of a as a scalar node. It ends a
// differentiable chain: D does not go through it.
func (g *Graph) Mean(a *Node) *Node {
	if !g.ok(a) {
		return nil
	}
	return g.build(opMean, a, nil, 0, func() (*Node, error) { return gorgonia.Mean(a) })
}
