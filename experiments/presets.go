package experiments

import (
	"os"
	"path/filepath"

	"github.com/pkg/errors"
)

// LoadPresets reads the preset of every PDE in pdes from dir/PDE.json,
// for a study that trains each PDE with its own techniques
// (study.CompareSpec.Presets). A PDE without a file is an error.
func LoadPresets(dir string, pdes []string) (map[string]Config, error) {
	out := map[string]Config{}
	for _, pde := range pdes {
		path := filepath.Join(dir, pde+".json")
		if _, err := os.Stat(path); err != nil {
			return nil, errors.Errorf("no preset for %s: %s is missing", pde, path)
		}
		cfg, err := LoadConfig(path)
		if err != nil {
			return nil, err
		}
		if cfg.PDE != pde {
			return nil, errors.Errorf("preset %s is a config of %s, not %s", path, cfg.PDE, pde)
		}
		out[pde] = cfg
	}
	return out, nil
}
