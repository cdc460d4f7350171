package experiments

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestBenchTable checks that Bench measures one row per case with positive
// step times and allocations, and that the table lists them all.
func TestBenchTable(t *testing.T) {
	spec := BenchSpec{Solvers: []string{"adam", "pde-aware"}, PDEs: []string{"burgers", "kdv"},
		Dtypes: []string{"float64", "float32"}, Sizes: []int{8}, Steps: 2, Warmup: 1}
	rows, err := Bench(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 8 {
		t.Fatalf("%d rows, want 8", len(rows))
	}
	seen := map[string]bool{}
	for _, r := range rows {
		if !(r.StepMS > 0) || !(r.AllocMB > 0) || !(r.GFLOPs > 0) || r.N != 8 {
			t.Errorf("row %+v: want positive step time, allocation and product rate at N = 8", r)
		}
		seen[r.Solver+" "+r.PDE+" "+r.Dtype] = true
	}
	if len(seen) != 8 {
		t.Errorf("cases %v, want 8 distinct", seen)
	}
	var buf bytes.Buffer
	if err := WriteBenchTable(&buf, rows); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 10 {
		t.Fatalf("table has %d lines, want a header, a rule and 8 rows:\n%s", len(lines), buf.String())
	}
	for _, l := range lines[2:] {
		if strings.HasPrefix(l, "| adam |") && !strings.Contains(l, "| 1.00 |") {
			t.Errorf("adam row without ratio 1.00: %s", l)
		}
		if strings.HasPrefix(l, "| pde-aware |") && strings.Contains(l, "| – |") {
			t.Errorf("pde-aware row without a ratio to adam: %s", l)
		}
	}
	for _, bad := range []BenchSpec{
		{Solvers: []string{"adam"}, PDEs: []string{"nosuch"}, Dtypes: []string{"float64"}, Sizes: []int{8}},
		{Solvers: []string{"adam"}, PDEs: []string{"burgers"}, Dtypes: []string{"float16"}, Sizes: []int{8}},
		{Solvers: []string{"adam"}, PDEs: []string{"burgers"}, Dtypes: []string{"float64"}, Sizes: []int{2}},
		{Solvers: []string{"nosuch"}, PDEs: []string{"burgers"}, Dtypes: []string{"float64"}, Sizes: []int{8}},
	} {
		if _, err := Bench(context.Background(), bad); err == nil {
			t.Errorf("Bench(%+v): no error", bad)
		}
	}
}
