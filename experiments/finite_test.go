package experiments_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/solvers"
)

// TestNonFiniteNumbersRefused checks that validation refuses NaN and ±Inf
// in every kind of config number, naming the field.
func TestNonFiniteNumbersRefused(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	cases := []struct {
		field string
		edit  func(c *experiments.Config)
	}{
		{"hyper.lr", func(c *experiments.Config) { c.Hyper = solvers.Hyper{"lr": inf} }},
		{"hyper.beta1", func(c *experiments.Config) { c.Hyper = solvers.Hyper{"beta1": nan} }},
		{"terms.ic.weight", func(c *experiments.Config) { c.Terms = map[string]experiments.TermConfig{"ic": {Weight: &inf}} }},
		{"causal.epsilon", func(c *experiments.Config) { c.Causal = &experiments.CausalConfig{Chunks: 4, Epsilon: math.Inf(-1)} }},
		{"lr_decay.rate", func(c *experiments.Config) { c.LRDecay = &experiments.LRDecayConfig{Rate: nan, Every: 10} }},
	}
	for _, c := range cases {
		cfg, err := experiments.Default("burgers")
		if err != nil {
			t.Fatal(err)
		}
		c.edit(&cfg)
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), `"`+c.field+`" must be a finite number`) {
			t.Errorf("%s: error %v, want one naming the field", c.field, err)
		}
	}
}

// TestTermsNullRoundTrip checks that a config with "terms": null reads
// back from the config.json a run writes as the same config.
func TestTermsNullRoundTrip(t *testing.T) {
	cfg, err := experiments.ReadConfig(strings.NewReader(`{"pde": "burgers", "terms": null}`))
	if err != nil || cfg.Terms != nil {
		t.Fatalf("terms %v (%v), want none", cfg.Terms, err)
	}
	raw, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	back, err := experiments.ReadConfig(bytes.NewReader(raw))
	if err != nil || back.Terms != nil {
		t.Errorf("read back: terms %v (%v), want none", back.Terms, err)
	}
}
