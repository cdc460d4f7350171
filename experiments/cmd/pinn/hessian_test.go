package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyHessianConfig is Helmholtz on a 2×6 tanh network with soft boundary
// terms and a few points: an analysis of it takes about a second.
const tinyHessianConfig = `{"pde": "helmholtz", "solver": "adam", "steps": 10, "seed": 1,
 "network": {"width": 6, "depth": 2, "activation": "tanh", "modified": false},
 "hard_constraints": false, "lr_decay": null,
 "terms": {"pde": {"pool": 64, "batch": 32}, "bc_x": {"batch": 16}, "bc_y": {"batch": 16}},
 "eval": {"nx": 11, "nt": 11, "every": 0}, "checkpoint_every": 0}`

// csvRows reads history.csv in dir and returns its rows after the header.
func csvRows(t *testing.T, dir string) [][]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "history.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if lines[0] != "step,term,preconditioner,source,lambda_min,lambda_max,kappa_eff,kappa_q,products" {
		t.Fatalf("header %q", lines[0])
	}
	var rows [][]string
	for _, l := range lines[1:] {
		rows = append(rows, strings.Split(l, ","))
	}
	return rows
}

// TestHessianCommand runs the analysis along training from a config, on a
// trained run's checkpoint, and on a replay of that run, and checks what
// each writes.
func TestHessianCommand(t *testing.T) {
	cfg := writeFile(t, tinyHessianConfig)
	dir := t.TempDir()
	small := []string{"-lanczos", "8", "-probes", "1"}

	along := filepath.Join(dir, "along")
	mustRun(t, append([]string{"hessian", "-config", cfg, "-every", "5", "-terms", "pde,bc_y", "-out", along}, small...)...)
	rows := csvRows(t, along)
	// Steps 0, 5, 10 × 2 terms × raw, adam, autobalance.
	if len(rows) != 18 {
		t.Fatalf("%d rows along training, want 18", len(rows))
	}
	for _, r := range rows {
		if r[1] != "pde" && r[1] != "bc_y" {
			t.Fatalf("row for term %q, asked for pde and bc_y", r[1])
		}
		if want := map[string]string{"raw": "", "adam": "tracked", "autobalance": "tracked"}[r[2]]; r[3] != want && !(r[0] != "0" && r[2] == "adam" && r[3] == "solver") {
			t.Fatalf("row %v: source %q", r, r[3])
		}
	}
	for _, f := range []string{"hessian.json", "hessian.png"} {
		if _, err := os.Stat(filepath.Join(along, f)); err != nil {
			t.Fatal(err)
		}
	}

	run := filepath.Join(dir, "run")
	mustRun(t, "train", "-config", cfg, "-out", run)
	ckpt := filepath.Join(dir, "ckpt")
	mustRun(t, append([]string{"hessian", "-run", run, "-out", ckpt}, small...)...)
	// Step 0 with all three, step 10 with raw and the run's own Adam.
	if rows := csvRows(t, ckpt); len(rows) != 15 || rows[14][0] != "10" || rows[14][2] != "adam" || rows[14][3] != "solver" {
		t.Fatalf("checkpoint analysis rows: %v", rows)
	}

	replay := filepath.Join(dir, "replay")
	mustRun(t, append([]string{"hessian", "-run", run, "-every", "10", "-out", replay}, small...)...)
	raw, err := os.ReadFile(filepath.Join(replay, "hessian.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Replay  *float64          `json:"replay_max_abs_diff"`
		Results []json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Replay == nil || *rep.Replay != 0 || len(rep.Results) != 18 {
		t.Fatalf("replay: max |Δw| %v (want 0: the analysis must not change training), %d results", rep.Replay, len(rep.Results))
	}
}

// TestHessianBadInput checks that bad input gives one line and status 2,
// and writes nothing.
func TestHessianBadInput(t *testing.T) {
	cfg := writeFile(t, tinyHessianConfig)
	noCkpt := t.TempDir()
	os.WriteFile(filepath.Join(noCkpt, "config.json"), []byte(tinyHessianConfig), 0o644)
	f32 := writeFile(t, strings.Replace(tinyHessianConfig, `"seed": 1`, `"seed": 1, "dtype": "float32"`, 1))
	for _, c := range []struct {
		name string
		args []string
	}{
		{"neither", nil},
		{"both", []string{"-config", cfg, "-run", noCkpt}},
		{"run without checkpoint", []string{"-run", noCkpt}},
		{"unknown term", []string{"-config", cfg, "-terms", "pde,ic"}},
		{"negative every", []string{"-config", cfg, "-every", "-1"}},
		{"zero probes", []string{"-config", cfg, "-probes", "0"}},
		{"float32", []string{"-config", f32}},
		{"missing config", []string{"-config", filepath.Join(noCkpt, "nope.json")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append(append([]string{"hessian"}, c.args...), "-out", out), &stdout, &stderr)
			if code != 2 {
				t.Errorf("exit status %d, want 2 (stderr %q)", code, stderr.String())
			}
			if msg := stderr.String(); strings.Count(msg, "\n") != 1 {
				t.Errorf("stderr %q, want one line", msg)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
}
