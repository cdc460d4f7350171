package graph

import (
	"math"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// TestEngineAddMatchesStdEng checks the engine's sums against Gorgonia's
// standard engine bit for bit, for each way an op asks for a sum (in
// place, into a reuse register of another shape, into a new tensor,
// incrementing) and for operands it must leave to the standard engine.
func TestEngineAddMatchesStdEng(t *testing.T) {
	vals := []float64{1.5, -0.1, 3e-310, math.Inf(1), -0, 1e300, 0.3, 7, -2.25, 1.0 / 3}
	dense := func(dt tensor.Dtype, c float64, shape ...int) *tensor.Dense {
		n := tensor.Shape(shape).TotalSize()
		d := tensor.New(tensor.Of(dt), tensor.WithShape(shape...))
		for i := 0; i < n; i++ {
			v := vals[i%len(vals)] * float64(i+1) * c
			if dt == tensor.Float32 {
				d.Float32s()[i] = float32(v)
			} else {
				d.Float64s()[i] = v
			}
		}
		return d
	}
	mine, std := engine{}, gorgonia.StandardEngine{}
	for _, dt := range []tensor.Dtype{tensor.Float64, tensor.Float32} {
		for _, tc := range []struct {
			name string
			opts func(reuse *tensor.Dense) []tensor.FuncOpt
		}{
			{"in place", func(*tensor.Dense) []tensor.FuncOpt { return []tensor.FuncOpt{tensor.UseUnsafe()} }},
			{"new tensor", func(*tensor.Dense) []tensor.FuncOpt { return nil }},
			{"reuse of another shape", func(r *tensor.Dense) []tensor.FuncOpt { return []tensor.FuncOpt{tensor.WithReuse(r)} }},
			{"increment (standard engine)", func(r *tensor.Dense) []tensor.FuncOpt { return []tensor.FuncOpt{tensor.WithIncr(r)} }},
		} {
			a1, b1, r1 := dense(dt, 1.0/3, 13, 1), dense(dt, -1.0/7, 13, 1), dense(dt, 2, 1, 13)
			a2, b2, r2 := dense(dt, 1.0/3, 13, 1), dense(dt, -1.0/7, 13, 1), dense(dt, 2, 1, 13)
			got, err := mine.Add(a1, b1, tc.opts(r1)...)
			if err != nil {
				t.Fatalf("%v %s: %v", dt, tc.name, err)
			}
			want, err := std.Add(a2, b2, tc.opts(r2)...)
			if err != nil {
				t.Fatalf("%v %s: standard engine: %v", dt, tc.name, err)
			}
			if !got.Shape().Eq(want.Shape()) {
				t.Errorf("%v %s: shape %v, standard engine %v", dt, tc.name, got.Shape(), want.Shape())
			}
			for _, pair := range [][2]tensor.Tensor{{got, want}, {a1, a2}, {r1, r2}} {
				if !sameBits(pair[0], pair[1]) {
					t.Errorf("%v %s: values differ from the standard engine's:\n%v\n%v", dt, tc.name, pair[0].Data(), pair[1].Data())
				}
			}
		}
	}
	// Operands of two shapes are the standard engine's to refuse.
	if _, err := mine.Add(dense(tensor.Float64, 1, 3, 2), dense(tensor.Float64, 1, 2, 3)); err == nil {
		t.Error("sum of a 3×2 and a 2×3 tensor: no error")
	}
}

// sameBits reports whether two float tensors hold the same bits.
func sameBits(a, b tensor.Tensor) bool {
	switch x := a.Data().(type) {
	case []float64:
		y := b.Data().([]float64)
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				return false
			}
		}
		return len(x) == len(y)
	case []float32:
		y := b.Data().([]float32)
		for i := range x {
			if math.Float32bits(x[i]) != math.Float32bits(y[i]) {
				return false
			}
		}
		return len(x) == len(y)
	}
	return false
}
