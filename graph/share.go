package graph

import (
	"reflect"
	"slices"
	"unsafe"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Sharing of registers between intermediate values whose lifetimes do not
// overlap.
//
// Gorgonia's register allocator gives every node a register of its own
// but where an op works in place, so the Burgers interior graph (n = 1024,
// float32) holds 138 registers, 21 MB, most of them 1024×64 tensors. A
// step is bound by memory traffic, every element-wise pass streaming its
// operands and its result, and with a working set that large each result
// goes to lines the caches dropped long ago. Pointing registers that are
// never live at once to one tensor leaves the program and its roundings
// as they were and cuts the working set to the values live at once (8 MB
// for that graph); each result then goes to the most recently freed
// tensor of its shape, the one most likely still in cache.

// minShared is the fewest elements of a register worth sharing.
const minShared = 256

// instrUse is the registers one instruction of a tape program reads and
// writes.
type instrUse struct {
	kind   string // the instruction's type: execOp, loadArg, alloc, readInstr, free, flushInstr
	node   int64  // the node an execOp computes
	reads  []int
	writes int // -1 for none
}

// programUse lists the registers each instruction of vm's program uses,
// read through reflect from Gorgonia's unexported fields (go.mod pins
// v0.9.18); false if the program is not as expected, or uses a device.
func programUse(vm gorgonia.VM) ([]instrUse, bool) {
	p := reflect.ValueOf(vm).Elem().FieldByName("p")
	if !p.IsValid() || p.Kind() != reflect.Pointer || p.IsNil() {
		return nil, false
	}
	instrs := p.Elem().FieldByName("instructions")
	if !instrs.IsValid() || instrs.Kind() != reflect.Slice {
		return nil, false
	}
	uses := make([]instrUse, instrs.Len())
	for i := range uses {
		v := instrs.Index(i)
		for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		u := instrUse{kind: v.Type().Name(), writes: -1}
		ok := true
		switch u.kind {
		case "execOp":
			rs := v.FieldByName("readFrom")
			for j := 0; ok && j < rs.Len(); j++ {
				var r int
				r, ok = cpuRegister(rs.Index(j))
				u.reads = append(u.reads, r)
			}
			u.node = v.FieldByName("id").Int()
			if ok {
				u.writes, ok = cpuRegister(v.FieldByName("writeTo"))
			}
		case "loadArg", "alloc":
			u.writes, ok = cpuRegister(v.FieldByName("writeTo"))
		case "readInstr":
			var r int
			r, ok = cpuRegister(v.FieldByName("readFrom"))
			u.reads = []int{r}
		case "free", "flushInstr":
		default:
			ok = false
		}
		if !ok {
			return nil, false
		}
		uses[i] = u
	}
	return uses, true
}

// cpuRegister returns the index of the register r, a Gorgonia register
// value, if it is in CPU memory.
func cpuRegister(r reflect.Value) (int, bool) {
	if !r.IsValid() || r.Kind() != reflect.Struct {
		return 0, false
	}
	id, dev := r.FieldByName("id"), r.FieldByName("device")
	if !id.IsValid() || id.Kind() != reflect.Int || !dev.IsValid() || dev.Int() != int64(gorgonia.CPU) {
		return 0, false
	}
	return int(id.Int()), true
}

// cpuMemory returns the tape machine's registers.
func cpuMemory(vm gorgonia.VM) ([]gorgonia.Value, bool) {
	f := reflect.ValueOf(vm).Elem().FieldByName("cpumem")
	if !f.IsValid() || f.Type() != reflect.TypeOf([]gorgonia.Value(nil)) {
		return nil, false
	}
	return *(*[]gorgonia.Value)(unsafe.Pointer(f.UnsafeAddr())), true
}

// share points the registers of m's program whose values are never live
// at once to common tensors and returns how many it pointed elsewhere. It
// runs after a run, which allocated every register. A register may share
// when it holds a dense tensor of its own of at least minShared elements,
// is written only by ops with an UsePreallocDo (which writes the register's
// tensor on later runs; the others replace it) of the tensor's shape, and
// is not an input's (loadArg) or a value read after the run (the nodes
// read); a Read statement copies its value out when it runs. Its lifetime
// runs from its first write (an alloc instruction before a product) to its
// last read, so no op writes a tensor that it also reads. Like keeping
// registers from run to run (see machine), this relies on every op
// overwriting its destination; TestSharedRegistersExactly checks the
// results bit for bit against unshared registers.
func (m *machine) share(read []*Node) int {
	uses, ok := programUse(m.vm)
	if !ok {
		return 0
	}
	mem, ok := cpuMemory(m.vm)
	if !ok {
		return 0
	}
	isRead := map[int64]bool{}
	for _, n := range read {
		isRead[n.ID()] = true
	}
	first, last := make([]int, len(mem)), make([]int, len(mem))
	for r := range first {
		first[r], last[r] = -1, -1
	}
	barred := make([]bool, len(mem))
	for i, u := range uses {
		for _, r := range u.reads {
			if r >= len(mem) {
				return 0
			}
			last[r] = i
		}
		r := u.writes
		if r < 0 {
			continue
		}
		if r >= len(mem) {
			return 0
		}
		if first[r] < 0 {
			first[r] = i
		}
		switch u.kind {
		case "loadArg":
			barred[r] = true
		case "execOp":
			n, _ := m.g.Node(u.node).(*Node)
			d, _ := mem[r].(*tensor.Dense)
			_, prealloc := opOf(n).(gorgonia.UsePreallocDoer)
			if n == nil || isRead[u.node] || d == nil || !prealloc || !d.Shape().Eq(n.Shape()) {
				barred[r] = true
			}
		}
	}
	// A tensor in two registers (an op that handed back its operand) is
	// neither's own.
	holders := map[*tensor.Dense]int{}
	for _, v := range mem {
		if d, ok := v.(*tensor.Dense); ok {
			holders[d]++
		}
	}
	var regs []int
	for r, v := range mem {
		d, ok := v.(*tensor.Dense)
		if ok && !barred[r] && first[r] >= 0 && holders[d] == 1 && plainDense(d) && d.Len() >= minShared {
			regs = append(regs, r)
		}
	}
	slices.SortFunc(regs, func(a, b int) int { return first[a] - first[b] })
	type pooled struct {
		t    *tensor.Dense
		free int // the last read of its current holder
	}
	var pool []*pooled
	shared := 0
	for _, r := range regs {
		d := mem[r].(*tensor.Dense)
		var pick *pooled
		for _, p := range pool {
			if p.free < first[r] && p.t.Dtype() == d.Dtype() && p.t.Shape().Eq(d.Shape()) && (pick == nil || p.free > pick.free) {
				pick = p
			}
		}
		end := max(last[r], first[r])
		if pick == nil {
			pool = append(pool, &pooled{t: d, free: end})
			continue
		}
		mem[r] = pick.t
		pick.free = end
		shared++
	}
	return shared
}

// opOf is n's op, nil for a nil node.
func opOf(n *Node) gorgonia.Op {
	if n == nil {
		return nil
	}
	return n.Op()
}
