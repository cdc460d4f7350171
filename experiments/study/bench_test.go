package study

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments"
	"github.com/pinngo/pinn/graph"
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

// TestBenchTimesTheRunsOwnTerms builds the trainer a bench case times and
// requires the PDE's own terms, periodic KdV's included, with N fresh
// interior points, N/4 initial and N/2 boundary ones.
func TestBenchTimesTheRunsOwnTerms(t *testing.T) {
	const n = 16
	want := map[graph.Role]int{graph.RoleInterior: n, graph.RoleInitial: n / 4, graph.RoleBoundary: n / 2}
	for _, pde := range []string{"burgers", "kdv"} {
		cfg, err := BenchSpec{}.config("adam", pde, "float64", n)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := experiments.NewTrainer(cfg)
		if err != nil {
			t.Fatal(err)
		}
		terms := tr.Problem.Terms()
		if got := tr.Loss.Terms(); len(got) != len(terms) {
			t.Fatalf("%s: the trainer's terms %v, the problem's %d", pde, got, len(terms))
		}
		before := make([]string, len(terms))
		for k, term := range terms {
			pts := tr.Loss.Batch(k)
			if tr.Loss.Terms()[k] != term.Name || pts[0].Len() != want[term.Role] {
				t.Errorf("%s: term %d is %s of %d points, want %s of %d", pde, k, tr.Loss.Terms()[k], pts[0].Len(), term.Name, want[term.Role])
			}
			before[k] = fmt.Sprint(pts)
		}
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
		for k, term := range terms {
			if pts := tr.Loss.Batch(k); pts[0].Len() != want[term.Role] || fmt.Sprint(pts) == before[k] {
				t.Errorf("%s: term %s after a step: %d points, the same as before %v; want %d fresh ones", pde, term.Name, pts[0].Len(), fmt.Sprint(pts) == before[k], want[term.Role])
			}
		}
	}
}
