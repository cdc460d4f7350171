package plot

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/pkg/errors"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/pinngo/pinn/experiments/internal/atomicfile"
)

// Panel is one cell of a figure.
type Panel interface {
	// draw draws the panel into c.
	draw(c draw.Canvas) error
}

// Blank is an empty panel, for ragged grids.
type Blank struct{}

func (Blank) draw(draw.Canvas) error { return nil }

// Size is the size of one panel in a figure.
type Size struct{ W, H vg.Length }

// DefaultSize suits a heat map with its colour bar or a line chart.
var DefaultSize = Size{W: 4 * vg.Inch, H: 3 * vg.Inch}

// Save draws the panels, row by row, into an image whose format follows the
// extension of path (.png, .svg, .pdf …) with cells of the given size, written atomically.
// Rows may have different lengths; the grid is as wide as the longest.
func Save(path string, rows [][]Panel, cell Size) error {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if len(rows) == 0 || cols == 0 {
		return errors.Errorf("plot: %s: no panels", path)
	}
	w, h := cell.W*vg.Length(cols), cell.H*vg.Length(len(rows))
	canvas, err := draw.NewFormattedCanvas(w, h, strings.TrimPrefix(filepath.Ext(path), "."))
	if err != nil {
		return errors.Wrapf(err, "plot: %s", path)
	}
	dc := draw.New(canvas)
	tiles := draw.Tiles{Rows: len(rows), Cols: cols, PadX: vg.Millimeter, PadY: vg.Millimeter,
		PadTop: vg.Millimeter, PadBottom: vg.Millimeter, PadLeft: vg.Millimeter, PadRight: vg.Millimeter}
	for i, r := range rows {
		for j, p := range r {
			if p == nil {
				continue
			}
			if err := drawPanel(p, tiles.At(dc, j, i)); err != nil {
				return errors.Wrapf(err, "plot: %s: panel %d,%d", path, i, j)
			}
		}
	}
	var b bytes.Buffer
	if _, err := canvas.WriteTo(&b); err != nil {
		return errors.Wrapf(err, "plot: encoding %s", path)
	}
	return atomicfile.Write(path, b.Bytes(), 0o644)
}

// drawPanel draws p into c, returning gonum/plot's panics (it panics on
// data a scale cannot show) as errors, so a bad figure never ends a run.
func drawPanel(p Panel, c draw.Canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.Errorf("drawing: %v", r)
		}
	}()
	return p.draw(c)
}
