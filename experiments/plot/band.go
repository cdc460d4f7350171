package plot

import (
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot/plotter"
)

// Envelope summarises several series over a shared x axis, such as one
// run per seed, as one series: at each x where any of them has a finite
// value (positive when geometric), Y is their mean, geometric when
// geometric (the mean that suits a log axis), and Lo and Hi their smallest
// and largest values. Other values are left out.
func Envelope(name string, geometric bool, ss ...Series) Series {
	byX := map[float64][]float64{}
	for _, s := range ss {
		for i, x := range s.X {
			y := s.Y[i]
			if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) || (geometric && y <= 0) {
				continue
			}
			byX[x] = append(byX[x], y)
		}
	}
	out := Series{Name: name}
	for x := range byX {
		out.X = append(out.X, x)
	}
	sort.Float64s(out.X)
	for _, x := range out.X {
		ys := byX[x]
		lo, hi, sum := math.Inf(1), math.Inf(-1), 0.0
		for _, y := range ys {
			lo, hi = math.Min(lo, y), math.Max(hi, y)
			if geometric {
				y = math.Log(y)
			}
			sum += y
		}
		m := sum / float64(len(ys))
		if geometric {
			m = math.Exp(m)
		}
		out.Y, out.Lo, out.Hi = append(out.Y, m), append(out.Lo, lo), append(out.Hi, hi)
	}
	return out
}

// bandRings returns the polygons of the band between lo and hi over x:
// one per run of consecutive points where x, lo and hi can be drawn (finite,
// and positive on a log axis), each along hi and back along lo. Runs of a
// single point have no area and are left out.
func bandRings(x, lo, hi []float64, logX, logY bool) []plotter.XYs {
	ok := func(v float64, log bool) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) && (!log || v > 0) }
	var rings []plotter.XYs
	var run []int
	flush := func() {
		if len(run) >= 2 {
			ring := make(plotter.XYs, 0, 2*len(run))
			for _, i := range run {
				ring = append(ring, plotter.XY{X: x[i], Y: hi[i]})
			}
			for k := len(run) - 1; k >= 0; k-- {
				ring = append(ring, plotter.XY{X: x[run[k]], Y: lo[run[k]]})
			}
			rings = append(rings, ring)
		}
		run = run[:0]
	}
	for i := range lo {
		if ok(x[i], logX) && ok(lo[i], logY) && ok(hi[i], logY) {
			run = append(run, i)
			continue
		}
		flush()
	}
	flush()
	return rings
}

// translucent returns c with the given opacity.
func translucent(c color.Color, alpha float64) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(alpha * 255)}
}
