package graph_test

import (
	"fmt"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gorgonia.org/tensor"

	"github.com/pinngo/pinn/graph"
)

func TestCountFLOPs(t *testing.T) {
	before := fmt.Sprintf("%T", blas64.Implementation())
	got, err := graph.CountFLOPs(func() error {
		// gonum's BLAS: a 3×4·4×5 product and a 4×3 matrix-vector one.
		blas64.Implementation().Dgemm(blas.NoTrans, blas.NoTrans, 3, 5, 4, 1, make([]float64, 12), 4, make([]float64, 20), 5, 0, make([]float64, 15), 5)
		blas32.Implementation().Sgemv(blas.NoTrans, 4, 3, 1, make([]float32, 12), 3, make([]float32, 3), 1, 0, make([]float32, 4), 1)
		// Gorgonia's tensors: a 6×7·7×2 product.
		a := tensor.New(tensor.WithShape(6, 7), tensor.WithBacking(make([]float64, 42)))
		b := tensor.New(tensor.WithShape(7, 2), tensor.WithBacking(make([]float64, 14)))
		_, err := tensor.MatMul(a, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := float64(2*3*5*4 + 2*4*3 + 2*6*7*2); got != want {
		t.Errorf("CountFLOPs = %v, want %v", got, want)
	}
	if after := fmt.Sprintf("%T", blas64.Implementation()); after != before {
		t.Errorf("blas64 implementation after CountFLOPs is %s, want %s restored", after, before)
	}
	if n, _ := graph.CountFLOPs(func() error { return nil }); n != 0 {
		t.Errorf("no products counted %v FLOPs", n)
	}
}

func TestPeakGFLOPs(t *testing.T) {
	for _, single := range []bool{false, true} {
		g, err := graph.PeakGFLOPs(64, single, time.Millisecond)
		if err != nil || !(g > 0.01 && g < 1e4) {
			t.Errorf("PeakGFLOPs(64, %v) = %v, %v: want a rate between 0.01 and 1e4", single, g, err)
		}
	}
	if _, err := graph.PeakGFLOPs(0, false, time.Millisecond); err == nil {
		t.Error("PeakGFLOPs(0) gave no error")
	}
}
