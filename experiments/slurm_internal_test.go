package experiments

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/checkpoint"
)

// fakeSlurm answers sbatch with its next job id and squeue with queue,
// recording the calls.
type fakeSlurm struct {
	next  int
	queue string
	calls [][]string
}

func (f *fakeSlurm) Output(_ context.Context, name string, args ...string) ([]byte, error) {
	f.calls = append(f.calls, append([]string{name}, args...))
	switch name {
	case "sbatch":
		f.next++
		return []byte(strconv.Itoa(f.next) + "\n"), nil
	case "squeue":
		return []byte(f.queue), nil
	}
	return nil, errors.Errorf("unexpected command %s", name)
}

func TestSlurmExecutorSubmitsFollowsAndResubmits(t *testing.T) {
	cases, err := CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam", "soap"}, Seeds: []uint64{1}, Budget: "smoke"}.Cases()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	fake := &fakeSlurm{queue: "0 PENDING\n1 PENDING\n"}
	e := SlurmExecutor{Job: "pinn-test", Binary: "/opt/pinn", Sbatch: []string{"--partition=gpu"}, Commands: fake}

	// Submitted: both runs pending, their configs and the script written.
	_, err = e.RunCases(context.Background(), cases, out, nil)
	var p *PendingError
	if !errors.As(err, &p) || p.Job != "1" || p.Pending != 2 || p.Done+p.Running+p.Missing != 0 {
		t.Fatalf("after submitting: %v, want job 1 with 2 pending runs", err)
	}
	if got := strings.Join(fake.calls[0], " "); got != "sbatch --parsable --array=0-1 --partition=gpu "+filepath.Join(out, "slurm", "batch.sh") {
		t.Errorf("sbatch call %q", got)
	}
	script, err := os.ReadFile(filepath.Join(out, "slurm", "batch.sh"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !strings.Contains(string(script), "'"+c.Dir(out)+"'") {
			t.Errorf("batch script lacks run %s", c.Dir(out))
		}
		if _, err := LoadConfig(filepath.Join(c.Dir(out), "config.json")); err != nil {
			t.Errorf("run %s: %v", c.Dir(out), err)
		}
	}
	if !strings.Contains(string(script), "'/opt/pinn' train -resume \"$run\"") {
		t.Errorf("batch script does not run the binary:\n%s", script)
	}

	// Followed: run 0 has finished, run 1 runs.
	if err := os.WriteFile(filepath.Join(cases[0].Dir(out), "metrics.json"), []byte(`{"pde":"burgers"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	fake.queue = "1 RUNNING\n"
	_, err = e.RunCases(context.Background(), cases, out, nil)
	if !errors.As(err, &p) || p.Done != 1 || p.Running != 1 || p.Pending+p.Missing != 0 || len(fake.calls) != 3 {
		t.Fatalf("while running: %v, want 1 done and 1 running, no new job", err)
	}

	// Failed: run 1's task left the queue unfinished; its log is named.
	fake.queue = ""
	_, err = e.RunCases(context.Background(), cases, out, nil)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(out, "slurm", "1_1.log")) {
		t.Fatalf("after the task failed: %v, want its log named", err)
	}

	// Again: only the unfinished run is submitted.
	fake.queue = "0 PENDING\n"
	_, err = e.RunCases(context.Background(), cases, out, nil)
	if !errors.As(err, &p) || p.Job != "2" || p.Total != 1 {
		t.Fatalf("resubmitted: %v, want job 2 of 1 run", err)
	}
	if got := fake.calls[len(fake.calls)-2][2]; got != "--array=0-0" {
		t.Errorf("resubmitted with %s, want --array=0-0", got)
	}
}

func TestSlurmExecutorRefusesAnotherRunsDirectory(t *testing.T) {
	cases, err := CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam"}, Seeds: []uint64{1}, Budget: "smoke"}.Cases()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	other := cases[0]
	other.Config.Steps++
	if err := writeCaseConfig(other, cases[0].Dir(out)); err != nil {
		t.Fatal(err)
	}
	fake := &fakeSlurm{}
	_, err = SlurmExecutor{Commands: fake}.RunCases(context.Background(), cases, out, nil)
	var bad *RunDirError
	if !errors.As(err, &bad) || len(fake.calls) != 0 {
		t.Fatalf("got %v after %d commands, want a RunDirError and no job", err, len(fake.calls))
	}
}

func TestParseQueue(t *testing.T) {
	for _, test := range []struct {
		in   string
		want map[int]string
		bad  bool
	}{
		{in: "", want: map[int]string{}},
		{in: "0 RUNNING\n3 PENDING\n", want: map[int]string{0: "RUNNING", 3: "PENDING"}},
		{in: "1 COMPLETED\n2 REQUEUED\n", want: map[int]string{2: "REQUEUED"}},
		{in: "N/A PENDING\n", bad: true},
	} {
		got, err := parseQueue([]byte(test.in))
		if (err != nil) != test.bad {
			t.Errorf("%q: error %v", test.in, err)
			continue
		}
		if len(got) != len(test.want) {
			t.Errorf("%q: got %v, want %v", test.in, got, test.want)
		}
		for k, v := range test.want {
			if got[k] != v {
				t.Errorf("%q: task %d is %q, want %q", test.in, k, got[k], v)
			}
		}
	}
}

func TestSlurmExecutorCollectsFinishedRunsWithoutTheQueue(t *testing.T) {
	cases, err := CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam"}, Seeds: []uint64{1}, Budget: "smoke", Steps: 3}.Cases()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	local, err := RunCases(context.Background(), cases, out, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A job of another stage of the study is under way.
	if err := os.MkdirAll(filepath.Join(out, "slurm"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "slurm", "job.json"), []byte(`{"id":"9","runs":["elsewhere"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	fake := &fakeSlurm{queue: "0 RUNNING\n"}
	got, err := SlurmExecutor{Commands: fake}.RunCases(context.Background(), cases, out, nil)
	if err != nil || len(got) != 1 || len(fake.calls) != 0 {
		t.Fatalf("got %d results, %v, after %d commands; want the finished run without asking Slurm", len(got), err, len(fake.calls))
	}
	if got[0].Metrics.RelL2 != local[0].Metrics.RelL2 {
		t.Errorf("rel_l2 %v, want the run's %v", got[0].Metrics.RelL2, local[0].Metrics.RelL2)
	}
}

// TestSlurmFinishedRun checks which run directories the Slurm executor
// counts as finished, for runs with and without time windows, full or
// compacted, and that retiring a job compacts the runs its tasks
// finished.
func TestSlurmFinishedRun(t *testing.T) {
	cases, err := CompareSpec{PDEs: []string{"burgers"}, Variants: []string{"adam+lbfgs:switch=2"}, Seeds: []uint64{1}, Budget: "smoke", Steps: 4}.Cases()
	if err != nil {
		t.Fatal(err)
	}
	plain, march := cases[0], tinyMarchCase(t)
	diverging := march
	diverging.Config.Solver, diverging.Config.Hyper = "adam", map[string]float64{"lr": 1e300}
	out, ctx := t.TempDir(), context.Background()
	dir := func(name string) string { return filepath.Join(out, name) }
	study := func(c Case, name string) {
		if _, err := runCase(ctx, c, dir(name), nil); err != nil {
			t.Fatal(err)
		}
	}
	study(plain, "compact")
	study(march, "march")
	study(diverging, "march-diverged")
	if _, err := Run(ctx, plain.Config, dir("full"), nil); err != nil {
		t.Fatal(err)
	}
	if err := writeCaseConfig(plain, dir("config-only")); err != nil {
		t.Fatal(err)
	}
	tr, err := NewTrainer(plain.Config)
	if err != nil {
		t.Fatal(err)
	}
	stopped, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := tr.Train(stopped, dir("interrupted"), plain.Config.Steps, nil); !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	// A time-marching run stopped after its first window.
	if err := os.CopyFS(dir("march-window"), os.DirFS(dir("march"))); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir("march-window"), "window-02"))
	os.Remove(filepath.Join(dir("march-window"), "metrics.json"))
	for name, want := range map[string]bool{"compact": true, "full": true, "march": true, "march-diverged": true,
		"config-only": false, "interrupted": false, "march-window": false, "nothing": false} {
		if got := finishedRun(dir(name)); got != want {
			t.Errorf("%s: finished %v, want %v", name, got, want)
		}
	}
	for _, name := range []string{"compact", "march/window-01", "march/window-02"} {
		var s trainerState
		if err := checkpoint.Load(filepath.Join(dir(name), CheckpointFile), &s); err != nil || !s.Final {
			t.Errorf("%s: compact %v (%v), want the study to have compacted it", name, s.Final, err)
		}
	}
	job := &slurmJob{ID: "7", Runs: []string{dir("full"), dir("interrupted")}}
	os.MkdirAll(dir("slurm"), 0o755)
	os.WriteFile(filepath.Join(dir("slurm"), "job.json"), []byte(`{"id":"7"}`), 0o644)
	if err := (SlurmExecutor{}).finish(job, dir("slurm"), nil); err == nil || !strings.Contains(err.Error(), "1 of 2 runs unfinished") {
		t.Errorf("retiring the job: %v, want the interrupted run named", err)
	}
	for name, want := range map[string]bool{"full": true, "interrupted": false} {
		var s trainerState
		if err := checkpoint.Load(filepath.Join(dir(name), CheckpointFile), &s); err != nil || s.Final != want {
			t.Errorf("%s after its job: compact %v (%v), want %v", name, s.Final, err, want)
		}
	}
}
