package experiments

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestHistoryColumnsRoundTrip requires histories to come back from their
// columns bit for bit, diagnostics present on some rows only or NaN
// included, and the columns to take at most 3/4 of the rows' gob size.
func TestHistoryColumnsRoundTrip(t *testing.T) {
	nan := math.NaN()
	long := make([]Row, 1000)
	for i := range long {
		x := float64(i + 1)
		long[i] = Row{Step: i + 1, Losses: []float64{1 / x, math.Sqrt(x), math.Pi / x}, Loss: 1/x + math.Sqrt(x), RelL2: nan, WallS: 0.0137 * x,
			Diag: map[string]float64{"cos_pde_ic": math.Sin(x), "grad_ratio": math.Exp(-x / 100)}}
		if i%100 == 0 {
			long[i].RelL2 = 1 / math.Sqrt(x)
		}
	}
	cases := []struct {
		name string
		h    []Row
	}{
		{"empty", nil},
		{"no diagnostics", []Row{{Step: 1, Losses: []float64{0.5, 0.25}, Loss: 0.75, RelL2: nan, WallS: 0.1}}},
		{"sparse and NaN diagnostics", []Row{
			{Step: 1, Losses: []float64{3}, Loss: 3, RelL2: 0.9, WallS: 0.1, Diag: map[string]float64{"lambda_pde": 1}},
			{Step: 2, Losses: []float64{2}, Loss: 2, RelL2: nan, WallS: 0.2},
			{Step: 3, Losses: []float64{1}, Loss: 1, RelL2: nan, WallS: 0.3, Diag: map[string]float64{"lambda_pde": 0.5, "cos": nan}}}},
		{"1000 rows", long},
	}
	for _, c := range cases {
		cols, err := columnsOf(c.h)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := cols.rows()
		if err != nil || len(got) != len(c.h) || fmt.Sprint(got) != fmt.Sprint(c.h) {
			t.Errorf("%s: rows %v (%v), want %v", c.name, got, err, c.h)
		}
	}
	size := func(v any) int {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(v); err != nil {
			t.Fatal(err)
		}
		return b.Len()
	}
	cols, _ := columnsOf(long)
	if r, c := size(rowStates(long)), size(cols); 4*c > 3*r {
		t.Errorf("columns take %d bytes, rows %d: want at most 3/4 of it", c, r)
	}
	if _, err := columnsOf([]Row{{Losses: []float64{1}}, {Losses: []float64{1, 2}}}); err == nil || !strings.Contains(err.Error(), "row 2 has 2 term losses") {
		t.Errorf("rows of unequal length: %v", err)
	}
	bad := &historyColumns{Steps: []int{1}, Loss: []float64{1}, RelL2: []float64{1}, WallS: []float64{1}, Diag: []diagColumn{{Name: "x", Rows: []int{3}, Values: []float64{1}}}}
	if _, err := bad.rows(); err == nil {
		t.Error("a diagnostic of a row past the end was accepted")
	}
}
