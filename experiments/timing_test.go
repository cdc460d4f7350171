package experiments_test

import (
	"context"
	"errors"
	"testing"

	"github.com/pinngo/pinn/experiments"
)

// TestTimeSteps requires TimeSteps to take exactly the steps asked, call
// each after every one, return a positive median, and stop on a
// cancelled context before stepping.
func TestTimeSteps(t *testing.T) {
	tr, err := experiments.NewTrainer(tinyConfig(t, "adam", 10))
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	d, err := tr.TimeSteps(context.Background(), 3, func() { calls++ })
	if err != nil || calls != 3 || tr.StepCount() != 3 || !(d > 0) {
		t.Errorf("median %v (%v) after %d calls and %d steps, want positive after 3 and 3", d, err, calls, tr.StepCount())
	}
	stopped, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := tr.TimeSteps(stopped, 2, nil); !errors.Is(err, context.Canceled) || tr.StepCount() != 3 {
		t.Errorf("cancelled: %v after %d steps, want context.Canceled after 3", err, tr.StepCount())
	}
}
