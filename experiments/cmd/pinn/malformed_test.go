package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMalformedInputs runs the pinn binary on malformed inputs of every
// kind: each must exit with status 2 and exactly one line on stderr, with
// no goroutine dump, and write nothing into a run directory.
func TestMalformedInputs(t *testing.T) {
	tmp := t.TempDir()
	cfg := func(text string) string {
		f, err := os.CreateTemp(tmp, "config*.json")
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(text)
		f.Close()
		return f.Name()
	}
	held := filepath.Join(tmp, "held")
	os.MkdirAll(held, 0o755)
	os.WriteFile(filepath.Join(held, "config.json"), []byte(`{"pde": "burgers"}`), 0o644)
	damaged := filepath.Join(tmp, "damaged")
	os.MkdirAll(damaged, 0o755)
	os.WriteFile(filepath.Join(damaged, "config.json"), []byte(`{"pde": "burgers", "steps": 5}`), 0o644)
	os.WriteFile(filepath.Join(damaged, "checkpoint.ckpt"), []byte("not a checkpoint"), 0o644)
	study := filepath.Join(tmp, "study") // a study whose one run is damaged
	os.MkdirAll(filepath.Join(study, "burgers", "adam", "seed-1"), 0o755)
	os.WriteFile(filepath.Join(study, "burgers", "adam", "seed-1", "checkpoint.ckpt"), []byte("damaged"), 0o644)
	notDir := filepath.Join(tmp, "file")
	os.WriteFile(notDir, nil, 0o644)
	out := filepath.Join(tmp, "out")
	big := strings.Repeat(" ", 2<<20)

	cases := [][]string{
		{},
		{"fly"},
		{"TRAIN"},
		{"list", "foo"},
		{"list", "-x"},
		{"reference", "-pde", "burgers", "-out", out + ".csv", "extra"},
		{"reference", "-pde", "nosuch", "-out", out + ".csv"},
		{"reference", "-nx", "1", "-out", out + ".csv"},
		{"reference", "-nt", "-3", "-out", out + ".csv"},
		{"reference", "-nx", "1000000000", "-out", out + ".csv"},
		{"reference", "-nx", "nine", "-out", out + ".csv"},
		{"reference", "-pde", "burgers"},
		{"reference", "-max-memory", "0", "-out", out + ".csv"},
		{"train", "stray"},
		{"train", "-pde", "navier-stokes", "-out", out},
		{"train", "-solver", "sgd", "-out", out},
		{"train", "-steps", "-1", "-out", out},
		{"train", "-steps", "1e3", "-out", out},
		{"train", "-width", "0", "-out", out},
		{"train", "-width", "1000000", "-out", out},
		{"train", "-width", "9223372036854775807", "-out", out},
		{"train", "-width", "99999999999999999999", "-out", out},
		{"train", "-depth", "1000000000000", "-out", out},
		{"train", "-depth", "-2", "-out", out},
		{"train", "-dtype", "float16", "-out", out},
		{"train", "-hyper", "lr", "-out", out},
		{"train", "-hyper", "lr=inf", "-out", out},
		{"train", "-hyper", "lr=NaN", "-out", out},
		{"train", "-hyper", "lr=-Inf", "-out", out},
		{"train", "-hyper", "momentum=0.9", "-out", out},
		{"train", "-balance", "magic", "-out", out},
		{"train", "-eval-every", "-5", "-out", out},
		{"train", "-checkpoint-every", "-1", "-out", out},
		{"train", "-max-memory", "1K", "-out", out},
		{"train", "-max-memory", "lots", "-out", out},
		{"train", "-out", notDir + "/sub"},
		{"train", "-out", held},
		{"train", "-resume", held, "-force"},
		{"train", "-resume", damaged},
		{"train", "-resume", filepath.Join(tmp, "nothing")},
		{"train", "-resume", held, "-out", out},
		{"train", "-config", "/dev/zero", "-out", out},
		{"train", "-config", "/nonexistent.json", "-out", out},
		{"train", "-config", cfg(big), "-out", out},
		{"train", "-config", cfg(``), "-out", out},
		{"train", "-config", cfg(`[1, 2]`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers"`), "-out", out},
		{"train", "-config", cfg(`{"steps": 5}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers", "stepz": 3}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers", "steps": "many"}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers", "steps": 1e30}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers", "terms": {"pde": {"pool": 1000000000000}}}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers", "terms": {"pde": {"weight": -1}}}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers", "terms": {"nosuch": {}}}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers", "eval": {"nx": 100000000, "nt": 100000000}}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers", "eval": {"nx": 1}}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers", "causal": {"chunks": 0}}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers", "network": {"activation": "relu6"}}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers", "time_marching": {"windows": 0}}`), "-out", out},
		{"train", "-config", cfg(`{"pde": "burgers"}`), "-pde", "kdv", "-out", out},
		{"compare", "stray"},
		{"compare", "-pdes", "heat", "-out", out},
		{"compare", "-solvers", "adam:lr=inf", "-out", out},
		{"compare", "-solvers", "adam:lr", "-out", out},
		{"compare", "-seeds", "1,1", "-out", out},
		{"compare", "-seeds", "-1", "-out", out},
		{"compare", "-budget", "huge", "-out", out},
		{"compare", "-workers", "0", "-out", out},
		{"compare", "-tune-lr", "0.01,+Inf", "-out", out},
		{"compare", "-tune-lr", "0", "-out", out},
		{"compare", "-budget", "smoke", "-pdes", "burgers", "-solvers", "adam", "-out", study},
		{"autobalance", "-pdes", "heat", "-out", out},
		{"ablate", "-study", "dropout", "-out", out},
		{"ablate", "-study", "batch", "-batches", "0", "-out", out},
		{"ablate", "-study", "cost", "-widths", "10000000", "-out", out},
		{"ablate", "-study", "batch", "-batches", "1000000000000", "-out", out},
		{"hessian", "extra"},
		{"hessian", "-config", "x.json", "-run", held, "-out", out},
		{"hessian", "-run", held, "-out", out},
		{"bench", "extra"},
		{"bench", "-n", "3"},
		{"bench", "-n", "1000000000000"},
		{"bench", "-solvers", "nosuch", "-n", "8"},
		{"bench", "-dtypes", "int8", "-n", "8"},
		{"bench", "-steps", "0"},
	}
	if len(cases) < 50 {
		t.Fatalf("%d cases, want at least 50", len(cases))
	}
	before := snapshot(t, held)
	for _, args := range cases {
		code, _, stderr := pinn(t, nil, args...)
		if code != 2 {
			t.Errorf("pinn %q: status %d, want 2 (stderr %q)", args, code, stderr)
		}
		oneLine(t, strings.Join(args, " "), stderr)
	}
	if !equalFiles(before, snapshot(t, held)) {
		t.Error("a refused command changed the run directory it was refused")
	}
	if _, err := os.Stat(filepath.Join(out, "config.json")); err == nil {
		t.Error("a refused command wrote a run into -out")
	}
}
