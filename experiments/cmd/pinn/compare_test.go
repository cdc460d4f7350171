package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareTune runs a tuned study end to end at the smoke budget on one
// PDE and two solvers, then reports it again with -partial.
func TestCompareTune(t *testing.T) {
	out := t.TempDir()
	args := []string{"compare", "-budget", "smoke", "-tune-lr", "0.001,0.01", "-seeds", "1,2", "-pdes", "burgers", "-solvers", "adam,pde-aware", "-workers", "2", "-out", out}
	mustRun(t, args...)
	md, err := os.ReadFile(filepath.Join(out, "results.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"pinn compare -budget smoke -tune-lr 0.001,0.01",
		"## Tuned learning rate", "## Registry default learning rate", "## Tuning (seed 1)",
		"never looks at the error against the reference",
		"| PDE | solver | rel. L2 | L∞ | final loss | wall (s) | step (ms) | seeds |",
		"| burgers | adam:lr=0.001 | ", "| burgers | pde-aware:lr=0.01 | ", " (chosen) | ",
		"![curves](curves.png)", "![burgers](solutions-burgers.png)",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("results.md lacks %q", want)
		}
	}
	if strings.Contains(string(md), "Missing runs") {
		t.Error("a finished study lists missing runs")
	}
	// Both tables hold a row per solver, each over both seeds.
	tables := string(md)[strings.Index(string(md), "## Tuned"):strings.Index(string(md), "## Tuning")]
	rows := 0
	for _, line := range strings.Split(tables, "\n") {
		if strings.HasPrefix(line, "| burgers |") {
			rows++
			if !strings.HasSuffix(line, " | 2 |") {
				t.Errorf("row %q does not hold 2 seeds", line)
			}
		}
	}
	if rows != 4 {
		t.Errorf("%d rows in the tuned and default tables, want 4", rows)
	}

	mustRun(t, append(args, "-partial")...)
	again, _ := os.ReadFile(filepath.Join(out, "results.md"))
	if !strings.Contains(string(again), "Partial report: ") || !strings.Contains(string(again), ", 0 missing.") || strings.Contains(string(again), "Missing runs") {
		t.Errorf("-partial on the finished study:\n%s", again)
	}
}

// mustRun runs pinn with args and fails the test unless it succeeds.
func mustRun(t *testing.T, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("pinn %s: status %d: %s", strings.Join(args, " "), code, stderr.String())
	}
}

// TestCompareDivergedLR runs a tuned study in which one learning rate
// diverges: the study succeeds, records that run as diverged and chooses
// the other lr.
func TestCompareDivergedLR(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := pinn(t, nil, "compare", "-budget", "smoke", "-steps", "10", "-pdes", "burgers", "-solvers", "adam", "-tune-lr", "0.001,1e6,1e300", "-out", out)
	if code != 0 {
		t.Fatalf("status %d: %s%s", code, stdout, stderr)
	}
	md, _ := os.ReadFile(filepath.Join(out, "results.md"))
	for _, want := range []string{"| burgers | adam:lr=1e+300 | not finite | not finite | 1 (1 diverged) |", "| burgers | adam:lr=0.001 (chosen) |"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("results.md lacks %q:\n%s", want, md)
		}
	}
	raw, _ := os.ReadFile(filepath.Join(out, "burgers", "adam_lr=1e+300", "seed-1", "metrics.json"))
	if !strings.Contains(string(raw), `"diverged": "diverged: non-finite`) {
		t.Errorf("the diverged run's metrics.json: %s", raw)
	}
}
