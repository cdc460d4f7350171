package experiments

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/pkg/errors"
)

// Set overrides one field of the config, named by its path in the JSON
// config (jaxpi's --config.x=y habit): "network.width", "hyper.lr",
// "terms.ic.weight", "causal.chunks". The value is JSON ("128", "3e-3",
// "true", "null", "{\"chunks\": 8}") or else a string ("adam"). A path
// "pde.NAME" sets the PDE's coefficient NAME ("coefficients.NAME"), and a
// change of "solver" drops the hyper-parameters (SetSolver). Set is as
// strict as the config decoder: an unknown field or a value of the wrong
// type is an error and leaves c unchanged. It does not validate the
// values; Validate does.
func (c *Config) Set(path, value string) error {
	keys := strings.Split(path, ".")
	switch {
	case keys[0] == "pde" && len(keys) == 2:
		keys[0] = "coefficients"
	case keys[0] == "pde":
		return errors.Errorf("config: field %q: the PDE is chosen by name (pinn train -pde); pde.NAME sets its coefficient NAME", path)
	}
	for _, k := range keys {
		if k == "" {
			return errors.Errorf("config: field %q: empty name in the path", path)
		}
	}
	var v any
	if err := json.Unmarshal([]byte(value), &v); err != nil {
		v = value // not JSON: a string
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return errors.Wrapf(err, "config: field %q", path)
	}
	var tree map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // numbers read back to the same float64 bits
	if err := dec.Decode(&tree); err != nil {
		return errors.Wrapf(err, "config: field %q", path)
	}
	node := tree
	for i, k := range keys[:len(keys)-1] {
		switch next := node[k].(type) {
		case map[string]any:
			node = next
		case nil: // an unset object, such as "causal": null
			m := map[string]any{}
			node[k], node = m, m
		default:
			return errors.Errorf("config: field %q: %s is not an object", path, strings.Join(keys[:i+1], "."))
		}
	}
	node[keys[len(keys)-1]] = v
	if raw, err = json.Marshal(tree); err != nil {
		return errors.Wrapf(err, "config: field %q", path)
	}
	var out Config
	if err := decodeStrict(raw, &out); err != nil {
		return errors.Wrapf(err, "field %q = %s", path, value)
	}
	out.MaxMemory = c.MaxMemory
	if out.Solver != c.Solver {
		solver := out.Solver
		out.Solver = c.Solver
		out.SetSolver(solver)
	}
	*c = out
	return nil
}
