package experiments

import (
	"context"
	"time"
)

// TimeSteps takes n training steps and returns their median duration as
// Step measures it, the measure behind the median step time a run
// reports, so that a benchmark times the step pinn train takes. each, when
// not nil, is called after every step. A caller warms up with a first
// call whose result it drops.
func (t *Trainer) TimeSteps(ctx context.Context, n int, each func()) (time.Duration, error) {
	from := len(t.times)
	for range n {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if _, err := t.Step(); err != nil {
			return 0, err
		}
		if each != nil {
			each()
		}
	}
	return median(t.times[from:]), nil
}
