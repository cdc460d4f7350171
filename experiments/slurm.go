package experiments

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/internal/atomicfile"
)

// SlurmExecutor trains a study's cases as one Slurm array job: task i runs
// `pinn train -resume RUN` on the run directory of the i-th unfinished
// case, which holds the case's config.json (a directory with a config and
// no checkpoint starts at step 0). The run directories, on storage the
// nodes share, are the only contract between the study and its tasks: the
// run lock and the checkpoints make a requeued or duplicated task safe.
//
// RunCases submits the job, or follows the job it submitted before (its id
// is kept in out/slurm/job.json), and returns the results once every run
// has finished; until then it returns a *PendingError, or with Wait polls
// the queue. A task that left the queue without finishing its run is
// reported as failed, with its log file; the next RunCases submits the
// unfinished runs again.
type SlurmExecutor struct {
	Job    string   // the job's name
	Binary string   // the pinn binary the tasks run, on the nodes' path
	Sbatch []string // extra sbatch options, such as --partition=gpu
	Wait   bool     // poll the queue until the job ends
	Poll   time.Duration
	// Commands runs sbatch and squeue; nil runs them as processes.
	Commands Commands
}

// Commands runs a command and returns its standard output; its error
// carries the standard error.
type Commands interface {
	Output(ctx context.Context, name string, args ...string) ([]byte, error)
}

// ExecCommands runs commands as processes.
type ExecCommands struct{}

// Output runs name with args.
func (ExecCommands) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, errors.Wrapf(err, "%s: %s", name, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// slurmJob is a submitted array job: its id and its tasks' run
// directories, task i the i-th.
type slurmJob struct {
	ID   string   `json:"id"`
	Runs []string `json:"runs"`
}

// RunCases submits, follows or collects the cases' job (see SlurmExecutor).
func (e SlurmExecutor) RunCases(ctx context.Context, cases []Case, out string, log io.Writer) ([]Result, error) {
	if log == nil {
		log = io.Discard
	}
	for _, c := range cases {
		if err := c.Config.Validate(); err != nil {
			return nil, errors.Wrapf(err, "%s/%s seed %d", c.Group, c.Label, c.Seed)
		}
		if err := writeCaseConfig(c, c.Dir(out)); err != nil {
			return nil, err
		}
	}
	if allFinished(cases, out) { // whatever job is under way is another stage's
		return e.collect(cases, out, nil)
	}
	dir := filepath.Join(out, "slurm")
	job, err := readSlurmJob(dir)
	if err != nil {
		return nil, err
	}
	if job == nil {
		if job, err = e.submit(ctx, cases, out, log); err != nil || job == nil {
			return e.collect(cases, out, err)
		}
	}
	var last string
	for {
		p, err := e.progress(ctx, job, cases, out)
		if err != nil {
			return nil, err
		}
		if line := p.counts(); e.Wait && line != last {
			fmt.Fprintf(log, "slurm job %s: %s\n", job.ID, line)
			last = line
		}
		if p.Running+p.Pending == 0 {
			return e.collect(cases, out, e.finish(job, dir, log))
		}
		if !e.Wait {
			return nil, p
		}
		select {
		case <-ctx.Done():
			return nil, errors.Wrapf(ctx.Err(), "following slurm job %s (it goes on; run the command again to follow it)", job.ID)
		case <-time.After(max(e.Poll, 100*time.Millisecond)):
		}
	}
}

// collect returns the results of the cases once every run has finished.
func (e SlurmExecutor) collect(cases []Case, out string, failed error) ([]Result, error) {
	if failed != nil {
		return nil, failed
	}
	results, missing, err := loadCases(cases, out)
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		m := missing[0]
		return nil, errors.Errorf("%s %s seed %d: %s after its slurm task ended", m.Case.Group, m.Case.Label, m.Case.Seed, m.Why)
	}
	return results, nil
}

// finish retires an ended job: it compacts the runs its tasks finished
// (see Compact), names the tasks whose run did not finish, with their
// logs, and moves job.json aside so that the next RunCases submits those
// runs again.
func (e SlurmExecutor) finish(job *slurmJob, dir string, log io.Writer) error {
	var failed []string
	for i, run := range job.Runs {
		if !finishedRun(run) {
			failed = append(failed, fmt.Sprintf("  %s: see %s", run, filepath.Join(dir, fmt.Sprintf("%s_%d.log", job.ID, i))))
		} else if _, err := Compact(run); err != nil {
			return err
		}
	}
	if err := os.Rename(filepath.Join(dir, "job.json"), filepath.Join(dir, "job-"+job.ID+".json")); err != nil {
		return errors.Wrap(err, "retiring the slurm job")
	}
	if len(failed) > 0 {
		return errors.Errorf("slurm job %s ended with %d of %d runs unfinished; fix the cause and run the command again to submit them again:\n%s",
			job.ID, len(failed), len(job.Runs), strings.Join(failed, "\n"))
	}
	return nil
}

