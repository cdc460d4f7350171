package checkpoint_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/checkpoint"
)

type state struct {
	Step   int
	Params [][]float64
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.ckpt")
	want := state{Step: 7, Params: [][]float64{{1, -0.5}, {3}}}
	if err := checkpoint.Save(path, want); err != nil {
		t.Fatal(err)
	}
	var got state
	if err := checkpoint.Load(path, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("loaded %+v, want %+v", got, want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d files after Save, want 1 (no temporary left)", len(entries))
	}
}

// TestDamage checks that every kind of damage is reported as ErrCorrupt.
func TestDamage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.ckpt")
	if err := checkpoint.Save(path, state{Step: 3, Params: [][]float64{{1, 2, 3}}}); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(path)
	flip := append([]byte(nil), good...)
	flip[len(flip)/2] ^= 1
	version := append([]byte(nil), good...)
	version[len("pinn checkpoint\n")+3] = 9
	sum := sha256.Sum256(version[:len(version)-sha256.Size])
	copy(version[len(version)-sha256.Size:], sum[:])
	cases := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"truncated", good[:len(good)-5]},
		{"bit flip", flip},
		{"other version", version},
		{"foreign file", []byte("{\"step\": 3}\n")},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		var s state
		err := checkpoint.Load(p, &s)
		var ce *checkpoint.CorruptError
		if !errors.As(err, &ce) {
			t.Errorf("%s: error %v, want a CorruptError", c.name, err)
		}
		t.Logf("%s: %v", c.name, err)
	}
	var s state
	var ce *checkpoint.CorruptError
	if err := checkpoint.Load(filepath.Join(dir, "missing"), &s); err == nil || errors.As(err, &ce) {
		t.Errorf("missing file: error %v, want a not-found error", err)
	}
}

func Example() {
	dir, _ := os.MkdirTemp("", "ckpt")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "run.ckpt")
	if err := checkpoint.Save(path, state{Step: 100, Params: [][]float64{{0.25}}}); err != nil {
		fmt.Println(err)
		return
	}
	var s state
	if err := checkpoint.Load(path, &s); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Step, s.Params)
	// Output: 100 [[0.25]]
}
