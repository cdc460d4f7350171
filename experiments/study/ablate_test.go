package study_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments/study"
)

// TestAblateBatch runs the batch-size study at the smoke budget and checks
// its table has a row per batch size.
func TestAblateBatch(t *testing.T) {
	out := t.TempDir()
	spec := study.AblateSpec{Study: "batch", Budget: "smoke", Solvers: []string{"adam"}, Batches: []int{16, 64}}
	if err := study.Ablate(context.Background(), spec, out, nil); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(out, "results.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| burgers | B=16 | ", "| burgers | B=64 | ", "same pool of 128 points", "![batch](batch.png)"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("results.md lacks %q:\n%s", want, md)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "batch.png")); err != nil {
		t.Error(err)
	}
}

// TestAblateCost times two solvers at two tiny settings.
func TestAblateCost(t *testing.T) {
	out := t.TempDir()
	spec := study.AblateSpec{Study: "cost", Budget: "smoke", Solvers: []string{"adam", "adamw"},
		Batches: []int{8, 32}, Widths: []int{4}, CostSteps: 2}
	if err := study.Ablate(context.Background(), spec, out, nil); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(out, "results.md"))
	if err != nil {
		t.Fatal(err)
	}
	// Batch sweep at width 64 (8, 32) and width sweep at batch 1024 (4).
	rows := strings.Count(string(md), "\n| adam | ") + strings.Count(string(md), "\n| adamw | ")
	if rows != 6 || !strings.Contains(string(md), "| adamw | 4 | 1024 | ") {
		t.Errorf("want 3 settings per solver, got:\n%s", md)
	}
}

func TestAblateCostMeasures(t *testing.T) {
	b, _ := study.LookupBudget("smoke")
	cfg, err := b.Config("burgers", "adam", 1)
	if err != nil {
		t.Fatal(err)
	}
	c, err := study.MeasureCost(context.Background(), cfg, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !(c.StepMS > 0) || !(c.PeakHeapMB > 0) || c.Batch != 32 || c.Width != 8 || c.Steps != 3 {
		t.Errorf("cost %+v: want positive time and heap at batch 32, width 8", c)
	}
}

func TestAblateErrors(t *testing.T) {
	cases := []struct {
		name string
		spec study.AblateSpec
		want string
	}{
		{"unknown study", study.AblateSpec{Study: "dropout", Budget: "smoke"}, "dropout"},
		{"unknown budget", study.AblateSpec{Study: "batch", Budget: "huge"}, "huge"},
		{"bad batch", study.AblateSpec{Study: "batch", Budget: "smoke", Solvers: []string{"adam"}, Batches: []int{0}}, "batch size"},
		{"unknown solver", study.AblateSpec{Study: "batch", Budget: "smoke", Solvers: []string{"sgd9"}}, "sgd9"},
	}
	for _, c := range cases {
		if _, err := c.spec.AblateCases(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
}
