package graph

import (
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"
)

// TestRunJobsLongestFirst checks that a step's graph runs start longest
// first by their last duration, that every job runs, and that a job's
// error is returned.
func TestRunJobsLongestFirst(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // one worker: the order is the start order
	var mu sync.Mutex
	var started []int
	sleeps := []time.Duration{time.Millisecond, 80 * time.Millisecond, 25 * time.Millisecond}
	var jobs []*job
	for i, d := range sleeps {
		jobs = append(jobs, &job{run: func() error {
			mu.Lock()
			started = append(started, i)
			mu.Unlock()
			time.Sleep(d)
			return nil
		}})
	}
	for round, want := range [][]int{{0, 1, 2}, {1, 2, 0}} {
		started = nil
		if err := runJobs(jobs); err != nil {
			t.Fatal(err)
		}
		for k := range want {
			if started[k] != want[k] {
				t.Fatalf("round %d started %v, want %v", round, started, want)
			}
		}
	}
	boom := errors.New("boom")
	ran := false
	err := runJobs([]*job{{run: func() error { return boom }}, {run: func() error { ran = true; return nil }}})
	if !errors.Is(err, boom) || !ran {
		t.Errorf("runJobs = %v (other job ran: %v), want boom and every job run", err, ran)
	}
}
