package graph

import (
	"fmt"

	"github.com/pkg/errors"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// newInputs returns n-row input buffers for the columns of each site.
func newInputs(sites []Points, n int, dtype tensor.Dtype) []map[string]*tensor.Dense {
	var inputs []map[string]*tensor.Dense
	for _, p := range sites {
		bufs := map[string]*tensor.Dense{}
		for col := range p {
			bufs[col] = tensor.New(tensor.WithShape(n, 1), tensor.Of(dtype))
		}
		inputs = append(inputs, bufs)
	}
	return inputs
}

// compile builds and compiles the graph of tg's term at its input buffers.
func (l *Loss) compile(tg *termGraph) error {
	t := tg.Term
	if t.Name == l.fuse && t.Causal == nil {
		// The statistics' reverse pass of Σ r_i gives the loss gradient
		// too; a term it cannot stand for falls back to its own graph.
		st, err := newSampleStats(l.net, tg.inputs, t.Residuals, true, chains{plain: l.plain})
		if err == nil {
			tg.fused = st
			return nil
		}
		if !errors.Is(err, errUncovered) {
			return err
		}
	}
	return tg.build(l, chains{plain: l.plain})
}

// build builds tg's graph from its term with the chains ch, again where a
// chain hid a shared product, and differentiates and compiles it.
func (tg *termGraph) build(l *Loss, ch chains) error {
	t := tg.Term
	g, err := NewGraph(l.dtype())
	if err != nil {
		return err
	}
	tg.copies = nil
	g.copies = &tg.copies
	ch.use(g)
	tg.g = g
	sites := make([]*Fields, t.sites())
	for s, bufs := range tg.inputs {
		in := map[string]*Node{}
		for col, buf := range bufs {
			in[col] = g.Input(fmt.Sprintf("%s%d", col, s), buf)
		}
		if sites[s], err = NewFields(g, l.net, in); err != nil {
			return err
		}
	}
	var loss *Node
	if t.Causal != nil {
		if loss, err = tg.causalLoss(t.Residuals(sites)); err != nil {
			return err
		}
	} else {
		for _, r := range t.Residuals(sites) {
			loss = g.add0(loss, g.Mean(g.Square(r)))
		}
	}
	if err := g.Err(); err != nil {
		return err
	}
	if loss == nil {
		return errors.New("graph: term has no residual")
	}
	if next, again := ch.next(g); again {
		return tg.build(l, next)
	}
	tg.loss = loss
	if err := tg.differentiate(l.net.Params()); err != nil {
		return err
	}
	roots := []*Node{tg.loss}
	for _, gn := range tg.grads {
		if gn != nil {
			roots = append(roots, gn)
		}
	}
	if tg.vm, err = newMachine(g.Expr(), roots...); err != nil {
		return err
	}
	tg.vm.shareRegisters(roots)
	return nil
}

// differentiate applies Gorgonia's Grad once, to the parameters the loss
// depends on (Grad fails on the others), and lists the gradients in the
// order of ps, the network's parameters: a residual may create the node
// of an unknown coefficient before or without the network's weights.
func (tg *termGraph) differentiate(ps []Param) error {
	reach := reachable(tg.g.Expr(), tg.loss)
	var wrt []*Node
	for _, p := range tg.g.Params() {
		if reach[p] {
			wrt = append(wrt, p)
		}
	}
	if len(wrt) == 0 {
		return errNoParams
	}
	gs, err := gorgonia.Grad(tg.loss, wrt...)
	if err != nil {
		return errors.Wrap(err, "graph: differentiating the loss")
	}
	byNode := map[*Node]*Node{}
	for i, p := range wrt {
		byNode[p] = gs[i]
	}
	for _, p := range ps {
		tg.grads = append(tg.grads, byNode[tg.g.params[p.Value]])
	}
	return nil
}

// reachable returns the nodes that root depends on.
func reachable(eg *gorgonia.ExprGraph, root *Node) map[*Node]bool {
	return reachableAvoiding(eg, root, nil)
}

// reachableAvoiding returns the nodes that root depends on through paths
// that pass no node of blocked.
func reachableAvoiding(eg *gorgonia.ExprGraph, root *Node, blocked map[*Node]bool) map[*Node]bool {
	seen := map[*Node]bool{}
	stack := []*Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] || blocked[n] {
			continue
		}
		seen[n] = true
		it := eg.From(n.ID())
		for it.Next() {
			stack = append(stack, it.Node().(*Node))
		}
	}
	return seen
}
