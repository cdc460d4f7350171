package experiments_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/residuals"
)

// TestMemoryRefusesHugeSizes checks that sizes too large for the memory
// limit are refused by validation, naming the field, before anything is
// allocated, and that every preset fits in 1 GiB.
func TestMemoryRefusesHugeSizes(t *testing.T) {
	huge := 1 << 40
	cases := []struct {
		field string
		edit  func(c *experiments.Config)
	}{
		{`"network"`, func(c *experiments.Config) { c.Network.Width = 1 << 62 }},
		{`"network"`, func(c *experiments.Config) { c.Network.Depth = 1 << 40 }},
		{`"terms.pde"`, func(c *experiments.Config) { c.Terms = map[string]experiments.TermConfig{"pde": {Pool: &huge}} }},
		{`"eval"`, func(c *experiments.Config) { c.Eval.NX, c.Eval.NT = 1<<27, 1<<27 }},
		{`"network"`, func(c *experiments.Config) { c.MaxMemory = 1 << 10 }},
	}
	for _, c := range cases {
		cfg, err := experiments.Default("burgers")
		if err != nil {
			t.Fatal(err)
		}
		cfg.MaxMemory = 64 << 30 // as on a machine with 64 GiB
		c.edit(&cfg)
		err = cfg.Validate()
		var me *experiments.MemoryError
		if !errors.As(err, &me) || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: error %v, want a MemoryError naming it", c.field, err)
		}
	}
	for _, name := range residuals.Names() {
		cfg, _ := experiments.Default(name)
		cfg.MaxMemory = 1 << 30
		if err := cfg.Validate(); err != nil {
			t.Errorf("preset %s: %v", name, err)
		}
	}
	if err := experiments.CheckReferenceMemory(1<<30, 201, 64<<30); err == nil {
		t.Error("a reference grid of 2^30 × 201 fits in 64 GiB")
	}
}
