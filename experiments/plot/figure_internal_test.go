package plot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg/draw"
)

// panics is a panel whose drawing panics, as gonum/plot does on data its
// scales cannot show.
type panics struct{}

func (panics) draw(draw.Canvas) error { panic("values must be positive") }

// TestSaveReturnsDrawingPanics checks that a panel's panic comes back as
// an error and leaves no file.
func TestSaveReturnsDrawingPanics(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.png")
	err := Save(path, [][]Panel{{Blank{}, panics{}}}, DefaultSize)
	if err == nil || !strings.Contains(err.Error(), "panel 0,1") || !strings.Contains(err.Error(), "values must be positive") {
		t.Fatalf("Save = %v, want the panel's panic as an error", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a file was written: %v", err)
	}
}
