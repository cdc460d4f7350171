package study

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/solvers"
)

// vSourceHyper is the hyper-parameter of the PDE-aware optimizer choosing
// v's source: 0 takes the per-sample gradients of the PDE residual alone
// (the paper), 1 those of the total loss.
const vSourceHyper = "v_from_total"

// vSourceCases trains the PDE-aware optimizer on Allen–Cahn with v from
// the residual and from the total loss.
func vSourceCases(s AblateSpec, b Budget) ([]Case, error) {
	if err := hasHyper("pde-aware", vSourceHyper); err != nil {
		return nil, err
	}
	var cases []Case
	for _, v := range []struct {
		label string
		value float64
	}{{"v from the residual", 0}, {"v from the total loss", 1}} {
		for _, seed := range s.Seeds {
			cfg, err := b.Config("allen-cahn", "pde-aware", seed)
			if err != nil {
				return nil, err
			}
			cfg.Hyper = solvers.Hyper{vSourceHyper: v.value}
			cases = append(cases, Case{Group: "allen-cahn", Label: v.label, Seed: seed, Config: cfg})
		}
	}
	return cases, nil
}

// hasHyper checks that the registered solver has the hyper-parameter.
func hasHyper(solver, name string) error {
	for _, s := range solvers.Specs() {
		if s.Name == solver {
			if _, ok := s.Defaults[name]; ok {
				return nil
			}
			return errors.Errorf("solver %s has no hyper-parameter %q (it has %s)", solver, name, s.Defaults)
		}
	}
	return errors.Errorf("this build has no solver %q (known: %v)", solver, solvers.Names())
}

func ablateVSource(ctx context.Context, s AblateSpec, b Budget, out string, log io.Writer, md *strings.Builder) error {
	results, wall, err := s.train(ctx, vSourceCases, b, out, log)
	if err != nil {
		return err
	}
	if err := studyFigure(filepath.Join(out, "vsource.png"), results); err != nil {
		return err
	}
	fmt.Fprintf(md, "# Ablation: the PDE-aware optimizer's v on Allen–Cahn (budget %s)\n\n", b.Name)
	writeStudyHeader(md, s.Command, b.Summary, s.Seeds, s.Workers, []string{"pde-aware"})
	fmt.Fprintf(md, "v is the running mean of the squared per-sample gradients: of the PDE residual only (%s = 0, the paper) or of every term of the total loss (%s = 1). m follows the total-loss gradient in both.\n\n", vSourceHyper, vSourceHyper)
	md.WriteString(markdownTable(results, "PDE", "v", standardColumns(results)))
	fmt.Fprintf(md, "\nThe study took %s of wall time.\n\n![v source](vsource.png)\n", wall.Round(time.Second))
	return nil
}
