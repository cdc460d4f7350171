package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pinngo/pinn/experiments/study"
	"github.com/pinngo/pinn/solvers"
)

// TestAutobalanceSmoke runs the AutoBalance study at the smoke budget on
// its default PDEs and every default method this build registers (DWA and
// IMTL-G once they are), and checks results.md and the paper's figures.
func TestAutobalanceSmoke(t *testing.T) {
	var methods []string
	for _, m := range splitList(autobalanceSolvers) {
		if v, err := study.ParseVariant(m); err == nil && slices.Contains(solvers.Names(), v.Solver) {
			methods = append(methods, m)
		}
	}
	for _, m := range []string{"adam", "adamw", "adam+lra", "autobalance", "autobalance-adamw"} {
		if !slices.Contains(methods, m) {
			t.Fatalf("default methods %v lack %s", methods, m)
		}
	}
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"autobalance", "-budget", "smoke", "-solvers", strings.Join(methods, ","), "-out", out}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("pinn %v: status %d: %s", args, code, stderr.String())
	}
	md, err := os.ReadFile(filepath.Join(out, "results.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| PDE | method | MSE | L∞ | rel. L2 | field rel. L2 | field L∞ | wall (s) | step (ms) | seeds |",
		"| poisson-inverse | autobalance-adamw | ",
		"- helmholtz: ",
		"![MSE over training](mse-history.png)",
	} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("results.md lacks %q:\n%s", want, md)
		}
	}
	for _, pde := range splitList("reaction-diffusion,helmholtz,poisson-inverse") {
		for _, png := range []string{"heatmaps-" + pde + ".png", "balance-" + pde + ".png"} {
			if fi, err := os.Stat(filepath.Join(out, png)); err != nil || fi.Size() == 0 {
				t.Errorf("%s: %v", png, err)
			}
			if !bytes.Contains(md, []byte("("+png+")")) {
				t.Errorf("results.md does not show %s", png)
			}
		}
	}
	if fi, err := os.Stat(filepath.Join(out, "mse-history.png")); err != nil || fi.Size() == 0 {
		t.Errorf("mse-history.png: %v", err)
	}
}
