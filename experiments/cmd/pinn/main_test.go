package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
)

// TestBadInputExitsTwo checks that bad input gives one line on stderr and
// exit status 2, without a panic.
func TestBadInputExitsTwo(t *testing.T) {
	ro := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		// root writes anywhere: use a path under a regular file instead.
		f := filepath.Join(t.TempDir(), "file")
		os.WriteFile(f, nil, 0o644)
		ro = filepath.Join(f, "sub")
	}
	cases := []struct {
		name string
		args []string
	}{
		{"no command", nil},
		{"unknown command", []string{"fly"}},
		{"unknown pde", []string{"train", "-pde", "navier-stokes", "-out", t.TempDir()}},
		{"unknown solver", []string{"train", "-solver", "sgd2", "-out", t.TempDir()}},
		{"negative steps", []string{"train", "-steps", "-5", "-out", t.TempDir()}},
		{"unwritable out", []string{"train", "-steps", "1", "-out", ro}},
		{"bad flag", []string{"train", "-nosuch"}},
		{"bench bad size", []string{"bench", "-n", "3"}},
		{"bench unknown pde", []string{"bench", "-pdes", "navier-stokes", "-n", "8", "-steps", "1"}},
		{"bad hyper", []string{"train", "-hyper", "lr", "-out", t.TempDir()}},
		{"unknown hyper", []string{"train", "-hyper", "momentum=0.9", "-out", t.TempDir()}},
		{"missing config", []string{"train", "-config", "/nonexistent.json"}},
		{"unknown config field", []string{"train", "-config", writeFile(t, `{"pde": "burgers", "stepz": 3}`), "-out", t.TempDir()}},
		{"wrong config type", []string{"train", "-config", writeFile(t, `{"pde": "burgers", "steps": "many"}`), "-out", t.TempDir()}},
		{"impossible config value", []string{"train", "-config", writeFile(t, `{"pde": "burgers", "eval": {"nx": 1}}`), "-out", t.TempDir()}},
		{"negative checkpoint-every", []string{"train", "-checkpoint-every", "-2", "-out", t.TempDir()}},
		{"unknown balance", []string{"train", "-balance", "magic", "-out", t.TempDir()}},
		{"resume missing run", []string{"train", "-resume", filepath.Join(t.TempDir(), "nothing")}},
		{"resume with out", []string{"train", "-resume", t.TempDir(), "-out", t.TempDir()}},
		{"resume with config", []string{"train", "-resume", t.TempDir(), "-config", "x.json"}},
		{"compare unknown pde", []string{"compare", "-pdes", "burgers,heat", "-out", t.TempDir()}},
		{"compare unknown solver", []string{"compare", "-solvers", "adam,sgd9", "-out", t.TempDir()}},
		{"compare unknown budget", []string{"compare", "-budget", "huge", "-out", t.TempDir()}},
		{"compare bad seeds", []string{"compare", "-seeds", "1,x", "-out", t.TempDir()}},
		{"compare repeated seeds", []string{"compare", "-seeds", "1,1", "-out", t.TempDir()}},
		{"compare no workers", []string{"compare", "-workers", "0", "-out", t.TempDir()}},
		{"compare unwritable out", []string{"compare", "-pdes", "burgers", "-solvers", "adam", "-out", ro}},
		{"compare negative steps", []string{"compare", "-steps", "-1", "-out", t.TempDir()}},
		{"compare bad variant", []string{"compare", "-solvers", "adam:lr", "-out", t.TempDir()}},
		{"compare tune zero lr", []string{"compare", "-tune-lr", "0.001,0", "-out", t.TempDir()}},
		{"compare tune bad lr", []string{"compare", "-tune-lr", "0.001,fast", "-out", t.TempDir()}},
		{"compare tune NaN lr", []string{"compare", "-tune-lr", "NaN", "-out", t.TempDir()}},
		{"compare tune infinite lr", []string{"compare", "-tune-lr", "0.01,+Inf", "-out", t.TempDir()}},
		{"compare tune variant with lr", []string{"compare", "-solvers", "adam,soap:lr=0.003", "-tune-lr", "0.001", "-out", t.TempDir()}},
		{"compare tune lbfgs", []string{"compare", "-solvers", "adam,lbfgs", "-tune-lr", "0.001", "-out", t.TempDir()}},
		{"compare presets missing pde", []string{"compare", "-presets", tinyPresets(t), "-pdes", "burgers,kdv", "-out", t.TempDir()}},
		{"compare presets missing dir", []string{"compare", "-presets", filepath.Join(t.TempDir(), "none"), "-pdes", "burgers", "-out", t.TempDir()}},
		{"compare presets unknown solver", []string{"compare", "-presets", tinyPresets(t), "-pdes", "burgers", "-solvers", "adam,sgd9", "-out", t.TempDir()}},
		{"compare presets lbfgs", []string{"compare", "-presets", tinyPresets(t), "-pdes", "burgers", "-solvers", "lbfgs", "-out", t.TempDir()}},
		{"compare presets unknown hyper", []string{"compare", "-presets", tinyPresets(t), "-pdes", "burgers", "-solvers", "soap:momentum=1", "-out", t.TempDir()}},
		{"compare presets and budget", []string{"compare", "-presets", tinyPresets(t), "-pdes", "burgers", "-budget", "smoke", "-out", t.TempDir()}},
		{"compare presets tune", []string{"compare", "-presets", tinyPresets(t), "-pdes", "burgers", "-tune-lr", "0.001", "-out", t.TempDir()}},
		{"compare presets other pde", []string{"compare", "-presets", writeDir(t, "kdv.json", `{"pde": "burgers"}`), "-pdes", "kdv", "-out", t.TempDir()}},
		{"autobalance unknown pde", []string{"autobalance", "-pdes", "heat", "-out", t.TempDir()}},
		{"ablate unknown study", []string{"ablate", "-study", "dropout", "-out", t.TempDir()}},
		{"ablate bad batches", []string{"ablate", "-study", "batch", "-batches", "0", "-out", t.TempDir()}},
		{"ablate unknown budget", []string{"ablate", "-study", "batch", "-budget", "huge", "-out", t.TempDir()}},
		{"ablate unwritable out", []string{"ablate", "-study", "batch", "-solvers", "adam", "-out", ro}},
		{"train lr-sweep bad lr", []string{"train", "-lr-sweep", "0.001,fast", "-out", t.TempDir()}},
		{"train lr-sweep zero lr", []string{"train", "-lr-sweep", "0.001,0", "-out", t.TempDir()}},
		{"train lr-sweep no steps", []string{"train", "-lr-sweep", "0.001", "-lr-sweep-steps", "0", "-out", t.TempDir()}},
		{"train lr-sweep lbfgs", []string{"train", "-solver", "lbfgs", "-lr-sweep", "0.001", "-out", t.TempDir()}},
		{"train noise without observations", []string{"train", "-config", writeFile(t, `{"pde": "burgers", "noise": 0.01}`), "-out", t.TempDir()}},
		{"reference unknown pde", []string{"reference", "-pde", "nosuch", "-out", filepath.Join(t.TempDir(), "r.csv")}},
		{"set unknown field", []string{"train", "-set", "network.widht=16", "-out", t.TempDir()}},
		{"set wrong type", []string{"train", "-set", "network.width=wide", "-out", t.TempDir()}},
		{"set no value", []string{"train", "-set", "network.width", "-out", t.TempDir()}},
		{"set unknown coefficient", []string{"train", "-set", "pde.mu=0.1", "-out", t.TempDir()}},
		{"set bad coefficient", []string{"train", "-set", "pde.nu=-1", "-out", t.TempDir()}},
		{"reference set unknown coefficient", []string{"reference", "-set", "pde.mu=0.1", "-out", filepath.Join(t.TempDir(), "r.csv")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), c.args, &stdout, &stderr)
			if code != 2 {
				t.Errorf("exit status %d, want 2 (stderr %q)", code, stderr.String())
			}
			if msg := stderr.String(); strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") {
				t.Errorf("stderr %q, want one line", msg)
			}
		})
	}
}

