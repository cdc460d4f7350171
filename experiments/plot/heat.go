package plot

import (
	"image/color"
	"math"

	"github.com/pkg/errors"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Colours selects a heat map's colour map.
type Colours int

const (
	// Diverging (Moreland's smooth blue–red) suits signed fields.
	Diverging Colours = iota
	// Sequential (Moreland's black body) suits magnitudes such as errors.
	Sequential
)

func (c Colours) colorMap() palette.ColorMap {
	if c == Sequential {
		return moreland.BlackBody()
	}
	return moreland.SmoothBlueRed()
}

// HeatMap is a field on a tensor grid, drawn with a colour bar at its right:
// Z[r*len(Cols)+c] is the value at (Cols[c], Rows[r]).
type HeatMap struct {
	Title          string
	XLabel, YLabel string
	Cols, Rows     []float64 // coordinates along the horizontal and vertical axes
	Z              []float64
	Colours        Colours
	// Min and Max fix the colour scale, so that several panels share one;
	// both zero takes the range of Z.
	Min, Max float64
}

// Range returns the smallest and largest finite values of the slices.
func Range(zs ...[]float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, z := range zs {
		for _, v := range z {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	return lo, hi
}

// spanLimit bounds the values an axis or colour scale spans: beyond it
// the width of the range overflows, on which gonum's tick placement loops
// and its palette scaling divides by infinity.
const spanLimit = math.MaxFloat64 / 4

// clampSpan limits the range [lo, hi] to ±spanLimit; values outside it are
// clipped (lines) or take the scale's end colours (heat maps).
func clampSpan(lo, hi float64) (float64, float64) {
	return math.Max(lo, -spanLimit), math.Min(hi, spanLimit)
}

// grid adapts a HeatMap to plotter.GridXYZ.
type grid struct{ h *HeatMap }

func (g grid) Dims() (c, r int)   { return len(g.h.Cols), len(g.h.Rows) }
func (g grid) Z(c, r int) float64 { return g.h.Z[r*len(g.h.Cols)+c] }
func (g grid) X(c int) float64    { return g.h.Cols[c] }
func (g grid) Y(r int) float64    { return g.h.Rows[r] }

// colourBarWidth is the width of the colour bar with its tick labels.
const colourBarWidth = 1.0 * vg.Inch

func (h *HeatMap) draw(c draw.Canvas) error {
	if len(h.Cols) < 2 || len(h.Rows) < 2 || len(h.Z) != len(h.Cols)*len(h.Rows) {
		return errors.Errorf("heat map %q: %d × %d grid with %d values", h.Title, len(h.Cols), len(h.Rows), len(h.Z))
	}
	lo, hi := h.Min, h.Max
	if lo == 0 && hi == 0 {
		lo, hi = Range(h.Z)
	}
	lo, hi = clampSpan(lo, hi)
	if !(lo < hi) { // a constant field still gets a readable scale
		lo, hi = lo-0.5, lo+0.5
		if math.IsInf(lo, 0) || math.IsNaN(lo) {
			lo, hi = 0, 1
		}
	}
	cmap := h.Colours.colorMap()
	cmap.SetMin(lo)
	cmap.SetMax(hi)

	p := plot.New()
	p.Title.Text = h.Title
	p.X.Label.Text, p.Y.Label.Text = h.XLabel, h.YLabel
	hm := plotter.NewHeatMap(grid{h}, cmap.Palette(256))
	hm.Min, hm.Max = lo, hi
	hm.Rasterized = true
	hm.NaN = color.Gray{Y: 200}
	// Values beyond a fixed scale take its end colours.
	pal := hm.Palette.Colors()
	hm.Underflow, hm.Overflow = pal[0], pal[len(pal)-1]
	p.Add(hm)
	p.X.Min, p.X.Max = h.Cols[0], h.Cols[len(h.Cols)-1]
	p.Y.Min, p.Y.Max = h.Rows[0], h.Rows[len(h.Rows)-1]

	main := draw.Crop(c, 0, -colourBarWidth, 0, 0)
	p.Draw(main)

	// The colour bar spans the heat map's data area, right of it.
	data := p.DataCanvas(main)
	bar := plot.New()
	bar.HideX()
	bar.Add(&plotter.ColorBar{ColorMap: cmap, Vertical: true})
	bar.Y.Tick.Marker = plot.DefaultTicks{}
	bc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: main.Max.X + 0.1*vg.Inch, Y: data.Min.Y},
		Max: vg.Point{X: c.Max.X - 0.6*vg.Inch, Y: data.Max.Y},
	}}
	// The bar's plot pads its data area for its tick labels: grow its
	// canvas by that padding so that the bar itself matches the map.
	inner := bar.DataCanvas(bc)
	bc.Min.Y -= inner.Min.Y - bc.Min.Y
	bc.Max.Y += bc.Max.Y - inner.Max.Y
	bar.Draw(bc)
	return nil
}
