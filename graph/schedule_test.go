package graph

import (
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"
)

// TestRunJobsLongestFirst checks that a step's graph runs start longest
// first by their last duration (set here, so that the order does not hang
// on a loaded machine's timing), that each run records its own duration
// for the next, that every job runs, and that a job's error is returned.
func TestRunJobsLongestFirst(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // one worker: the order is the start order
	var mu sync.Mutex
	var started []int
	lasts := []time.Duration{time.Millisecond, 80 * time.Millisecond, 25 * time.Millisecond}
	var jobs []*job
	for i, d := range lasts {
		jobs = append(jobs, &job{took: d, run: func() error {
			mu.Lock()
			started = append(started, i)
			mu.Unlock()
			time.Sleep(time.Duration(i+1) * 2 * time.Millisecond)
			return nil
		}})
	}
	if err := runJobs(jobs); err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 2, 0}; len(started) != 3 || started[0] != want[0] || started[1] != want[1] || started[2] != want[2] {
		t.Fatalf("started %v, want %v", started, want)
	}
	for i, j := range jobs {
		// Each job slept (i+1)·2 ms this time: a lower bound of its time.
		if slept := time.Duration(i+1) * 2 * time.Millisecond; j.took < slept || j.took == lasts[i] {
			t.Errorf("job %d took %v, want its own time of at least %v", i, j.took, slept)
		}
	}
	boom := errors.New("boom")
	ran := false
	err := runJobs([]*job{{run: func() error { return boom }}, {run: func() error { ran = true; return nil }}})
	if !errors.Is(err, boom) || !ran {
		t.Errorf("runJobs = %v (other job ran: %v), want boom and every job run", err, ran)
	}
}
