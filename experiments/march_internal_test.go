package experiments

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/pinngo/pinn/graph"
	"github.com/pinngo/pinn/residuals"
)

// marchPair builds the two untrained windows of a tiny Allen–Cahn run, the
// second from the first's end values.
func marchPair(t *testing.T) (Config, residuals.Problem, []*Trainer, graph.Points) {
	t.Helper()
	cfg, err := Default("allen-cahn")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Network.Width, cfg.Network.Depth, cfg.Causal = 16, 2, nil
	pool, batch := 600, 0 // all of the pool every step
	cfg.Terms["ic"] = TermConfig{Weight: cfg.Terms["ic"].Weight, Pool: &pool, Batch: &batch}
	cfg.Eval = EvalConfig{NX: 32, NT: 11}
	cfg.March = &MarchConfig{Windows: 2}
	p, err := residuals.Lookup("allen-cahn")
	if err != nil {
		t.Fatal(err)
	}
	w0, err := defaultBuilders().newTrainer(cfg.window(0), windowProblem(p, 0, 0.5, nil))
	if err != nil {
		t.Fatal(err)
	}
	start, err := w0.startPoints(p, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Seed++ // a second, different network
	w1, err := defaultBuilders().newTrainer(cfg.window(1), windowProblem(p, 0.5, 1, start))
	if err != nil {
		t.Fatal(err)
	}
	return cfg, p, []*Trainer{w0, w1}, start
}

// TestMarchStartPoints checks that a window's initial data are the
// previous network's values at its start time, at as many points as the
// term "ic" is configured with, and that the window's term "ic" fits them.
func TestMarchStartPoints(t *testing.T) {
	cfg, _, w, start := marchPair(t)
	if n, want := start.Len(), *cfg.Terms["ic"].Pool; n != want {
		t.Fatalf("%d start points, want the ic pool's %d", n, want)
	}
	pred, err := graph.NewPredictor(w[0].Model, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		at := graph.Points{"x": {start["x"][i]}, "t": {0.5}}
		u, err := pred.Predict(at)
		if err != nil {
			t.Fatal(err)
		}
		if start["t"][i] != 0.5 || u[0][0] != start["u0"][i] {
			t.Errorf("point %d: (%g, %g) u0 %g, network %g", i, start["x"][i], start["t"][i], start["u0"][i], u[0][0])
		}
	}
	// The second window's ic loss is the mean squared gap between the two networks there.
	other, err := graph.NewPredictor(w[1].Model, 4096, nil)
	if err != nil {
		t.Fatal(err)
	}
	u1, err := other.Predict(graph.Points{"x": start["x"], "t": start["t"]})
	if err != nil {
		t.Fatal(err)
	}
	var mse float64
	for i, u := range u1[0] {
		mse += (u - start["u0"][i]) * (u - start["u0"][i]) / float64(len(u1[0]))
	}
	gr, err := w[1].Loss.Compute()
	if err != nil {
		t.Fatal(err)
	}
	k := termIndex(w[1].Problem.Conditions, "ic") + 1 // after "pde"; the periodic term is dropped
	if names := w[1].Loss.Terms(); names[k] != "ic" {
		t.Fatalf("terms %v", names)
	}
	if got := gr.Losses[k]; abs(got-mse) > 1e-12*mse {
		t.Errorf("window 2's ic loss %.15g, mean squared gap %.15g", got, mse)
	}
}

// TestMarchPredictTakesEachRowFromItsWindow checks the whole run's
// prediction: rows before t = 0.5 from the first window, from 0.5 on from
// the second, each equal to that window's own prediction on its slab.
func TestMarchPredictTakesEachRowFromItsWindow(t *testing.T) {
	cfg, p, w, _ := marchPair(t)
	ref, err := p.Reference(cfg.Eval.NX, cfg.Eval.NT)
	if err != nil {
		t.Fatal(err)
	}
	got, err := marchPredict(ref, []float64{0, 0.5, 1}, w)
	if err != nil {
		t.Fatal(err)
	}
	nx := len(ref.X)
	for k, rows := range [][2]int{{0, 5}, {5, 11}} { // t = 0, 0.1, …, 1: row 5 is t = 0.5
		own, err := w[k].Eval.Predict() // on the slab [0, 0.5] or [0.5, 1]
		if err != nil {
			t.Fatal(err)
		}
		for j := rows[0]; j < rows[1]; j++ {
			for i := range nx {
				a, b := got[j*nx+i], own[(j-rows[0])*nx+i] // each slab starts at its row rows[0]
				if a != b {
					t.Fatalf("row %d (t = %g), x %g: %g, window %d gives %g", j, ref.T[j], ref.X[i], a, k+1, b)
				}
			}
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestMarchWarmStart checks that with warm_start the second window's run
// starts from the first window's final parameters: retraining it from
// those reproduces its checkpoint bit for bit, and from a fresh network
// does not.
func TestMarchWarmStart(t *testing.T) {
	cfg, p, _, _ := marchPair(t)
	cfg.Seed--
	cfg.Steps, cfg.Hyper = 4, map[string]float64{"lr": 1e-2}
	cfg.March.WarmStart = true
	dir := t.TempDir()
	if _, err := March(context.Background(), cfg, p, dir, io.Discard); err != nil {
		t.Fatal(err)
	}
	load := func(k int, start graph.Points) *Trainer {
		w, err := defaultBuilders().newTrainer(cfg.window(k), windowProblem(p, 0.5*float64(k), 0.5*float64(k+1), start))
		if err != nil {
			t.Fatal(err)
		}
		if err := w.LoadCheckpoint(filepath.Join(dir, fmt.Sprintf("window-%02d", k+1), CheckpointFile)); err != nil {
			t.Fatal(err)
		}
		return w
	}
	first := load(0, nil)
	start, err := first.startPoints(p, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	want := load(1, start)
	for _, warm := range []bool{true, false} {
		w, err := defaultBuilders().newTrainer(cfg.window(1), windowProblem(p, 0.5, 1, start))
		if err != nil {
			t.Fatal(err)
		}
		if warm {
			copyInto(w.Net.Params(), first.Net.Params())
		}
		for range cfg.Steps {
			if _, err := w.Step(); err != nil {
				t.Fatal(err)
			}
		}
		same := true
		for i, p := range w.Net.Params() {
			a, b := paramValues(p.Value), paramValues(want.Net.Params()[i].Value)
			for j := range a {
				same = same && a[j] == b[j]
			}
		}
		if same != warm {
			t.Errorf("retrained from the first window's parameters: %t; equal to the run's second window: %t", warm, same)
		}
	}
}
