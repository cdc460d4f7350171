package study_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments/study"
)

// TestStudyKeepsDivergedRuns runs a tuned comparison in which one
// learning rate diverges: the study finishes, ranks that lr last, shows
// the run as diverged, and reuses it when run again.
func TestStudyKeepsDivergedRuns(t *testing.T) {
	out := t.TempDir()
	spec := study.CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam"}, Seeds: []uint64{1}, Budget: "smoke",
		Steps: 10, Workers: 1, TuneLR: []float64{1e300, 1e-3}}
	if _, err := study.Compare(context.Background(), spec, out, nil); err != nil {
		t.Fatal(err)
	}
	metrics := filepath.Join(out, "burgers", "adam_lr=1e+300", "seed-1", "metrics.json")
	before, err := os.ReadFile(metrics)
	if err != nil || !strings.Contains(string(before), `"diverged"`) {
		t.Fatalf("the diverged run's metrics.json: %s (%v)", before, err)
	}
	md, _ := os.ReadFile(filepath.Join(out, "results.md"))
	for _, want := range []string{"| burgers | adam:lr=1e+300 | not finite | not finite | 1 (1 diverged) |", "| burgers | adam:lr=0.001 (chosen) | "} {
		if !strings.Contains(string(md), want) {
			t.Errorf("results.md lacks %q:\n%s", want, md)
		}
	}
	ts, err := spec.Tunings(out)
	if err != nil || len(ts) != 1 || ts[0].BestLabel() != "adam:lr=0.001" {
		t.Fatalf("tuning %+v (%v), want lr 0.001 chosen", ts, err)
	}
	var log bytes.Buffer
	if _, err := study.Compare(context.Background(), spec, out, &log); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(metrics); !bytes.Equal(after, before) || !strings.Contains(log.String(), "seed 1: diverged: non-finite") {
		t.Errorf("the second study did not reuse the diverged run: log %q", log.String())
	}
	if math.IsNaN(ts[0].Trials[1].Metrics.FinalLoss) || !math.IsNaN(ts[0].Trials[0].Metrics.FinalLoss) {
		t.Errorf("final losses %v, %v: want NaN for the diverged lr only", ts[0].Trials[0].Metrics.FinalLoss, ts[0].Trials[1].Metrics.FinalLoss)
	}
}
