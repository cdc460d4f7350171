package graph

import (
	"reflect"
	"unsafe"

	"github.com/pkg/errors"
	"gorgonia.org/gorgonia"
)

// machine runs a compiled graph again and again, writing each run into the
// tensors of the previous one.
//
// Gorgonia's TapeMachine.Reset, the only exported way to run a program a
// second time, sets the program counter to 0 and drops every register, so
// each run allocates every intermediate tensor anew: 53 MB per Adam step of
// the Burgers benchmark (n = 1024, float64), 77 MB for KdV. With the
// registers kept, the machine's own exec takes its preallocated path
// (UsePreallocDo into the register's tensor, and its alloc instruction
// skips registers of the right shape), so only ops without that path
// (element-wise unary ops such as Neg and Tanh, and a few whose register
// was reused with another shape) still allocate: 14 MB for Burgers, and
// 9.6 MB once each term compiles only the nodes it needs (newMachine's roots).
//
// The program counter is unexported and nothing else rewinds it, so run
// sets it through reflect and unsafe; the field is checked at construction
// and go.mod pins gorgonia v0.9.18. This is correct because the register
// allocator gives each register one owner per run (inputs and constants
// stay live for the whole program, in-place ops only take a register whose
// value is dead) and every op overwrites its destination rather than
// accumulating into it; TestMachineKeepsRegistersExactly checks the
// results bit for bit against runs after Reset.
//
// With shareRegisters, the registers of values never live at once share
// tensors too (see share.go).
type machine struct {
	vm     gorgonia.VM
	pc     *int // the tape machine's program counter
	direct bool // run the program without RunAll (see runDirect)
	g      *gorgonia.ExprGraph
	// read, when set by shareRegisters, are the nodes whose values are
	// read after a run; the first run then shares the registers of the
	// others, and shared counts those pointed to another's tensor.
	read    []*Node
	sharing bool
	shared  int
}

// newMachine compiles g into a tape machine; given roots, it compiles only
// the nodes they depend on (and the Read statements of those nodes).
// A tape machine runs every node it is given, and Gorgonia's Grad also
// builds the gradients with respect to constants (for c · a it builds
// Σ a ⊙ ∂L/∂(c·a), a full-size product and a sum), which nothing reads.
func newMachine(g *gorgonia.ExprGraph, roots ...*Node) (*machine, error) {
	if len(roots) > 0 {
		g = g.SubgraphRoots(roots...)
	}
	vm := gorgonia.NewTapeMachine(g, gorgonia.WithEngine(engine{}))
	f := reflect.ValueOf(vm).Elem().FieldByName("pc")
	if !f.IsValid() || f.Kind() != reflect.Int {
		return nil, errors.New("graph: gorgonia's tape machine has no int field pc to rewind")
	}
	return &machine{vm: vm, pc: (*int)(unsafe.Pointer(f.UnsafeAddr())), direct: runsDirect(vm), g: g}, nil
}

// run executes the whole program. Node values stay valid until the next run.
func (m *machine) run() error {
	*m.pc = 0
	run := m.vm.RunAll
	if m.direct {
		run = func() error { return runDirect(m.vm) }
	}
	if err := run(); err != nil {
		return err
	}
	if m.sharing {
		m.sharing = false
		m.shared = m.share(m.read)
	}
	return nil
}

// shareRegisters makes the next run share the registers of values never
// live at once; only the values of the nodes read stay valid after a run.
func (m *machine) shareRegisters(read []*Node) {
	m.read, m.sharing = read, true
}
