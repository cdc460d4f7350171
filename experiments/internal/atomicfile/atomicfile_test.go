package atomicfile

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestWriteAndRemoveStale checks that Write replaces a file's content and
// that RemoveStale removes what killed writes leave, and nothing else.
func TestWriteAndRemoveStale(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.json")
	for _, text := range []string{"one", "two"} {
		if err := Write(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != text {
			t.Fatalf("content %q, want %q", got, text)
		}
	}
	for _, n := range []string{".a.json.tmp123", ".checkpoint.ckpt.tmp9", ".probe42", ".pinn.lock", "keep.tmp"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	if err := RemoveStale(dir); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	want := []string{".pinn.lock", "a.json", "keep.tmp"}
	if len(names) != len(want) {
		t.Fatalf("left %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("left %v, want %v", names, want)
		}
	}
}
