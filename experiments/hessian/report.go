package hessian

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/internal/atomicfile"
)

// Report is what an analysis writes to hessian.json.
type Report struct {
	Source   string   `json:"source"` // the config file or run directory analysed
	PDE      string   `json:"pde"`
	Solver   string   `json:"solver"`
	Params   int      `json:"params"`
	Settings Settings `json:"settings"`
	// ReplayMaxAbsDiff is max |w_replay − w_checkpoint| when a run was
	// replayed to its checkpoint's step (NaN, written null, otherwise).
	ReplayMaxAbsDiff float64  `json:"replay_max_abs_diff"`
	Results          []Result `json:"results"`
}

// WriteJSON writes the report atomically, a line per result; values that
// are not finite (a κ_eff without positive curvature) are written null.
func (r Report) WriteJSON(path string) error {
	head, err := json.MarshalIndent(struct {
		Source   string   `json:"source"`
		PDE      string   `json:"pde"`
		Solver   string   `json:"solver"`
		Params   int      `json:"params"`
		Settings Settings `json:"settings"`
		Replay   *float64 `json:"replay_max_abs_diff"`
	}{r.Source, r.PDE, r.Solver, r.Params, r.Settings, finite(r.ReplayMaxAbsDiff)}, "", " ")
	if err != nil {
		return errors.Wrapf(err, "encoding %s", path)
	}
	var b bytes.Buffer
	b.Write(head[:len(head)-1]) // without the closing brace
	b.WriteString(",\n \"results\": [\n")
	for i, res := range r.Results {
		line, err := json.Marshal(res)
		if err != nil {
			return errors.Wrapf(err, "encoding %s", path)
		}
		b.Write(line)
		if i < len(r.Results)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return atomicfile.Write(path, b.Bytes(), 0o644)
}

// MarshalJSON writes non-finite values as null.
func (r Result) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Step           int      `json:"step"`
		Term           string   `json:"term"`
		Preconditioner string   `json:"preconditioner"`
		Source         string   `json:"source,omitempty"`
		Min            *float64 `json:"lambda_min"`
		Max            *float64 `json:"lambda_max"`
		Kappa          *float64 `json:"kappa_eff"`
		KappaQuantile  *float64 `json:"kappa_q"`
		Products       int      `json:"products"`
		Nodes          digits6  `json:"nodes"`
		Weights        digits6  `json:"weights"`
	}{r.Step, r.Term, r.Preconditioner, r.Source, finite(r.Min), finite(r.Max), finite(r.Kappa), finite(r.KappaQuantile), r.Products, r.Nodes, r.Weights})
}

// digits6 is a density's nodes or weights, written with 6 significant
// digits on one line: a figure needs no more, and the file stays small.
type digits6 []float64

// MarshalJSON writes the values as a one-line array.
func (d digits6) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for i, x := range d {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendFloat(b, x, 'g', 6, 64)
	}
	return append(b, ']'), nil
}

func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// WriteCSV writes one row per step, term and preconditioner: the extreme
// eigenvalues, κ_eff and κ_q (empty when not finite).
func WriteCSV(path string, rs []Result) error {
	var b bytes.Buffer
	b.WriteString("step,term,preconditioner,source,lambda_min,lambda_max,kappa_eff,kappa_q,products\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "%d,%s,%s,%s,%.10g,%.10g", r.Step, r.Term, r.Preconditioner, r.Source, r.Min, r.Max)
		for _, k := range []float64{r.Kappa, r.KappaQuantile} {
			b.WriteByte(',')
			if f := finite(k); f != nil {
				fmt.Fprintf(&b, "%.6g", *f)
			}
		}
		fmt.Fprintf(&b, ",%d\n", r.Products)
	}
	return atomicfile.Write(path, b.Bytes(), 0o644)
}
