package plot

import (
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/plot/plotter"
)

func TestBandRings(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	x := []float64{1, 2, 3, 4, 5, 6, 7}
	lo := []float64{1, 2, nan, 4, 5, 6, 0}
	hi := []float64{2, 3, 4, 5, inf, 7, 8}
	// Points 3 (NaN low) and 5 (infinite high) break the band: runs
	// {1, 2}, {4} (no area) and {6, 7}; on a log axis the zero low at 7
	// also breaks it, leaving {6} alone.
	want := []plotter.XYs{
		{{X: 1, Y: 2}, {X: 2, Y: 3}, {X: 2, Y: 2}, {X: 1, Y: 1}},
		{{X: 6, Y: 7}, {X: 7, Y: 8}, {X: 7, Y: 0}, {X: 6, Y: 6}},
	}
	if got := bandRings(x, lo, hi, false, false); !reflect.DeepEqual(got, want) {
		t.Errorf("linear axis: %v, want %v", got, want)
	}
	if got := bandRings(x, lo, hi, false, true); !reflect.DeepEqual(got, want[:1]) {
		t.Errorf("log axis: %v, want %v", got, want[:1])
	}
	if got := bandRings([]float64{-1, 1, 2}, []float64{1, 1, 1}, []float64{2, 2, 2}, true, false); !reflect.DeepEqual(got, []plotter.XYs{{{X: 1, Y: 2}, {X: 2, Y: 2}, {X: 2, Y: 1}, {X: 1, Y: 1}}}) {
		t.Errorf("log x axis: %v", got)
	}
}
