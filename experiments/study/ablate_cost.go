package study

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/experiments/plot"
)

// costWidth and costBatch are the fixed width of the batch sweep and the
// fixed batch of the width sweep: the paper's network and minibatch.
const (
	costWidth = 64
	costBatch = 1024
)

// costSettings returns the (width, batch) settings of the cost study: the
// batch sizes at costWidth, then the widths at costBatch, without repeats.
func costSettings(s AblateSpec) [][2]int {
	seen := map[[2]int]bool{}
	var out [][2]int
	add := func(w, n int) {
		if k := [2]int{w, n}; !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, n := range s.Batches {
		add(costWidth, n)
	}
	for _, w := range s.Widths {
		add(w, costBatch)
	}
	return out
}

// costConfig returns the run of solver at a (width, batch) setting.
func costConfig(s AblateSpec, b Budget, solver string, setting [2]int) (experiments.Config, error) {
	cfg, err := b.Config("burgers", solver, s.Seeds[0])
	if err != nil {
		return cfg, err
	}
	cfg.Network.Width = setting[0]
	return cfg, setInterior(&cfg, max(b.Interior, setting[1]), setting[1])
}

// checkCostConfigs validates every run of the cost study, sizes included.
func checkCostConfigs(s AblateSpec, b Budget) error {
	for _, solver := range s.Solvers {
		for _, st := range costSettings(s) {
			cfg, err := costConfig(s, b, solver, st)
			if err == nil {
				err = cfg.Validate()
			}
			if err != nil {
				return errors.Wrapf(err, "cost of %s at width %d, batch %d", solver, st[0], st[1])
			}
		}
	}
	return nil
}

// ablateCost times every solver at every setting on Burgers, one setting
// at a time in this process.
func ablateCost(ctx context.Context, s AblateSpec, b Budget, out string, log io.Writer, md *strings.Builder) error {
	var costs []Cost
	settings := costSettings(s)
	for _, solver := range s.Solvers {
		for _, st := range settings {
			cfg, err := costConfig(s, b, solver, st)
			if err != nil {
				return err
			}
			c, err := MeasureCost(ctx, cfg, s.CostSteps)
			if err != nil {
				return errors.Wrapf(err, "cost of %s at width %d, batch %d", solver, st[0], st[1])
			}
			if log != nil {
				fmt.Fprintf(log, "%-10s width %4d batch %5d: step %8.2f ms  peak heap %8.1f MB\n", solver, c.Width, c.Batch, c.StepMS, c.PeakHeapMB)
			}
			costs = append(costs, c)
		}
	}
	sortCosts(costs)
	if err := costFigure(filepath.Join(out, "cost.png"), s, costs); err != nil {
		return err
	}
	fmt.Fprintf(md, "# Cost of the solvers on Burgers\n\n")
	setup := fmt.Sprintf("Burgers, MLP of depth %d (tanh), float64, %d points per initial/boundary term (budget %s); the batch sweep at width %d, the width sweep at batch %d",
		b.Depth, b.Conditions, b.Name, costWidth, costBatch)
	writeStudyHeader(md, s.Command, setup, s.Seeds[:1], 1, s.Solvers)
	fmt.Fprintf(md, "Each setting builds a fresh trainer, takes %d warm-up steps and times %d more; step is the median, and peak heap is the largest runtime.MemStats.HeapInuse seen while building and stepping (sampled every 5 ms and after every step), above the heap in use after a GC before building.\n\n",
		costWarmup, s.CostSteps)
	md.WriteString("| solver | width | batch | step (ms) | peak heap (MB) |\n|---|---:|---:|---:|---:|\n")
	for _, c := range costs {
		fmt.Fprintf(md, "| %s | %d | %d | %.2f | %.1f |\n", c.Solver, c.Width, c.Batch, c.StepMS, c.PeakHeapMB)
	}
	md.WriteString("\n![cost](cost.png)\n")
	return nil
}

// costFigure plots step time and peak heap against batch size (at
// costWidth) and width (at costBatch), one line per solver.
func costFigure(path string, s AblateSpec, costs []Cost) error {
	chart := func(title, x, y string) *plot.LineChart {
		return &plot.LineChart{Title: title, XLabel: x, YLabel: y, LogX: true, LogY: true, Points: true}
	}
	byBatchT := chart(fmt.Sprintf("step time, width %d", costWidth), "interior batch size", "median step (ms)")
	byWidthT := chart(fmt.Sprintf("step time, batch %d", costBatch), "hidden width", "median step (ms)")
	byBatchM := chart(fmt.Sprintf("peak heap, width %d", costWidth), "interior batch size", "peak heap in use (MB)")
	byWidthM := chart(fmt.Sprintf("peak heap, batch %d", costBatch), "hidden width", "peak heap in use (MB)")
	for _, solver := range s.Solvers {
		bt, wt := plot.Series{Name: solver}, plot.Series{Name: solver}
		bm, wm := plot.Series{Name: solver}, plot.Series{Name: solver}
		for _, c := range costs {
			if c.Solver != solver {
				continue
			}
			if c.Width == costWidth {
				bt.X, bt.Y = append(bt.X, float64(c.Batch)), append(bt.Y, c.StepMS)
				bm.X, bm.Y = append(bm.X, float64(c.Batch)), append(bm.Y, c.PeakHeapMB)
			}
			if c.Batch == costBatch {
				wt.X, wt.Y = append(wt.X, float64(c.Width)), append(wt.Y, c.StepMS)
				wm.X, wm.Y = append(wm.X, float64(c.Width)), append(wm.Y, c.PeakHeapMB)
			}
		}
		byBatchT.Series = append(byBatchT.Series, bt)
		byWidthT.Series = append(byWidthT.Series, wt)
		byBatchM.Series = append(byBatchM.Series, bm)
		byWidthM.Series = append(byWidthM.Series, wm)
	}
	return plot.Save(path, [][]plot.Panel{{byBatchT, byWidthT}, {byBatchM, byWidthM}}, plot.DefaultSize)
}