func TestListAndReference(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"list"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "burgers") || !strings.Contains(stdout.String(), "-set pde.NAME: diffusion=0.0001 reaction=5") {
		t.Fatalf("list: status %d, output %q %q", code, stdout.String(), stderr.String())
	}
	out := filepath.Join(t.TempDir(), "b.csv")
	if code := run(context.Background(), []string{"reference", "-pde", "burgers", "-nx", "5", "-nt", "3", "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("reference: status %d: %s", code, stderr.String())
	}
	raw, _ := os.ReadFile(out)
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 16 || lines[0] != "x,t,u" || !strings.HasPrefix(lines[1], "-1,0,") {
		t.Fatalf("reference CSV: %q", lines[:2])
	}
}

// writeFile writes text to a temporary file and returns its path.
func writeFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeDir writes text into a file called name in a new directory and
// returns the directory.
func writeDir(t *testing.T, name, text string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestTrainSolverFlag checks that a preset keeps its own solver and
// hyper-parameters unless -solver names another, which then starts from
// its registry defaults.
func TestTrainSolverFlag(t *testing.T) {
	cases := []struct {
		args       []string
		solver     string
		hyperCount int
	}{
		{[]string{"-pde", "poisson-inverse"}, "adam+lbfgs", 2},
		{[]string{"-pde", "poisson-inverse", "-solver", "soap"}, "soap", 0},
		{[]string{"-pde", "poisson-inverse", "-solver", "adam+lbfgs"}, "adam+lbfgs", 2},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			dir := t.TempDir()
			args := append([]string{"train", "-steps", "0", "-width", "4", "-depth", "1", "-out", dir}, c.args...)
			mustRun(t, args...)
			cfg, err := experiments.LoadConfig(filepath.Join(dir, "config.json"))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Solver != c.solver || len(cfg.Hyper) != c.hyperCount {
				t.Errorf("solver %q with hyper %v, want %q with %d hyper-parameters", cfg.Solver, cfg.Hyper, c.solver, c.hyperCount)
			}
		})
	}
}
