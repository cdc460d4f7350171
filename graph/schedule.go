package graph

import (
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// job is one graph run of a step: a term, a shard of one, or the
// per-sample statistics.
type job struct {
	run  func() error
	took time.Duration // at the last step, to order the next
}

// runJobs runs the jobs on GOMAXPROCS workers, longest first by their
// last duration, and returns the first error. Goroutines handed to Go's
// scheduler in creation order left the two shards of the interior term on
// one core half of the time (a 2-core Adam step took 5.6 or 8.7 ms by
// luck); longest-first on a fixed pool keeps them apart.
func runJobs(jobs []*job) error {
	order := make([]*job, len(jobs))
	copy(order, jobs)
	sort.SliceStable(order, func(a, b int) bool { return order[a].took > order[b].took })
	errs := make([]error, len(order))
	parallel(runtime.GOMAXPROCS(0), len(order), func(_, i int) {
		start := time.Now()
		errs[i] = order[i].run()
		order[i].took = time.Since(start)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// parallel calls f(w, i) for i = 0 … n−1 on up to workers goroutines,
// the caller's among them, which take the indices in turn; w numbers the
// worker, for its scratch space.
func parallel(workers, n int, f func(w, i int)) {
	var next atomic.Int64
	work := func(w int) {
		for {
			i := int(next.Add(1)) - 1
			if i >= n {
				return
			}
			f(w, i)
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(w)
		}()
	}
	work(0)
	wg.Wait()
}

// newJobs returns the graph runs of a step: each term or each of its
// shards, and the per-sample statistics.
func (l *Loss) newJobs() []*job {
	gr := &l.grads
	var jobs []*job
	for k, tg := range l.terms {
		if tg.parts == nil {
			jobs = append(jobs, &job{run: func() error { return tg.evaluate(gr, k) }})
			continue
		}
		for _, p := range tg.parts {
			jobs = append(jobs, &job{run: func() error { return tg.evaluatePart(p, gr, k) }})
		}
	}
	if l.stats != nil {
		jobs = append(jobs, &job{run: func() error { return l.stats.Compute(gr.SampleSq, gr.SampleMean) }})
	}
	return jobs
}
