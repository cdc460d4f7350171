package study

import (
	"context"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/graph"
)

// Cost is the measured cost of training one setting.
type Cost struct {
	Solver       string
	Width, Batch int
	StepMS       float64 // median step time
	PeakHeapMB   float64 // peak heap in use while building and stepping, above the heap before
	Steps        int     // steps timed
}

// costWarmup steps run before timing: the first steps allocate the
// solver's state and warm the caches.
const costWarmup = 3

// MeasureCost builds cfg's trainer and times `steps` steps after a short
// warm-up, sampling the heap in use throughout (every 5 ms and after
// every step). Other work in the process skews both numbers: run it alone.
func MeasureCost(ctx context.Context, cfg experiments.Config, steps int) (Cost, error) {
	if steps < 1 {
		return Cost{}, errors.Errorf("cost: %d steps to time", steps)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	peak := newPeakSampler(5 * time.Millisecond)
	defer peak.stop()

	t, err := experiments.NewTrainer(cfg)
	if err != nil {
		return Cost{}, err
	}
	if _, err := t.TimeSteps(ctx, costWarmup, peak.sample); err != nil {
		return Cost{}, err
	}
	mid, err := t.TimeSteps(ctx, steps, peak.sample)
	if err != nil {
		return Cost{}, err
	}
	top := peak.stop()
	c := Cost{Solver: cfg.Solver, Width: cfg.Network.Width, Steps: steps,
		StepMS: float64(mid.Microseconds()) / 1000}
	terms := t.Problem.Terms()
	if k := graph.RoleIndex(terms, graph.RoleInterior); k >= 0 {
		if tc, ok := cfg.Terms[terms[k].Name]; ok && tc.Batch != nil {
			c.Batch = *tc.Batch
		}
	}
	if top > base {
		c.PeakHeapMB = float64(top-base) / (1 << 20)
	}
	runtime.KeepAlive(t)
	return c, nil
}

// peakSampler tracks the largest HeapInuse seen by a background sampler
// and by explicit samples.
type peakSampler struct {
	mu   sync.Mutex
	max  uint64
	done chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

func newPeakSampler(every time.Duration) *peakSampler {
	p := &peakSampler{done: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-tick.C:
				p.sample()
			}
		}
	}()
	return p
}

// sample reads the heap in use now.
func (p *peakSampler) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p.mu.Lock()
	p.max = max(p.max, ms.HeapInuse)
	p.mu.Unlock()
}

// stop ends the background sampling and returns the peak.
func (p *peakSampler) stop() uint64 {
	p.once.Do(func() { close(p.done) })
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.max
}

// sortCosts orders costs by solver, width and batch.
func sortCosts(cs []Cost) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Solver != b.Solver {
			return a.Solver < b.Solver
		}
		if a.Width != b.Width {
			return a.Width < b.Width
		}
		return a.Batch < b.Batch
	})
}
