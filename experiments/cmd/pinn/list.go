package main

import (
	"context"
	"fmt"
	"io"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/residuals"
	"github.com/pinngo/pinn/solvers"
)

func list(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("list", stderr)
	if err := parseFlags(fs, args, stderr); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{errors.Errorf("unexpected arguments %q", fs.Args())}
	}
	fmt.Fprintln(stdout, "PDEs:")
	for _, name := range residuals.Names() {
		p, _ := residuals.Lookup(name)
		fmt.Fprintf(stdout, "  %-24s %s\n", name, p.Summary)
		if c, _ := residuals.Coefficients(name); len(c) > 0 {
			fmt.Fprintf(stdout, "  %-24s -set pde.NAME: %s\n", "", solvers.Hyper(c))
		}
	}
	fmt.Fprintln(stdout, "solvers:")
	for _, s := range solvers.Specs() {
		fmt.Fprintf(stdout, "  %-24s %s (%s)\n", s.Name, s.Summary, s.Defaults)
	}
	return nil
}
