package experiments_test

import (
	"context"
	"fmt"
	"os"

	"github.com/pinngo/pinn/experiments"
)

// A run stopped early (here after 20 of its steps; Ctrl-C works the same
// way) continues from its checkpoint to 40 steps in total, ending where an
// uninterrupted run of 40 steps ends, to the last bit.
func ExampleResume() {
	dir, err := os.MkdirTemp("", "run")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	cfg, err := experiments.Default("burgers")
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg.Network = experiments.NetworkConfig{Width: 8, Depth: 2, Activation: "tanh"}
	pool, batch := 64, 16
	cfg.Terms = map[string]experiments.TermConfig{"pde": {Pool: &pool, Batch: &batch}, "ic": {Pool: &batch}, "bc": {Pool: &batch}}
	cfg.Eval = experiments.EvalConfig{NX: 21, NT: 11, Every: 10}
	cfg.Steps = 20
	first, err := experiments.Run(context.Background(), cfg, dir, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	resumed, err := experiments.Resume(context.Background(), dir, 40, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(first.Steps, "then", resumed.Steps, "steps")
	// Output: 20 then 40 steps
}
