package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// binary is the pinn command built once for the tests that run it as a
// process; empty when the build failed (those tests then fail).
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pinn-bin")
	if err == nil {
		path := filepath.Join(dir, "pinn")
		if out, err := exec.Command("go", "build", "-o", path, ".").CombinedOutput(); err == nil {
			binary = path
		} else {
			os.Stderr.Write(out)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// proc is a pinn process started by a test.
type proc struct {
	cmd            *exec.Cmd
	stdout, stderr syncBuffer
}

// syncBuffer is a bytes.Buffer that a test may read while the process
// writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitOutput polls until the process has printed text on stdout, failing
// after a minute.
func (p *proc) waitOutput(t *testing.T, text string) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(p.stdout.String(), text) {
			return
		}
	}
	t.Fatalf("the process did not print %q: %s", text, p.stdout.String())
}

// start runs the pinn binary with args in the background (GOMAXPROCS=1
// unless env sets it).
func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	if binary == "" {
		t.Fatal("the pinn binary did not build")
	}
	p := &proc{cmd: exec.Command(binary, args...)}
	p.cmd.Env = append(append(os.Environ(), "GOMAXPROCS=1"), env...)
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
	})
	return p
}

// wait waits for the process and returns its exit status.
func (p *proc) wait(t *testing.T) int {
	t.Helper()
	err := p.cmd.Wait()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return p.cmd.ProcessState.ExitCode()
}

// signal sends sig to the process by its pid.
func (p *proc) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := syscall.Kill(p.cmd.Process.Pid, sig); err != nil {
		t.Fatal(err)
	}
}

// pinn runs the binary to completion and returns its status and output.
func pinn(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	p := start(t, env, args...)
	code = p.wait(t)
	return code, p.stdout.String(), p.stderr.String()
}

// oneLine fails the test unless stderr is exactly one line without a
// goroutine dump.
func oneLine(t *testing.T, what, stderr string) {
	t.Helper()
	if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("%s: stderr %q, want one line", what, stderr)
	}
}

// waitFor polls until path exists, failing after a minute.
func waitFor(t *testing.T, path string) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
	}
	t.Fatalf("%s did not appear", path)
}
