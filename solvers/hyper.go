package solvers

import (
	"strconv"
	"strings"

	"github.com/pkg/errors"
)

// ParseHyper reads hyper-parameters written "name=value", separated by
// commas or colons: "lr=1e-3,beta1=0.9" (pinn train -hyper) and
// "lr=1e-3:beta1=0.9" (after a solver's name, see Parse) are the same.
// An empty string gives an empty Hyper.
func ParseHyper(s string) (Hyper, error) {
	h := Hyper{}
	for _, kv := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ':' }) {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if !ok || k == "" || err != nil {
			return nil, errors.Errorf("hyper-parameter %q is not name=number", kv)
		}
		h[k] = f
	}
	return h, nil
}

// Parse reads a solver written with its hyper-parameters: its name, then
// optionally ':' and hyper-parameters as ParseHyper reads them, as in
// "soap:lr=0.003:beta1=0.95" or "adam+lbfgs:switch=300". The Hyper is nil
// when none are given.
func Parse(s string) (name string, h Hyper, err error) {
	name, rest, found := strings.Cut(s, ":")
	if name == "" {
		return "", nil, errors.Errorf("solver %q has no name", s)
	}
	if !found {
		return name, nil, nil
	}
	if h, err = ParseHyper(rest); err != nil {
		return "", nil, errors.Wrapf(err, "solver %q", s)
	}
	if len(h) == 0 {
		return "", nil, errors.Errorf("solver %q: no hyper-parameters after ':'", s)
	}
	return name, h, nil
}
