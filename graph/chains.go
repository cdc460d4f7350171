package graph

import (
	binenc "encoding/binary"
	"hash/fnv"
	"math"
)

// Chains of products in the derivative rules (see fuseops.go). A chain
// hides its products from Gorgonia, which merges equal nodes: where the
// separate ops would have shared a product between two expressions (the
// symmetric terms of a nested product rule, a_x ⊙ b_x twice in (a ⊙ b)”,
// are the common case), its gradient would be summed once at the shared
// node, and with chains twice further down, in another order. So a
// product asked for again after a chain took it is a conflict, and the
// graph is built again with that product, known by its structural key,
// kept out of chains (see chains.next).

// maxRebuilds bounds the builds of one graph with chains; the last build
// after them is plain.
const maxRebuilds = 4

// product is a ⊙ b + p ⊙ q with nil as zero and ones skipped, as
// add0(mul0(a, b), mul0(p, q)) builds it: the product rule. Where both
// products are full ones it is one op in one pass (fuseMulAdd), whose
// value and operands' gradients are bit for bit those of the three ops.
func (g *Graph) product(a, b, p, q *Node) *Node {
	if !g.fuses(a, b, p, q) {
		return g.add0(g.mul0(a, b), g.mul0(p, q))
	}
	k := g.keyOf(opAdd, 0, g.keyOf(opMul, 0, g.skey(a), g.skey(b)), g.keyOf(opMul, 0, g.skey(p), g.skey(q)))
	return g.buildFused(record{kind: opMulAdd, a: a, b: b, p: p, q: q}, k, fuseOp{kind: fuseMulAdd}, a, b, p, q)
}

// mulScale is c·(a ⊙ b), in one op (fuseMulScale) like product.
func (g *Graph) mulScale(a, b *Node, c float64) *Node {
	if !g.fuses(a, b) {
		return g.Scale(c, g.Mul(a, b))
	}
	k := g.keyOf(opScale, c, g.keyOf(opMul, 0, g.skey(a), g.skey(b)), 0)
	return g.buildFused(record{kind: opMulScale, a: a, b: b, c: c}, k, fuseOp{kind: fuseMulScale, c: c}, a, b)
}

// fuses reports whether the products of the operand pairs may go into a
// chain: tensors of one shape (Mul and Scale take scalars through
// Gorgonia's ops), none of them a structural one, no pair a product
// already built, already in a chain or blocked.
func (g *Graph) fuses(ns ...*Node) bool {
	if g.plain || g.err != nil {
		return false
	}
	for _, n := range ns {
		if n == nil || g.ones[n] || n.IsScalar() || !n.Shape().Eq(ns[0].Shape()) || n.Dtype() != ns[0].Dtype() {
			return false
		}
	}
	for i := 0; i < len(ns); i += 2 {
		pair := [2]*Node{ns[i], ns[i+1]}
		if g.muls[pair] || g.parts[pair] || g.blocked[g.keyOf(opMul, 0, g.skey(ns[i]), g.skey(ns[i+1]))] {
			return false
		}
	}
	return true
}

// noteMul records the product a ⊙ b built as a node, and a conflict if a
// chain holds it.
func (g *Graph) noteMul(a, b *Node) {
	pair := [2]*Node{a, b}
	g.muls[pair] = true
	if g.parts[pair] {
		g.conflicts[g.keyOf(opMul, 0, g.skey(a), g.skey(b))] = true
	}
}

// buildFused records the node of the chain op over operands as r, with
// the structural key k of the separate ops' expression, and the operand
// pairs as held by a chain.
func (g *Graph) buildFused(r record, k uint64, op fuseOp, operands ...*Node) *Node {
	for i := 0; i < len(operands); i += 2 {
		g.parts[[2]*Node{operands[i], operands[i+1]}] = true
	}
	n := g.build(r.kind, r.a, r.b, r.c, func() (*Node, error) { return fused(op, operands...) })
	if n != nil {
		rec := g.recs[n]
		rec.p, rec.q = r.p, r.q
		g.recs[n] = rec
		g.keys[n] = k
	}
	return n
}

// skey is n's structural key: equal for the nodes of two builds of one
// graph that compute the same expression of the same named leaves, with
// or without chains.
func (g *Graph) skey(n *Node) uint64 {
	if n == nil {
		return 0
	}
	if k, ok := g.keys[n]; ok {
		return k
	}
	h := fnv.New64a()
	h.Write([]byte(n.Name()))
	k := h.Sum64()
	if r, ok := g.recs[n]; ok && r.kind != opLeaf {
		k = g.keyOf(r.kind, r.c, g.skey(r.a), g.skey(r.b))
	}
	g.keys[n] = k
	return k
}

// keyOf is the structural key of an op of kind with constant c over
// operands of keys ka and kb.
func (g *Graph) keyOf(kind opKind, c float64, ka, kb uint64) uint64 {
	h := fnv.New64a()
	var buf [8]byte
	for _, v := range []uint64{uint64(kind), math.Float64bits(c), ka, kb} {
		binenc.LittleEndian.PutUint64(buf[:], v)
		h.Write(buf[:])
	}
	return h.Sum64()
}

// chains is how one build of a graph uses the chains of fuseops.go: not
// at all when plain, and never over the products blocked; rebuilds counts
// the builds before it. Every graph with chains is built through it: the
// term graphs (termGraph.build) and the statistics graphs (newSampleStats).
type chains struct {
	plain    bool
	blocked  map[uint64]bool
	rebuilds int
}

// use sets g up for this build; the build after maxRebuilds is plain.
func (c chains) use(g *Graph) {
	g.plain, g.blocked = c.plain || c.rebuilds > maxRebuilds, c.blocked
}

// next returns the chains of the build that must follow g's, and true,
// when a chain of g hid a product asked for again: the next build keeps
// those products out of chains too. g needs no other build when it had no
// conflicts or was plain.
func (c chains) next(g *Graph) (chains, bool) {
	if len(g.conflicts) == 0 || g.plain {
		return c, false
	}
	blocked := map[uint64]bool{}
	for k := range g.blocked {
		blocked[k] = true
	}
	for k := range g.conflicts {
		blocked[k] = true
	}
	return chains{plain: c.plain, blocked: blocked, rebuilds: c.rebuilds + 1}, true
}
