package plot_test

import (
	"fmt"
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
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	// 3 × 2 panels of 4 × 3 inches at 96 dpi.
	if cfg.Width != 3*4*96 || cfg.Height != 2*3*96 {
		t.Errorf("image is %d × %d, want %d × %d", cfg.Width, cfg.Height, 3*4*96, 2*3*96)
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
