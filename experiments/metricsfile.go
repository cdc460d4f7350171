package experiments

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"

	"github.com/pkg/errors"
)

// ReadMetrics reads the metrics.json of the run in dir, a diverged run's
// unknown errors and loss as NaN.
func ReadMetrics(dir string) (*Metrics, error) { return readMetrics(dir) }

// readMetrics reads a run's metrics.json.
func readMetrics(dir string) (*Metrics, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "metrics.json"))
	if err != nil {
		return nil, err
	}
	return readMetricsBytes(raw)
}

// readMetricsBytes decodes metrics.json, reading the null a diverged run
// writes for an unknown error or loss as NaN.
func readMetricsBytes(raw []byte) (*Metrics, error) {
	nan := math.NaN()
	m := Metrics{InitialLoss: nan, FinalLoss: nan, RelL2: nan, LInf: nan, MSE: nan}
	return &m, errors.Wrap(json.Unmarshal(raw, &m), "metrics.json")
}
