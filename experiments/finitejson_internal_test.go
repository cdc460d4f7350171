package experiments

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestMarshalFinite checks that MarshalFinite writes what
// json.MarshalIndent writes for finite values, and null for the others.
func TestMarshalFinite(t *testing.T) {
	cfg, err := Default("allen-cahn")
	if err != nil {
		t.Fatal(err)
	}
	w := 3.0
	cfg.Terms = map[string]TermConfig{"ic": {Weight: &w}, "pde": {}}
	q := 0.5
	m := Metrics{PDE: "burgers", RelL2: 0.25, TermLosses: map[string]float64{"ic": 1, "bc": 2}, RelL2Field: &q,
		Windows: []WindowMetrics{{From: 0, To: 1, RelL2: 0.5}}}
	for _, v := range []any{cfg, m, Metrics{}} {
		want, _ := json.MarshalIndent(v, "", "  ")
		got, err := MarshalFinite(v)
		if err != nil || string(got) != string(want) {
			t.Errorf("MarshalFinite:\n%s\n(%v), want\n%s", got, err, want)
		}
	}
	m.FinalLoss, m.LInf, m.TermLosses["ic"] = math.NaN(), math.Inf(1), math.Inf(-1)
	m.Diverged = "diverged: non-finite loss at step 3"
	got, err := MarshalFinite(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"final_loss": null`, `"linf": null`, `"ic": null`, `"rel_l2": 0.25`, `"diverged": "diverged: non-finite loss at step 3"`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("%s lacks %s", got, want)
		}
	}
	back, err := readMetricsBytes(got)
	if err != nil || !math.IsNaN(back.FinalLoss) || !math.IsNaN(back.LInf) || back.RelL2 != 0.25 {
		t.Errorf("read back %+v (%v): want NaN for the nulls", back, err)
	}
}
