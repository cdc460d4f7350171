package graph

import (
	"reflect"
	"unsafe"

	"gorgonia.org/gorgonia"
)

// tapeRunall is the loop of Gorgonia's TapeMachine.RunAll over the
// program's instructions from the program counter on. RunAll locks its
// goroutine to its thread and runs this loop in a new goroutine, to serve
// the work queue of a batching BLAS (cgo calls gathered and flushed
// together) beside it; so every run parked the locked goroutine and handed
// its thread's P to the loop's goroutine and back, two thread handoffs per
// graph run that took 3% of a float32 Burgers step on one core.
//
//go:linkname tapeRunall gorgonia.org/gorgonia.(*tapeMachine).runall
func tapeRunall(m unsafe.Pointer, errChan chan error, doneChan chan struct{})

// runsDirect reports whether runDirect may run vm: a tape machine without a
// batching BLAS, whose work queue RunAll serves.
func runsDirect(vm gorgonia.VM) bool {
	v := reflect.ValueOf(vm)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct || v.Elem().Type().Name() != "tapeMachine" {
		return false
	}
	b := v.Elem().FieldByName("b")
	return b.IsValid() && b.Kind() == reflect.Interface && b.IsNil()
}

// runDirect runs vm's program from its program counter in the calling
// goroutine, as RunAll does for a machine without a batching BLAS (see
// runsDirect) and without closures queued (which only binding dual values
// queues, an option newMachine does not set).
func runDirect(vm gorgonia.VM) error {
	errChan := make(chan error, 1)
	doneChan := make(chan struct{}, 1)
	tapeRunall(reflect.ValueOf(vm).UnsafePointer(), errChan, doneChan)
	select {
	case err := <-errChan:
		return err
	default:
		return nil
	}
}
