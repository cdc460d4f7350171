package plot_test

import (
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/pinngo/pinn/experiments/plot"
)

// wave returns a heat map of sin(πx)·cos(πt) on an nx × nt grid.
func wave(nx, nt int) *plot.HeatMap {
	h := &plot.HeatMap{Title: "u", XLabel: "t", YLabel: "x"}
	for j := 0; j < nt; j++ {
		h.Cols = append(h.Cols, float64(j)/float64(nt-1))
	}
	for i := 0; i < nx; i++ {
		h.Rows = append(h.Rows, -1+2*float64(i)/float64(nx-1))
	}
	for _, x := range h.Rows {
		for _, t := range h.Cols {
			h.Z = append(h.Z, math.Sin(math.Pi*x)*math.Cos(math.Pi*t))
		}
	}
	return h
}

func TestSavePNG(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.png")
	lines := &plot.LineChart{Title: "loss", LogY: true, Series: []plot.Series{
		{Name: "a", X: []float64{1, 2, 3}, Y: []float64{1, 0.1, 0.01}},
		{Name: "b", X: []float64{1, 2, 3}, Y: []float64{0.5, 0.4, 0.35}},
	}}
	narrow := &plot.LineChart{Title: "one decade", LogY: true, Series: []plot.Series{{Name: "c", X: []float64{1, 2}, Y: []float64{0.4, 0.45}}}}
	empty := &plot.LineChart{Title: "empty", LogY: true, Series: []plot.Series{{Name: "d", X: []float64{1}, Y: []float64{-1}}}}
	// One value on log axes (a run evaluated once): gonum's ±1 padding
	// would put the axis below zero.
	single := &plot.LineChart{Title: "one point", LogX: true, LogY: true, Points: true, Series: []plot.Series{{Name: "e", X: []float64{500}, Y: []float64{0.435}}}}
	err := plot.Save(path, [][]plot.Panel{{wave(20, 11), lines, single}, {narrow, empty, plot.Blank{}}}, plot.DefaultSize)
	if err != nil {
		t.Fatal(err)
	}
	// 3 × 2 panels of 4 × 3 inches at 96 dpi.
	if b := decodePNG(t, path).Bounds(); b.Dx() != 3*4*96 || b.Dy() != 2*3*96 {
		t.Errorf("image is %d × %d, want %d × %d", b.Dx(), b.Dy(), 3*4*96, 2*3*96)
	}
}

func TestSaveErrors(t *testing.T) {
	dir := t.TempDir()
	bad := wave(5, 4)
	bad.Z = bad.Z[:7]
	cases := []struct {
		name string
		path string
		rows [][]plot.Panel
	}{
		{"no panels", filepath.Join(dir, "a.png"), nil},
		{"unknown format", filepath.Join(dir, "a.xyz"), [][]plot.Panel{{wave(5, 4)}}},
		{"short grid", filepath.Join(dir, "b.png"), [][]plot.Panel{{bad}}},
		{"ragged series", filepath.Join(dir, "c.png"), [][]plot.Panel{{&plot.LineChart{Series: []plot.Series{{X: []float64{1}}}}}}},
		{"unwritable", filepath.Join(dir, "missing", "d.png"), [][]plot.Panel{{wave(5, 4)}}},
	}
	for _, c := range cases {
		if err := plot.Save(c.path, c.rows, plot.DefaultSize); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

func ExampleSave() {
	dir, _ := os.MkdirTemp("", "plot")
	defer os.RemoveAll(dir)
	u := wave(64, 33)
	lo, hi := plot.Range(u.Z)
	u.Min, u.Max = lo, hi // share this scale with other panels of the figure
	err := plot.Save(filepath.Join(dir, "u.png"), [][]plot.Panel{{u}}, plot.DefaultSize)
	fmt.Println(err)
	// Output: <nil>
}

func TestEnvelope(t *testing.T) {
	a := plot.Series{X: []float64{0, 10, 20, 30}, Y: []float64{1, 4, 100, math.NaN()}}
	b := plot.Series{X: []float64{0, 10, 20}, Y: []float64{4, 1, -1}}
	c := plot.Series{X: []float64{10, 30}, Y: []float64{2, math.Inf(1)}}
	cases := []struct {
		geometric bool
		want      plot.Series
	}{
		// At 0: √(1·4) = 2; at 10: ∛(4·1·2) = 2; at 20 the negative value
		// is left out; at 30 nothing is finite.
		{true, plot.Series{Name: "e", X: []float64{0, 10, 20}, Y: []float64{2, 2, 100}, Lo: []float64{1, 1, 100}, Hi: []float64{4, 4, 100}}},
		{false, plot.Series{Name: "e", X: []float64{0, 10, 20}, Y: []float64{2.5, 7.0 / 3, 49.5}, Lo: []float64{1, 1, -1}, Hi: []float64{4, 4, 100}}},
	}
	for _, c2 := range cases {
		got := plot.Envelope("e", c2.geometric, a, b, c)
		if got.Name != "e" || len(got.X) != len(c2.want.X) {
			t.Fatalf("geometric %v: %+v, want %+v", c2.geometric, got, c2.want)
		}
		for i := range got.X {
			if got.X[i] != c2.want.X[i] || math.Abs(got.Y[i]-c2.want.Y[i]) > 1e-14*c2.want.Y[i] || got.Lo[i] != c2.want.Lo[i] || got.Hi[i] != c2.want.Hi[i] {
				t.Errorf("geometric %v: point %d is (%v, %v in [%v, %v]), want (%v, %v in [%v, %v])", c2.geometric, i,
					got.X[i], got.Y[i], got.Lo[i], got.Hi[i], c2.want.X[i], c2.want.Y[i], c2.want.Lo[i], c2.want.Hi[i])
			}
		}
	}
}

// decodePNG reads the image at path.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inked counts the pixels of a PNG that are not white.
func inked(t *testing.T, path string) int {
	t.Helper()
	img := decodePNG(t, path)
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r&g&bl < 0xf000 {
				n++
			}
		}
	}
	return n
}

