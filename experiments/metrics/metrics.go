// Package metrics scores a prediction against a reference solution on the
// same points: relative L2 error, maximum absolute error and mean squared
// error.
package metrics

import (
	"math"

	"github.com/pkg/errors"
)

// Summary holds the error metrics of one prediction.
type Summary struct {
	RelL2 float64 `json:"rel_l2"` // ‖pred − ref‖₂ / ‖ref‖₂
	LInf  float64 `json:"linf"`   // max |pred − ref|
	MSE   float64 `json:"mse"`    // mean (pred − ref)²
}

// Compute returns all metrics; mismatched lengths, empty input, a zero
// reference or a NaN value are errors.
func Compute(pred, ref []float64) (Summary, error) {
	if len(pred) != len(ref) || len(ref) == 0 {
		return Summary{}, errors.Errorf("metrics: %d predictions for %d reference values", len(pred), len(ref))
	}
	var diff, norm, linf float64
	for i, r := range ref {
		d := pred[i] - r
		if math.IsNaN(d) {
			return Summary{}, errors.Errorf("metrics: NaN at point %d", i)
		}
		diff += d * d
		norm += r * r
		linf = math.Max(linf, math.Abs(d))
	}
	if norm == 0 {
		return Summary{}, errors.New("metrics: the reference is zero, relative error undefined")
	}
	return Summary{RelL2: math.Sqrt(diff / norm), LInf: linf, MSE: diff / float64(len(ref))}, nil
}

// RelL2 returns ‖pred − ref‖₂ / ‖ref‖₂.
func RelL2(pred, ref []float64) (float64, error) {
	s, err := Compute(pred, ref)
	return s.RelL2, err
}
