package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The TestSlurm tests run studies through a real Slurm cluster, such as
// the one experiments/slurm/local.sh stands up on this machine; they skip
// where there is none.

// needSlurm skips the test unless sbatch is on PATH and the cluster has a
// node that takes jobs.
func needSlurm(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("sbatch"); err != nil {
		t.Skip("sbatch is not on PATH (experiments/slurm/local.sh up starts a local cluster)")
	}
	out, err := exec.Command("sinfo", "-h", "-o", "%T").CombinedOutput()
	if err != nil || !regexp.MustCompile(`(?m)^(idle|mixed|allocated)`).Match(out) {
		t.Skipf("the Slurm cluster does not answer or has no node up: %v %s", err, out)
	}
}

// smokeStudy is a study small enough for a test: one PDE, two solvers.
var smokeStudy = []string{"-budget", "smoke", "-pdes", "burgers", "-solvers", "adam,soap", "-steps", "40"}

func TestSlurmStudyMatchesLocal(t *testing.T) {
	needSlurm(t)
	dir := t.TempDir()
	viaSlurm, local := filepath.Join(dir, "slurm"), filepath.Join(dir, "local")
	args := append([]string{"compare", "-out", viaSlurm, "-executor", "slurm", "-sbatch", "--time=10", "-poll", "500ms"}, smokeStudy...)
	code, stdout, stderr := pinn(t, nil, args...)
	if code != 0 || !strings.Contains(stdout, "submitted slurm job") {
		t.Fatalf("submitting: status %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, stderr = pinn(t, nil, append(args, "-wait")...); code != 0 || !strings.Contains(stdout, "wrote ") {
		t.Fatalf("following: status %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, stderr = pinn(t, nil, append([]string{"compare", "-out", local}, smokeStudy...)...); code != 0 {
		t.Fatalf("local study: status %d\n%s%s", code, stdout, stderr)
	}
	for _, run := range []string{"burgers/adam/seed-1", "burgers/soap/seed-1"} {
		sameMetrics(t, filepath.Join(viaSlurm, run), filepath.Join(local, run))
	}
	if _, err := os.Stat(filepath.Join(viaSlurm, "results.md")); err != nil {
		t.Error(err)
	}
}

func TestSlurmRequeuedTaskFinishes(t *testing.T) {
	needSlurm(t)
	dir := t.TempDir()
	viaSlurm, local := filepath.Join(dir, "slurm"), filepath.Join(dir, "local")
	study := []string{"-budget", "smoke", "-pdes", "burgers", "-solvers", "adam", "-steps", "6000"}
	args := append([]string{"compare", "-out", viaSlurm, "-executor", "slurm", "-sbatch", "--time=10", "-poll", "500ms"}, study...)
	code, stdout, stderr := pinn(t, nil, args...)
	job := regexp.MustCompile(`submitted slurm job (\d+)`).FindStringSubmatch(stdout)
	if code != 0 || job == nil {
		t.Fatalf("submitting: status %d\n%s%s", code, stdout, stderr)
	}
	t.Cleanup(func() { exec.Command("scancel", job[1]).Run() })
	run := filepath.Join(viaSlurm, "burgers/adam/seed-1")
	waitFor(t, filepath.Join(run, "checkpoint.ckpt"))
	// What Slurm does at a time limit or preemption: SIGTERM to the task.
	if out, err := exec.Command("scancel", "--batch", "--signal=TERM", job[1]).CombinedOutput(); err != nil {
		t.Fatalf("scancel: %v %s", err, out)
	}
	// The task requeues itself; Slurm holds a requeued job two minutes.
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(200 * time.Millisecond) {
		out, _ := exec.Command("scontrol", "show", "job", job[1]).CombinedOutput()
		if strings.Contains(string(out), "Restarts=1") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the task was not requeued:\n%s", out)
		}
	}
	if out, err := exec.Command("scontrol", "update", "jobid="+job[1], "StartTime=now").CombinedOutput(); err != nil {
		t.Fatalf("scontrol: %v %s", err, out)
	}
	if code, stdout, stderr = pinn(t, nil, append(args, "-wait")...); code != 0 {
		t.Fatalf("following: status %d\n%s%s", code, stdout, stderr)
	}
	logs, _ := filepath.Glob(filepath.Join(viaSlurm, "slurm", job[1]+"_0.log"))
	if len(logs) != 1 {
		t.Fatal("no log of the task")
	}
	text, err := os.ReadFile(logs[0])
	if err != nil || !strings.Contains(string(text), "checkpoint written") || !strings.Contains(string(text), "(restart 1)") {
		t.Fatalf("the log does not show the checkpoint and the restart: %v\n%s", err, text)
	}
	if code, stdout, stderr = pinn(t, nil, append([]string{"compare", "-out", local}, study...)...); code != 0 {
		t.Fatalf("local study: status %d\n%s%s", code, stdout, stderr)
	}
	sameMetrics(t, run, filepath.Join(local, "burgers/adam/seed-1"))
}

// sameMetrics fails the test unless the runs in a and b have the same
// metrics.json but for their timings.
func sameMetrics(t *testing.T, a, b string) {
	t.Helper()
	read := func(dir string) map[string]any {
		raw, err := os.ReadFile(filepath.Join(dir, "metrics.json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "wall_s")
		delete(m, "step_ms")
		return m
	}
	if ma, mb := read(a), read(b); !reflect.DeepEqual(ma, mb) {
		t.Errorf("%s and %s differ:\n%v\n%v", a, b, ma, mb)
	}
}
