package experiments

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
)

// MarshalFinite encodes v as json.MarshalIndent with two spaces does, but
// writes NaN and ±Inf, which JSON lacks, as null: a diverged run's unknown
// errors. It follows struct tags (names, omitempty, "-") and sorts map keys.
func MarshalFinite(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := encodeFinite(&b, reflect.ValueOf(v)); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func encodeFinite(b *bytes.Buffer, v reflect.Value) error {
	if !v.IsValid() {
		b.WriteString("null")
		return nil
	}
	if v.Type().Implements(reflect.TypeFor[json.Marshaler]()) {
		return encodePlain(b, v)
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if !isFinite(v.Float()) {
			b.WriteString("null")
			return nil
		}
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		return encodeFinite(b, v.Elem())
	case reflect.Struct:
		return encodeStruct(b, v)
	case reflect.Map:
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := encodePlain(b, k); err != nil {
				return err
			}
			b.WriteByte(':')
			if err := encodeFinite(b, v.MapIndex(k)); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		return nil
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		fallthrough
	case reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return encodePlain(b, v)
		}
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := encodeFinite(b, v.Index(i)); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	}
	return encodePlain(b, v)
}

// encodeStruct writes a struct's exported fields as encoding/json would.
func encodeStruct(b *bytes.Buffer, v reflect.Value) error {
	b.WriteByte('{')
	first := true
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" && opts == "" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fv := v.Field(i)
		if strings.Contains(","+opts+",", ",omitempty,") && isEmpty(fv) {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		if err := encodePlain(b, reflect.ValueOf(name)); err != nil {
			return err
		}
		b.WriteByte(':')
		if err := encodeFinite(b, fv); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// isEmpty is encoding/json's test for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	}
	return v.IsZero()
}

func encodePlain(b *bytes.Buffer, v reflect.Value) error {
	raw, err := json.Marshal(v.Interface())
	if err != nil {
		return err
	}
	b.Write(raw)
	return nil
}
