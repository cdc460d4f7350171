package plot

import "testing"

// TestLogTickLabels checks that powers of ten far below 1 are labelled
// short, not as the product LogTicks forms them (9.999999999999999e-07).
func TestLogTickLabels(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   map[string]bool
	}{
		{1e-7, 1e5, map[string]bool{"1e-06": true, "1e-05": true, "0.0001": true, "10000": true}},
		{1e-3, 1e3, map[string]bool{"0.001": true, "1": true, "1000": true}},
	} {
		got := map[string]bool{}
		for _, tk := range (logTicks{}).Ticks(c.lo, c.hi) {
			if tk.Label == "" {
				continue
			}
			got[tk.Label] = true
			if len(tk.Label) > 6 {
				t.Errorf("[%g, %g]: label %q of %g is longer than 6 characters", c.lo, c.hi, tk.Label, tk.Value)
			}
		}
		for w := range c.want {
			if !got[w] {
				t.Errorf("[%g, %g]: no label %q among %v", c.lo, c.hi, w, got)
			}
		}
	}
}
