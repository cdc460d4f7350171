package study

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/residuals/reference"
)

// fakeGrid is u = x + 2y on a 5 × 4 grid, whose mean square is known.
func fakeGrid() *reference.Grid {
	g := &reference.Grid{Names: [2]string{"x", "y"}, X: []float64{0, 1, 2, 3, 4}, T: []float64{0, 1, 2, 3}}
	for _, y := range g.T {
		for _, x := range g.X {
			g.U = append(g.U, x+2*y)
		}
	}
	return g
}

// fakeResult is a finished run without training: a prediction off the
// reference by shift, the relative L2 error at steps 10, 20, 30 and, when
// diag, the gradient (and, for AutoBalance, update) diagnostics at every
// step. Non-finite values are planted where a diverging run would have them.
func fakeResult(group, label string, seed uint64, shift float64, diag bool) Result {
	ref := fakeGrid()
	pred := make([]float64, len(ref.U))
	for i, u := range ref.U {
		pred[i] = u + shift
	}
	pred[3], pred[7] = math.NaN(), math.Inf(1)
	var h []experiments.Row
	for step := 1; step <= 30; step++ {
		r := experiments.Row{Step: step, Losses: []float64{1, 2}, Loss: 3, RelL2: math.NaN()}
		if step%10 == 0 {
			r.RelL2 = shift * float64(step) / 10
		}
		if diag {
			r.Diag = map[string]float64{"grad_ratio": float64(step), "grad_cos": -0.5}
			if strings.HasPrefix(label, "autobalance") {
				r.Diag["update_ratio"], r.Diag["update_cos"] = 1.1, 0.2
			}
			if step == 5 {
				r.Diag["grad_ratio"] = math.Inf(1)
			}
		}
		h = append(h, r)
	}
	h[19].RelL2 = math.Inf(1) // step 20 diverged in this seed
	return Result{Case: Case{Group: group, Label: label, Seed: seed}, Ref: ref, Pred: pred, History: h,
		Metrics: experiments.Metrics{MSE: shift * shift, LInf: shift, RelL2: shift / 3}}
}

// TestMSESeries checks the MSE over training against the closed form
// MSE = rel_L2² · mean(u_ref²), averaged over the seeds with a finite value.
func TestMSESeries(t *testing.T) {
	var sq float64
	for _, u := range fakeGrid().U {
		sq += u * u
	}
	sq /= 20 // mean of (x + 2y)² over the 5 × 4 grid: E[x²] + 4E[x]E[y] + 4E[y²] = 6 + 12 + 14
	if math.Abs(sq-32) > 1e-12 {
		t.Fatalf("mean square %v, want 32", sq)
	}
	a, b := fakeResult("p", "adam", 1, 0.1, false), fakeResult("p", "adam", 2, 0.3, false)
	b.History[19].RelL2 = 0.5 // seed 2 is finite at step 20, seed 1 is not
	s := mseSeries(labelRuns{label: "adam", runs: []Result{a, b}})
	want := map[float64]float64{
		10: (0.1*0.1 + 0.3*0.3) / 2 * sq,
		20: 0.5 * 0.5 * sq,
		30: (0.3*0.3 + 0.9*0.9) / 2 * sq,
	}
	if s.Name != "adam (2 seeds)" || len(s.X) != len(want) {
		t.Fatalf("series %q at steps %v, want 3 steps", s.Name, s.X)
	}
	for i, x := range s.X {
		if w := want[x]; math.Abs(s.Y[i]-w) > 1e-14*w {
			t.Errorf("step %v: MSE %.17g, want %.17g", x, s.Y[i], w)
		}
	}
}

