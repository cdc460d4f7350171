package plot

import (
	"image/color"
	"math"
	"strconv"

	"github.com/pkg/errors"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one line of a line chart.
type Series struct {
	Name string
	X, Y []float64
	// Lo and Hi, when set, shade a band between them in the line's colour,
	// such as the range over seeds around their mean (see Envelope); they
	// are as long as X, and points where either is not finite (or not
	// positive on a log axis) break the band.
	Lo, Hi []float64
	// Dashed draws the line dashed, to set a reference apart.
	Dashed bool
	// Colour overrides the palette's colour (SeriesColour of the series'
	// index) when set.
	Colour color.Color
}

// colour returns the colour of the i-th series s.
func (s Series) colour(i int) color.Color {
	if s.Colour != nil {
		return s.Colour
	}
	return SeriesColour(i)
}

// LineChart draws series against a common x axis, on a log y axis when
// LogY (non-positive values are then left out).
type LineChart struct {
	Title          string
	XLabel, YLabel string
	LogY           bool
	LogX           bool
	Series         []Series
	// Points marks every value, for charts with few x values.
	Points bool
}

func (l *LineChart) draw(c draw.Canvas) error {
	p := plot.New()
	p.Title.Text = l.Title
	p.X.Label.Text, p.Y.Label.Text = l.XLabel, l.YLabel
	p.Add(plotter.NewGrid())
	if l.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	}
	if l.LogX {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = logTicks{}
	}
	p.Legend.Top = true
	// Bands first, so that every line is drawn over them.
	for i, s := range l.Series {
		if len(s.X) != len(s.Y) || (s.Lo != nil || s.Hi != nil) && (len(s.Lo) != len(s.X) || len(s.Hi) != len(s.X)) {
			return errors.Errorf("line chart %q: series %q has %d x, %d y, %d low and %d high values", l.Title, s.Name, len(s.X), len(s.Y), len(s.Lo), len(s.Hi))
		}
		for _, ring := range bandRings(s.X, s.Lo, s.Hi, l.LogX, l.LogY) {
			band, err := plotter.NewPolygon(ring)
			if err != nil {
				return errors.Wrapf(err, "line chart %q", l.Title)
			}
			band.Color = translucent(s.colour(i), 0.25)
			band.LineStyle.Width = 0
			p.Add(band)
		}
	}
	drawn := 0
	for i, s := range l.Series {
		var xys plotter.XYs
		for j, y := range s.Y {
			x := s.X[j]
			if math.IsNaN(y) || math.IsInf(y, 0) || (l.LogY && y <= 0) || (l.LogX && x <= 0) {
				continue
			}
			xys = append(xys, plotter.XY{X: x, Y: y})
		}
		if len(xys) == 0 {
			continue
		}
		line, err := plotter.NewLine(xys)
		if err != nil {
			return errors.Wrapf(err, "line chart %q", l.Title)
		}
		line.Color = s.colour(i)
		line.Width = vg.Points(1.2)
		if s.Dashed {
			line.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
		}
		p.Add(line)
		p.Legend.Add(s.Name, line)
		if l.Points {
			sc, err := plotter.NewScatter(xys)
			if err != nil {
				return errors.Wrapf(err, "line chart %q", l.Title)
			}
			sc.Color = line.Color
			sc.Shape = plotutil.Shape(i)
			p.Add(sc)
		}
		drawn++
	}
	if drawn == 0 {
		// Nothing to show: say so rather than draw empty axes with a
		// log scale that cannot be ranged.
		p.Y.Scale, p.X.Scale = plot.LinearScale{}, plot.LinearScale{}
		p.Y.Tick.Marker, p.X.Tick.Marker = plot.DefaultTicks{}, plot.DefaultTicks{}
		p.Title.Text = l.Title + " (no data)"
	}
	p.X.Min, p.X.Max = clampSpan(p.X.Min, p.X.Max)
	p.Y.Min, p.Y.Max = clampSpan(p.Y.Min, p.Y.Max)
	widenLog(&p.Y, l.LogY)
	widenLog(&p.X, l.LogX)
	roomForLegend(p, drawn, l.LogY)
	p.Draw(c)
	return nil
}

// widenLog spreads a log axis whose data is a single value over a factor
// of three either side: gonum widens such a range by ±1, below zero for
// values under 1, which a log scale cannot show (it panicked on the error
// chart of a run evaluated once).
func widenLog(a *plot.Axis, log bool) {
	if log && a.Min == a.Max && a.Min > 0 {
		a.Min, a.Max = a.Min/3, a.Max*3
	}
}

// roomForLegend raises the top of the y axis so that the legend, n rows
// at the top right, does not hide the lines.
func roomForLegend(p *plot.Plot, n int, logY bool) {
	f := 0.075 * float64(n) // fraction of the height the legend takes
	if n == 0 || f >= 0.6 || !(p.Y.Min < p.Y.Max) {
		return
	}
	top := p.Y.Max + (p.Y.Max-p.Y.Min)*f/(1-f)
	if logY && p.Y.Min > 0 {
		top = p.Y.Max * math.Pow(p.Y.Max/p.Y.Min, f/(1-f))
	}
	if !math.IsInf(top, 0) { // values near the largest float leave no room
		p.Y.Max = top
	}
}

// logTicks labels powers of ten, like plot.LogTicks, and when the axis
// shows fewer than two of them also labels 2× and 5× (or all) multiples, so
// a short axis is never left unlabelled; an axis spanning less than a
// factor two gets evenly spaced labels.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for _, t := range (plot.LogTicks{Prec: -1}).Ticks(lo, hi) {
		// LogTicks computes powers of ten by repeated multiplication and
		// prints them in full: 1e-06 came out as 9.999999999999999e-07.
		if len(t.Label) > 6 {
			t.Label = strconv.FormatFloat(t.Value, 'g', 3, 64)
		}
		// LogTicks marks each power of ten twice, labelled and not.
		if n := len(ticks); n > 0 && ticks[n-1].Value == t.Value {
			if t.Label != "" {
				ticks[n-1] = t
			}
			continue
		}
		ticks = append(ticks, t)
	}
	in := func(v float64) bool { return v >= lo*(1-1e-9) && v <= hi*(1+1e-9) }
	labelled := 0
	for _, t := range ticks {
		if t.Label != "" && in(t.Value) {
			labelled++
		}
	}
	for _, digits := range [][]int{{1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}} {
		if labelled >= 2 {
			break
		}
		labelled = 0
		for i, t := range ticks {
			mant := t.Value / math.Pow(10, math.Floor(math.Log10(t.Value)+1e-9))
			ticks[i].Label = ""
			for _, d := range digits {
				if math.Abs(mant-float64(d)) < 1e-6 {
					ticks[i].Label = strconv.FormatFloat(t.Value, 'g', 3, 64)
					if in(t.Value) {
						labelled++
					}
				}
			}
		}
	}
	if labelled < 2 { // less than a factor 2 between the ends
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	return ticks
}

// SeriesColour returns a colour from a palette that tells lines apart.
func SeriesColour(i int) color.Color { return plotutil.Color(i) }
