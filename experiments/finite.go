package experiments

import (
	"reflect"
	"sort"
	"strings"

	"github.com/pkg/errors"
)

// checkFiniteNumbers is the one rule for every number of a config: none may
// be NaN or infinite, since no field means anything there (a solver's
// hyper-parameters included). It names the first such field by its JSON
// path, such as "hyper.lr" or "terms.ic.weight".
func checkFiniteNumbers(c Config) error {
	if path := firstNonFinite(reflect.ValueOf(c), ""); path != "" {
		return errors.Errorf("config: field %q must be a finite number", path)
	}
	return nil
}

// firstNonFinite returns the JSON path of the first NaN or infinite float
// in v, or "".
func firstNonFinite(v reflect.Value, path string) string {
	join := func(name string) string {
		if path == "" {
			return name
		}
		return path + "." + name
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if !isFinite(v.Float()) {
			return path
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return firstNonFinite(v.Elem(), path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if p := firstNonFinite(v.Field(i), join(name)); p != "" {
				return p
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			if p := firstNonFinite(v.MapIndex(k), join(k.String())); p != "" {
				return p
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if p := firstNonFinite(v.Index(i), path); p != "" {
				return p
			}
		}
	}
	return ""
}
