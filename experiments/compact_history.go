package experiments

import (
	"maps"
	"slices"

	"github.com/pkg/errors"
)

// historyColumns is a history as columns, the form of a compact state
// (see Compact): row i's values at index i of each column, in about 0.7
// of the gob size of the same rows as structs (the floats' own 9 bytes
// each are most of both).
type historyColumns struct {
	Steps              []int
	Losses             [][]float64 // per loss term
	Loss, RelL2, WallS []float64
	Diag               []diagColumn // in name order
}

// diagColumn is one diagnostic's values at the rows that have it.
type diagColumn struct {
	Name   string
	Rows   []int // the rows having it, nil when every row has
	Values []float64
}

// columnsOf returns the history as columns; its rows must have as many
// term losses each.
func columnsOf(h []Row) (*historyColumns, error) {
	c := &historyColumns{}
	if len(h) > 0 {
		c.Losses = make([][]float64, len(h[0].Losses))
	}
	names := map[string]bool{}
	for i, r := range h {
		if len(r.Losses) != len(c.Losses) {
			return nil, errors.Errorf("history row %d has %d term losses, row 1 %d", i+1, len(r.Losses), len(c.Losses))
		}
		c.Steps = append(c.Steps, r.Step)
		for k, l := range r.Losses {
			c.Losses[k] = append(c.Losses[k], l)
		}
		c.Loss, c.RelL2, c.WallS = append(c.Loss, r.Loss), append(c.RelL2, r.RelL2), append(c.WallS, r.WallS)
		for name := range r.Diag {
			names[name] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(names)) {
		d := diagColumn{Name: name}
		for i, r := range h {
			if v, ok := r.Diag[name]; ok {
				d.Rows, d.Values = append(d.Rows, i), append(d.Values, v)
			}
		}
		if len(d.Rows) == len(h) {
			d.Rows = nil
		}
		c.Diag = append(c.Diag, d)
	}
	return c, nil
}

// rows is the inverse of columnsOf.
func (c *historyColumns) rows() ([]Row, error) {
	n := len(c.Steps)
	ok := len(c.Loss) == n && len(c.RelL2) == n && len(c.WallS) == n
	for _, l := range c.Losses {
		ok = ok && len(l) == n
	}
	if !ok {
		return nil, errors.New("history columns of unequal length")
	}
	h := make([]Row, n)
	for i := range h {
		h[i] = Row{Step: c.Steps[i], Losses: make([]float64, len(c.Losses)), Loss: c.Loss[i], RelL2: c.RelL2[i], WallS: c.WallS[i]}
		for k, l := range c.Losses {
			h[i].Losses[k] = l[i]
		}
	}
	for _, d := range c.Diag {
		rows := d.Rows
		if rows == nil {
			rows = make([]int, n)
			for i := range rows {
				rows[i] = i
			}
		}
		if len(rows) != len(d.Values) {
			return nil, errors.Errorf("history column %s: %d rows, %d values", d.Name, len(rows), len(d.Values))
		}
		for j, i := range rows {
			if i < 0 || i >= n {
				return nil, errors.Errorf("history column %s: row %d of %d", d.Name, i, n)
			}
			if h[i].Diag == nil {
				h[i].Diag = map[string]float64{}
			}
			h[i].Diag[d.Name] = d.Values[j]
		}
	}
	return h, nil
}