// TestBandDrawn checks that a band shades the area between its bounds: a
// band from 1 to 100 over the whole width, on a log axis from 1 to 100,
// covers most of the plot, and the same chart without it does not.
func TestBandDrawn(t *testing.T) {
	dir := t.TempDir()
	x := []float64{1, 2, 3, 4}
	line := plot.Series{Name: "mean", X: x, Y: []float64{10, 10, 10, 10}}
	banded := line
	banded.Lo, banded.Hi = []float64{1, 1, 1, 1}, []float64{100, 100, 100, 100}
	var n [2]int
	for i, s := range []plot.Series{line, banded} {
		path := filepath.Join(dir, fmt.Sprintf("%d.png", i))
		c := &plot.LineChart{Title: "band", LogY: true, Series: []plot.Series{s}}
		if err := plot.Save(path, [][]plot.Panel{{c}}, plot.DefaultSize); err != nil {
			t.Fatal(err)
		}
		n[i] = inked(t, path)
	}
	// The data area is about half of the 384 × 288 image.
	if n[1]-n[0] < 384*288/3 {
		t.Errorf("the band inked %d more pixels than the line alone (%d), want at least %d", n[1]-n[0], n[0], 384*288/3)
	}
}

// TestSaveSurvivesBadValues draws charts and heat maps of NaN, infinite
// and huge values, which must give a figure rather than an error.
func TestSaveSurvivesBadValues(t *testing.T) {
	nan, inf, huge := math.NaN(), math.Inf(1), math.MaxFloat64
	x := []float64{1, 2, 3, 4, 5}
	ys := []float64{1, nan, huge, -huge, inf}
	bad := plot.Series{Name: "bad", X: x, Y: ys, Lo: []float64{nan, -huge, 1, inf, 0}, Hi: []float64{huge, huge, inf, 2, 3}}
	hm := wave(6, 5)
	hm.Z[0], hm.Z[1], hm.Z[2] = nan, huge, -inf
	errs := wave(6, 5)
	errs.Z[3] = huge
	errs.Min, errs.Max = 0, huge
	rows := [][]plot.Panel{
		{&plot.LineChart{Title: "linear", Series: []plot.Series{bad}}, &plot.LineChart{Title: "log", LogY: true, Series: []plot.Series{bad}}},
		{&plot.LineChart{Title: "log x", LogX: true, LogY: true, Points: true, Series: []plot.Series{bad, {Name: "huge", X: x, Y: []float64{huge, huge / 2, huge, 1e300, 1e308}}}}, hm},
		{errs, &plot.LineChart{Title: "all bad", LogY: true, Series: []plot.Series{{Name: "nan", X: x[:2], Y: []float64{nan, -1}}}}},
	}
	if err := plot.Save(filepath.Join(t.TempDir(), "bad.png"), rows, plot.DefaultSize); err != nil {
		t.Fatal(err)
	}
}
