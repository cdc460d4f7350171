package experiments

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCheckpointBytesDeterministic checks that a checkpoint's bytes are a
// function of the state: the same trainer saved twice, and two trainers
// that took the same steps (clocks aside), give the same bytes, with
// diagnostics and points, which live in maps, in the state.
func TestCheckpointBytesDeterministic(t *testing.T) {
	cfg := tinyBalanced(t, false) // the initial and boundary terms stay, for the balancer to weigh
	var saved [][]byte
	for range 2 {
		tr, err := NewTrainer(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if _, err := tr.Step(); err != nil {
				t.Fatal(err)
			}
		}
		if len(tr.History[2].Diag) < 2 {
			t.Fatalf("diagnostics %v: the test needs several", tr.History[2].Diag)
		}
		for i := range tr.History { // the clocks of the two trainers differ
			tr.History[i].WallS = 0
		}
		tr.stepWall = 0
		for range 2 {
			path := filepath.Join(t.TempDir(), CheckpointFile)
			if err := tr.SaveCheckpoint(path); err != nil {
				t.Fatal(err)
			}
			raw, _ := os.ReadFile(path)
			saved = append(saved, raw)
		}
	}
	for i := 1; i < len(saved); i++ {
		if !bytes.Equal(saved[i], saved[0]) {
			t.Fatalf("checkpoint %d of the same state differs from the first", i)
		}
	}
}

// TestBalanceOneTerm checks that a balancer over the single term hard
// constraints leave records its weight instead of failing.
func TestBalanceOneTerm(t *testing.T) {
	tr, err := NewTrainer(tinyBalanced(t, true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Step(); err != nil {
		t.Fatal(err)
	}
	if w, ok := tr.History[0].Diag["w_pde"]; !ok || w != 1 {
		t.Errorf("diagnostics %v: want w_pde = 1", tr.History[0].Diag)
	}
}

// tinyBalanced returns a small Burgers run whose loss weights the "lra"
// balancer sets, with hard or soft initial and boundary constraints.
func tinyBalanced(t *testing.T, hard bool) Config {
	t.Helper()
	cfg, err := Default("burgers")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Network = NetworkConfig{Width: 8, Depth: 2, Activation: "tanh"}
	pool, batch := 64, 16
	cfg.Terms = map[string]TermConfig{"pde": {Pool: &pool, Batch: &batch}, "ic": {Pool: &batch}, "bc": {Pool: &batch}}
	cfg.Eval = EvalConfig{NX: 11, NT: 6}
	cfg.HardConstraints = hard
	cfg.Balance.Method = "lra"
	return cfg
}
