package graph

import (
	"reflect"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// TestValuesOf checks that valuesOf gives what Data gives: the same slice
// (same first element, length and capacity) of dense tensors and the same
// value of scalars.
func TestValuesOf(t *testing.T) {
	vs := []gorgonia.Value{
		tensor.New(tensor.WithShape(3, 2), tensor.WithBacking([]float64{1, 2, 3, 4, 5, 6})),
		tensor.New(tensor.WithShape(4), tensor.WithBacking([]float32{1, 2, 3, 4})),
		tensor.New(tensor.FromScalar(2.5)),
		gorgonia.NewF32(1.5),
	}
	for i, v := range vs {
		got, want := reflect.ValueOf(valuesOf(v)), reflect.ValueOf(v.Data())
		if got.Type() != want.Type() {
			t.Fatalf("value %d: %v, want %v", i, got.Type(), want.Type())
		}
		if want.Kind() != reflect.Slice {
			if got.Interface() != want.Interface() {
				t.Fatalf("value %d: %v, want %v", i, got, want)
			}
			continue
		}
		if got.Len() != want.Len() || got.Cap() != want.Cap() || got.Pointer() != want.Pointer() {
			t.Fatalf("value %d: slice at %x of %d (cap %d), want at %x of %d (cap %d)", i, got.Pointer(), got.Len(), got.Cap(), want.Pointer(), want.Len(), want.Cap())
		}
	}
}
