package experiments_test

import (
	"fmt"
	"testing"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/residuals/reference"
)

func TestSet(t *testing.T) {
	cfg, err := experiments.Default("burgers")
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range [][2]string{
		{"network.width", "128"}, {"hyper.lr", "3e-3"}, {"pde.nu", "0.002"}, {"terms.ic.weight", "7"},
		{"causal.chunks", "8"}, {"eval.every", "0"}, {"hard_constraints", "false"},
	} {
		if err := cfg.Set(kv[0], kv[1]); err != nil {
			t.Fatalf("%s=%s: %v", kv[0], kv[1], err)
		}
	}
	if cfg.Network.Width != 128 || cfg.Hyper["lr"] != 3e-3 || cfg.Coefficients["nu"] != 0.002 || *cfg.Terms["ic"].Weight != 7 ||
		cfg.Causal == nil || cfg.Causal.Chunks != 8 || cfg.Eval.Every != 0 || cfg.HardConstraints {
		t.Errorf("config after -set: %+v", cfg)
	}
	if cfg.Network.Depth != 4 || cfg.Solver != "adam+lbfgs" || cfg.Hyper["switch"] == 0 {
		t.Errorf("-set changed other fields: %+v", cfg)
	}
	if err := cfg.Set("solver", "soap"); err != nil || cfg.Solver != "soap" || cfg.Hyper != nil {
		t.Errorf("a new solver keeps the old one's hyper-parameters %v (%v)", cfg.Hyper, err)
	}
	before := cfg
	for _, kv := range [][2]string{
		{"network.widht", "128"}, {"network.width", "wide"}, {"steps.x", "1"}, {"pde", "kdv"},
		{"pde.nu.x", "1"}, {"hyper.lr", "fast"}, {"", "1"}, {"network..width", "1"},
	} {
		if err := cfg.Set(kv[0], kv[1]); err == nil {
			t.Errorf("%s=%s: no error", kv[0], kv[1])
		} else {
			t.Logf("%s=%s: %v", kv[0], kv[1], err)
		}
	}
	if cfg.Network != before.Network || cfg.Solver != before.Solver {
		t.Errorf("a refused -set changed the config")
	}
}

// TestCoefficientsReachTheRun trains nothing but builds a Burgers run with
// -set pde.nu=0.02: its evaluation reference must be the Cole–Hopf
// solution for that ν, value for value.
func TestCoefficientsReachTheRun(t *testing.T) {
	cfg, err := experiments.Default("burgers")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Network.Width, cfg.Network.Depth, cfg.Eval = 8, 1, experiments.EvalConfig{NX: 9, NT: 5}
	if err := cfg.Set("pde.nu", "0.02"); err != nil {
		t.Fatal(err)
	}
	tr, err := experiments.NewTrainer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	want, err := reference.NewBurgers(0.02, 250).Grid(9, 5)
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range want.U {
		if tr.Eval.Ref.U[i] != u {
			t.Fatalf("reference value %d is %v, the ν = 0.02 solution's %v", i, tr.Eval.Ref.U[i], u)
		}
	}
}

func ExampleConfig_Set() {
	cfg, err := experiments.Default("burgers")
	if err != nil {
		panic(err)
	}
	for _, kv := range [][2]string{{"network.width", "128"}, {"hyper.lr", "3e-3"}, {"pde.nu", "0.002"}} {
		if err := cfg.Set(kv[0], kv[1]); err != nil {
			panic(err)
		}
	}
	fmt.Println(cfg.Network.Width, cfg.Hyper["lr"], cfg.Coefficients["nu"])
	fmt.Println(cfg.Set("network.widht", "128"))
	// Output:
	// 128 0.003 0.002
	// field "network.widht" = 128: config: json: unknown field "widht"
}
