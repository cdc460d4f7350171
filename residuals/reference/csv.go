package reference

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/pkg/errors"
)

// ReadCSV reads a grid written by WriteCSV: a header naming the two axes
// and u, then one row per point with the first axis varying fastest.
func ReadCSV(r io.Reader) (*Grid, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, errors.Wrap(err, "reference: reading CSV")
	}
	if len(rows) < 2 || len(rows[0]) != 3 || rows[0][2] != "u" {
		return nil, errors.New("reference: CSV needs a header a,b,u and at least one row")
	}
	g := &Grid{Names: [2]string{rows[0][0], rows[0][1]}}
	seenX := map[float64]bool{}
	for n, row := range rows[1:] {
		if len(row) != 3 {
			return nil, errors.Errorf("reference: CSV row %d has %d fields", n+2, len(row))
		}
		var v [3]float64
		for c := range v {
			if v[c], err = strconv.ParseFloat(row[c], 64); err != nil {
				return nil, errors.Wrapf(err, "reference: CSV row %d", n+2)
			}
		}
		if !seenX[v[0]] && len(g.T) <= 1 {
			seenX[v[0]] = true
			g.X = append(g.X, v[0])
		}
		if len(g.T) == 0 || g.T[len(g.T)-1] != v[1] {
			g.T = append(g.T, v[1])
		}
		g.U = append(g.U, v[2])
	}
	if err := g.Validate(); err != nil {
		return nil, err
	}
	for n := range g.U {
		if x, _ := strconv.ParseFloat(rows[n+1][0], 64); x != g.X[n%len(g.X)] {
			return nil, errors.Errorf("reference: CSV row %d is not on the grid", n+2)
		}
	}
	return g, nil
}
