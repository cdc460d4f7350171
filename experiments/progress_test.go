package experiments_test

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/pinngo/pinn/experiments"
)

// TestProgressLines checks the plain progress of a non-terminal writer: a
// line at every evaluation, every `every` steps and at the last step, with
// the losses, the latest error, the rate and the ETA.
func TestProgressLines(t *testing.T) {
	var b bytes.Buffer
	p := experiments.NewProgress(&b, 4)
	p.Begin(2, 10, []string{"pde", "bc"})
	for step := 3; step <= 10; step++ {
		s := experiments.Status{Step: step, Total: 10, Losses: []float64{0.5, 0.25}, Loss: 0.75,
			RelL2: math.NaN(), Rate: 20, ETA: time.Duration(10-step) * 50 * time.Millisecond}
		if step >= 5 {
			s.RelL2 = 0.125
		}
		s.Evaluated = step == 5
		p.Update(s)
	}
	p.End()
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	want := []string{
		"resuming at step 2 of 10",
		"step  4/10  loss 7.500e-01 (pde 5.00e-01 bc 2.50e-01)  20.0 steps/s  ETA 0s",
		"step  5/10  rel_l2 1.250e-01  loss 7.500e-01 (pde 5.00e-01 bc 2.50e-01)  20.0 steps/s  ETA 0s",
		"step  8/10  rel_l2 1.250e-01  loss 7.500e-01 (pde 5.00e-01 bc 2.50e-01)  20.0 steps/s  ETA 0s",
		"step 10/10  rel_l2 1.250e-01  loss 7.500e-01 (pde 5.00e-01 bc 2.50e-01)  20.0 steps/s  ETA -",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(lines), b.String())
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %q\nwant %q", i, lines[i], want[i])
		}
	}
}

// TestProgressSilent checks that a nil writer gives no output and no panic.
func TestProgressSilent(t *testing.T) {
	p := experiments.NewProgress(nil, 1)
	p.Begin(0, 1, nil)
	p.Update(experiments.Status{Step: 1, Total: 1})
	p.End()
}