func TestPaperColumns(t *testing.T) {
	withField := fakeResult("p", "adam", 1, 0.1, false)
	q := 0.5
	withField.Metrics.RelL2Field, withField.Metrics.LInfField = &q, &q
	cases := []struct {
		results []Result
		want    string
	}{
		{[]Result{fakeResult("p", "adam", 1, 0.1, false)}, "MSE,L∞,rel. L2,wall (s),step (ms)"},
		{[]Result{withField}, "MSE,L∞,rel. L2,field rel. L2,field L∞,wall (s),step (ms)"},
	}
	for _, c := range cases {
		var names []string
		for _, col := range paperColumns(c.results) {
			names = append(names, col.name)
		}
		if got := strings.Join(names, ","); got != c.want {
			t.Errorf("columns %s, want %s", got, c.want)
		}
	}
}

func TestMSERanking(t *testing.T) {
	nan := fakeResult("p", "dwa", 1, 0.1, false)
	nan.Metrics.MSE = math.NaN()
	g := groupRuns([]Result{
		fakeResult("p", "adam", 1, 0.3, false), nan, fakeResult("p", "autobalance", 1, 0.1, false),
		fakeResult("p", "adam", 2, 0.5, false),
	})
	want := "autobalance (1.00e-02) < adam (1.70e-01) < dwa (–)"
	if got := mseRanking(g[0]); got != want {
		t.Errorf("ranking %q, want %q", got, want)
	}
}

// pngSize returns the pixel size of a PNG file.
func pngSize(t *testing.T, path string) (w, h int) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cfg.Width, cfg.Height
}

// TestAutobalanceReport draws the figures of a synthesised study with
// non-finite values in it: the heat maps show the paper's methods that ran
// (a DWA variant with its own learning rate counts, IMTL-G is absent, and
// a group without any gets no figure), the balance figure has a row per
// method with diagnostics.
func TestAutobalanceReport(t *testing.T) {
	out := t.TempDir()
	results := []Result{
		fakeResult("helmholtz", "adam", 1, 0.2, true),
		fakeResult("helmholtz", "autobalance-adamw", 1, 0.05, true),
		fakeResult("helmholtz", "autobalance-adamw", 2, 0.07, true),
		fakeResult("helmholtz", "dwa:lr=0.003", 1, 0.1, false),
		fakeResult("helmholtz", "adam+lra", 1, 0.15, true),
		fakeResult("burgers", "adam", 1, 0.3, false),
		fakeResult("burgers", "autobalance", 1, 0.2, false),
	}
	md, err := autobalanceReport(out, results)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| PDE | method | MSE | L∞ | rel. L2 | wall (s) | step (ms) | seeds |",
		"| helmholtz | autobalance-adamw | 3.70e-03 ± ",
		"- helmholtz: autobalance-adamw (3.70e-03) < dwa:lr=0.003 (1.00e-02) < adam+lra (2.25e-02) < adam (4.00e-02)",
		"![MSE over training](mse-history.png)",
		"![helmholtz](heatmaps-helmholtz.png)",
		"burgers: none of these methods ran.",
		"![helmholtz](balance-helmholtz.png)",
		"burgers: no diagnostics recorded.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	const dpi = 96
	sizes := []struct {
		file string
		w, h int
	}{
		{"mse-history.png", 2 * 4 * dpi, 3 * dpi},             // one chart per PDE
		{"heatmaps-helmholtz.png", 3 * 4 * dpi, 2 * 3 * dpi},  // exact, Auto-AdamW and DWA over their errors
		{"balance-helmholtz.png", 2 * 5 * dpi, 3 * 3.5 * dpi}, // adam, autobalance-adamw, adam+lra
	}
	for _, s := range sizes {
		if w, h := pngSize(t, filepath.Join(out, s.file)); w != s.w || h != s.h {
			t.Errorf("%s is %d × %d, want %d × %d", s.file, w, h, s.w, s.h)
		}
	}
	for _, absent := range []string{"heatmaps-burgers.png", "balance-burgers.png"} {
		if _, err := os.Stat(filepath.Join(out, absent)); !os.IsNotExist(err) {
			t.Errorf("%s: %v, want no file", absent, err)
		}
	}
}