// progress counts the job's runs by state: a run whose metrics are
// written is done, whatever its task's state; the others take their
// task's state, or count as failed once their task has left the queue.
func (e SlurmExecutor) progress(ctx context.Context, job *slurmJob, cases []Case, out string) (*PendingError, error) {
	// The queue first: a task that leaves it after this has finished its run.
	queued, err := e.queue(ctx, job.ID)
	if err != nil {
		return nil, err
	}
	p := &PendingError{Job: job.ID, Total: len(job.Runs)}
	for i, run := range job.Runs {
		switch state, ok := queued[i]; {
		case finishedRun(run):
			p.Done++
		case !ok:
			p.Missing++
		case state == "RUNNING" || state == "COMPLETING" || state == "CONFIGURING":
			p.Running++
		default:
			p.Pending++
		}
	}
	return p, nil
}

// queue returns the state of each of the job's tasks in the queue.
func (e SlurmExecutor) queue(ctx context.Context, id string) (map[int]string, error) {
	raw, err := e.commands().Output(ctx, "squeue", "-h", "-r", "-j", id, "-o", "%K %T")
	if err != nil {
		if strings.Contains(err.Error(), "Invalid job id") { // purged once ended
			return nil, nil
		}
		return nil, errors.Wrap(err, "following the slurm job")
	}
	return parseQueue(raw)
}

// parseQueue reads squeue's "task state" lines.
func parseQueue(raw []byte) (map[int]string, error) {
	tasks := map[int]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		task, state, ok := strings.Cut(strings.TrimSpace(line), " ")
		if line == "" {
			continue
		}
		i, err := strconv.Atoi(task)
		if !ok || err != nil {
			return nil, errors.Errorf("squeue: unexpected line %q", line)
		}
		switch state {
		case "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE", "PREEMPTED":
			continue // ended, shown until purged
		}
		tasks[i] = state
	}
	return tasks, nil
}

// submit writes the batch script of the unfinished cases and submits it,
// returning nil when every case has finished.
func (e SlurmExecutor) submit(ctx context.Context, cases []Case, out string, log io.Writer) (*slurmJob, error) {
	var runs []string
	for _, c := range cases {
		if dir := c.Dir(out); !finishedRun(dir) {
			abs, err := filepath.Abs(dir)
			if err != nil {
				return nil, err
			}
			runs = append(runs, abs)
		}
	}
	if len(runs) == 0 {
		return nil, nil
	}
	dir, err := filepath.Abs(filepath.Join(out, "slurm"))
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, errors.Wrap(err, "slurm directory")
	}
	binary := e.Binary
	if binary == "" {
		if binary, err = os.Executable(); err != nil {
			return nil, errors.Wrap(err, "the pinn binary for the tasks")
		}
	}
	script := filepath.Join(dir, "batch.sh")
	if err := atomicfile.Write(script, []byte(batchScript(e.Job, binary, dir, runs)), 0o755); err != nil {
		return nil, err
	}
	args := append([]string{"--parsable", fmt.Sprintf("--array=0-%d", len(runs)-1)}, e.Sbatch...)
	raw, err := e.commands().Output(ctx, "sbatch", append(args, script)...)
	if err != nil {
		return nil, errors.Wrap(err, "submitting the study")
	}
	id, _, _ := strings.Cut(strings.TrimSpace(string(raw)), ";")
	if _, err := strconv.Atoi(id); err != nil {
		return nil, errors.Errorf("sbatch: unexpected output %q", raw)
	}
	job := &slurmJob{ID: id, Runs: runs}
	b, err := json.MarshalIndent(job, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := atomicfile.Write(filepath.Join(dir, "job.json"), append(b, '\n'), 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "submitted slurm job %s, one task per run: %d (%s; logs %s_*.log)\n", id, len(runs), script, filepath.Join(dir, id))
	return job, nil
}

func (e SlurmExecutor) commands() Commands {
	if e.Commands == nil {
		return ExecCommands{}
	}
	return e.Commands
}

// readSlurmJob returns the job submitted into dir and not yet retired, or
// nil.
func readSlurmJob(dir string) (*slurmJob, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "job.json"))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, errors.Wrap(err, "slurm job")
	}
	var job slurmJob
	if err := json.Unmarshal(raw, &job); err != nil || job.ID == "" {
		return nil, errors.Errorf("%s is damaged: remove it (and cancel its job with scancel if it still runs)", filepath.Join(dir, "job.json"))
	}
	return &job, nil
}

// finishedRun reports whether the run in dir has written its metrics: it
// has finished or diverged. A time-marching run writes its own only once
// every window has finished, or when one diverges; a compacted run keeps
// them.
func finishedRun(dir string) bool {
	_, err := readMetrics(dir)
	return err == nil
}

// allFinished reports whether every case's run has written its metrics.
func allFinished(cases []Case, out string) bool {
	for _, c := range cases {
		if !finishedRun(c.Dir(out)) {
			return false
		}
	}
	return true
}

// writeCaseConfig writes the case's config.json into its run directory
// unless the directory already holds that config; a directory holding
// another config is bad input.
func writeCaseConfig(c Case, dir string) error {
	path := filepath.Join(dir, "config.json")
	want, err := marshalFinite(c.Config)
	if err != nil {
		return err
	}
	if old, err := LoadConfig(path); err == nil {
		got, err := marshalFinite(old)
		if err == nil && bytes.Equal(got, want) {
			return nil
		}
		return &RunDirError{Dir: dir, Err: errors.New("its config.json is not the study's")}
	}
	if HoldsRun(dir) {
		return &RunDirError{Dir: dir, Err: errors.New("it has no readable config.json")}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return errors.Wrap(err, "run directory")
	}
	return atomicfile.Write(path, append(want, '\n'), 0o644)
}
