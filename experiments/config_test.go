package experiments_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
)

// TestConfigRoundTrip checks that a config written as JSON reads back to
// itself although it turns off what its PDE's preset turns on, and that a
// config file naming another solver than the preset's does not inherit
// the preset's hyper-parameters, with or without hyper-parameters of its
// own.
func TestConfigRoundTrip(t *testing.T) {
	for _, pde := range []string{"helmholtz", "kdv", "allen-cahn", "poisson-inverse"} {
		t.Run(pde, func(t *testing.T) {
			cfg, err := experiments.Default(pde)
			if err != nil {
				t.Fatal(err)
			}
			cfg.Solver, cfg.Hyper = "soap", map[string]float64{"lr": 0.005}
			cfg.HardConstraints, cfg.Causal, cfg.LRDecay, cfg.March = false, nil, nil, nil
			cfg.Network.Fourier, cfg.Network.Modified, cfg.Network.Normalize = nil, false, false
			raw, err := json.Marshal(cfg)
			if err != nil {
				t.Fatal(err)
			}
			back, err := experiments.ReadConfig(strings.NewReader(string(raw)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, cfg) {
				t.Errorf("read back\n%+v\nwant\n%+v", back, cfg)
			}
			partial := `{"pde": "` + pde + `", "solver": "soap"}`
			got, err := experiments.ReadConfig(strings.NewReader(partial))
			if err != nil {
				t.Fatal(err)
			}
			if got.Hyper != nil {
				t.Errorf("%s: hyper %v, want the solver's defaults (nil)", partial, got.Hyper)
			}
		})
	}
}
