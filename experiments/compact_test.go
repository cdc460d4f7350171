package experiments_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
)

// TestCompactRestoresTheFinalState trains runs with Adam then L-BFGS in
// both dtypes, compacts them and requires the checkpoint to shrink, the
// parameters and history to read back bit for bit, training further to be
// refused, and a second compaction and an unfinished run to be left alone.
func TestCompactRestoresTheFinalState(t *testing.T) {
	for _, dtype := range []string{"float64", "float32"} {
		t.Run(dtype, func(t *testing.T) {
			cfg := tinyConfig(t, "adam+lbfgs", 12)
			cfg.Hyper, cfg.Dtype = map[string]float64{"switch": 6}, dtype
			dir := t.TempDir()
			if _, err := experiments.Run(context.Background(), cfg, dir, nil); err != nil {
				t.Fatal(err)
			}
			want := finalParams(t, cfg, dir)
			full, err := experiments.ResumeTrainer(cfg, dir)
			if err != nil {
				t.Fatal(err)
			}
			cs, err := experiments.Compact(dir)
			if err != nil || len(cs) != 1 || cs[0].Skipped != "" || !(cs[0].After < cs[0].Before) {
				t.Fatalf("compaction %+v (%v): want one, smaller", cs, err)
			}
			got, err := experiments.ResumeTrainer(cfg, dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := sameBits(finalParams(t, cfg, dir), want); err != nil {
				t.Error(err)
			}
			if !got.Compacted() || got.StepCount() != 12 || fmt.Sprint(got.History) != fmt.Sprint(full.History) {
				t.Errorf("compacted %v at step %d; history equal: %v", got.Compacted(), got.StepCount(), fmt.Sprint(got.History) == fmt.Sprint(full.History))
			}
			var done *experiments.CompactedError
			if _, err := got.Train(context.Background(), dir, 20, nil); !errors.As(err, &done) || done.Step != 12 {
				t.Errorf("training the compacted run further: %v, want a CompactedError at step 12", err)
			}
			if cs, err := experiments.Compact(dir); err != nil || len(cs) != 1 || cs[0].Skipped != "already compact" {
				t.Errorf("compacting again: %+v (%v)", cs, err)
			}
		})
	}
	t.Run("unfinished", func(t *testing.T) {
		cfg := tinyConfig(t, "adam", 20)
		dir := t.TempDir()
		tr, err := experiments.NewTrainer(cfg)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if _, err := tr.Train(ctx, dir, 20, cancelAt{step: 5, cancel: cancel}); !errors.Is(err, context.Canceled) {
			t.Fatalf("interrupting: %v", err)
		}
		before := snapshot(dir)
		if cs, err := experiments.Compact(dir); err != nil || len(cs) != 1 || !strings.HasPrefix(cs[0].Skipped, "not finished") {
			t.Errorf("compacting an interrupted run: %+v (%v)", cs, err)
		}
		if snapshot(dir) != before {
			t.Error("compacting an interrupted run changed it")
		}
	})
}
