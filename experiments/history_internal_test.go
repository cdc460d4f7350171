package experiments

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments/plot"
)

// TestHistoryNonFinite checks that history.csv leaves non-finite values
// empty and that the loss plot of a history reaching 1e300, with NaN and
// infinite diagnostics, is still drawn.
func TestHistoryNonFinite(t *testing.T) {
	nan := math.NaN()
	h := []Row{
		{Step: 1, Losses: []float64{1, 2}, Loss: 3, RelL2: nan, Diag: map[string]float64{"grad_cos": nan}},
		{Step: 2, Losses: []float64{1e300, math.Inf(1)}, Loss: 1e300, RelL2: 0.5, Diag: map[string]float64{"grad_cos": 0.25}},
		{Step: 3, Losses: []float64{nan, 1}, Loss: math.Inf(1), RelL2: math.Inf(1)},
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "history.csv")
	if err := writeHistory(path, []string{"pde", "ic"}, h); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	want := "step,pde,ic,total,rel_l2,wall_s,grad_cos\n1,1,2,3,,0.0000,\n2,1e+300,,1e+300,0.5,0.0000,0.25\n3,,1,,,0.0000,\n"
	if string(raw) != want {
		t.Errorf("history.csv:\n%s\nwant\n%s", raw, want)
	}
	if strings.Contains(strings.ToLower(string(raw)), "nan") {
		t.Error("history.csv holds NaN")
	}
	png := filepath.Join(dir, "loss.png")
	if err := plot.Save(png, [][]plot.Panel{historyPanels([]string{"pde", "ic"}, "adam", h)}, plot.DefaultSize); err != nil {
		t.Fatalf("loss plot of a history reaching 1e300: %v", err)
	}
	if st, err := os.Stat(png); err != nil || st.Size() == 0 {
		t.Errorf("loss.png: %v", err)
	}
}
