package main

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompactCommand compacts a finished run and an old-format one and
// requires their parameters to read back bit for bit, -resume to say that
// the run is finished (status 0 at its own steps, 2 beyond), and pinn
// hessian to refuse what needs the dropped solver state.
func TestCompactCommand(t *testing.T) {
	ctx := context.Background()
	fresh := t.TempDir()
	train := trainCommand(t)
	train(ctx, 0, "-config", writeFile(t, tinyRun), "-out", fresh)
	old := filepath.Join(t.TempDir(), "oldrun")
	if err := os.CopyFS(old, os.DirFS("testdata/oldrun")); err != nil {
		t.Fatal(err)
	}
	want := map[string][]float64{fresh: params(t, fresh), old: params(t, old)}
	pinn := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(ctx, args, &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	code, stdout, stderr := pinn("compact", fresh, old)
	if code != 0 || strings.Count(stdout, " MB -> ") != 3 || !strings.Contains(stdout, "compacted 2 checkpoint(s)") {
		t.Fatalf("pinn compact: status %d: %s%s", code, stdout, stderr)
	}
	for dir, w := range want {
		got := params(t, dir)
		for i := range w {
			if math.Float64bits(got[i]) != math.Float64bits(w[i]) {
				t.Fatalf("%s: parameter %d is %v after compaction, %v before", dir, i, got[i], w[i])
			}
		}
	}
	if code, stdout, _ := pinn("compact", fresh); code != 0 || !strings.Contains(stdout, "left as it is: already compact") {
		t.Errorf("compacting again: status %d: %s", code, stdout)
	}
	if out := train(ctx, 0, "-resume", fresh); !strings.Contains(out, "holds a finished run, compacted") || !strings.Contains(out, "done: loss") {
		t.Errorf("resuming the compacted run at its own steps: %s", out)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"train further", []string{"train", "-resume", old, "-steps", "20"}, "finished at step 10 and its checkpoint is compact"},
		{"hessian", []string{"hessian", "-run", fresh, "-out", t.TempDir()}, "compact checkpoint"},
		{"no directory", []string{"compact"}, "usage: pinn compact DIR"},
		{"missing directory", []string{"compact", filepath.Join(fresh, "nothing")}, "is not a directory"},
		{"damaged", []string{"compact", writeDir(t, "checkpoint.ckpt", "pinn checkpoint\nhalf")}, "unusable"},
	}
	for _, c := range cases {
		code, _, stderr := pinn(c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: status %d, stderr %q; want 2 and %q", c.name, code, stderr, c.want)
		}
		oneLine(t, c.name, stderr)
	}
}
