package experiments

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/internal/atomicfile"
)

// Metrics is what a run reports in metrics.json.
type Metrics struct {
	PDE         string             `json:"pde"`
	Solver      string             `json:"solver"`
	Steps       int                `json:"steps"`
	Seed        uint64             `json:"seed"`
	Dtype       string             `json:"dtype"`
	Points      int                `json:"points"` // interior points per step
	Params      int                `json:"params"`
	InitialLoss float64            `json:"initial_loss"`
	FinalLoss   float64            `json:"final_loss"`
	TermLosses  map[string]float64 `json:"term_losses"`
	RelL2       float64            `json:"rel_l2"`
	LInf        float64            `json:"linf"`
	MSE         float64            `json:"mse"`
	WallS       float64            `json:"wall_s"`
	StepMS      float64            `json:"step_ms"` // median step time
	// RelL2Field and LInfField score the recovered field of an inverse
	// problem; absent for other problems.
	RelL2Field *float64 `json:"rel_l2_field,omitempty"`
	LInfField  *float64 `json:"linf_field,omitempty"`
	// Unknowns are the learned coefficients of an inverse problem by
	// component (graph.Unknown.ParamName); absent for other problems.
	Unknowns map[string]UnknownMetrics `json:"unknowns,omitempty"`
	// Windows are the windows of a time-marching run, whose other fields
	// sum or score them together; absent for other runs.
	Windows []WindowMetrics `json:"windows,omitempty"`
	// Diverged says why a run stopped early on non-finite numbers (see
	// DivergedError); its errors and final loss are then null (NaN).
	Diverged string `json:"diverged,omitempty"`
}

// Run trains cfg to completion in dir (see Trainer.Train for what it
// writes; March for a time-marching config), reporting progress to log: a
// live bar on a terminal, plain lines otherwise.
func Run(ctx context.Context, cfg Config, dir string, log io.Writer) (*Metrics, error) {
	return defaultBuilders().run(ctx, cfg, dir, log)
}

// run is Run with the builders b.
func (b builders) run(ctx context.Context, cfg Config, dir string, log io.Writer) (*Metrics, error) {
	if err := atomicfile.CheckDir(dir); err != nil {
		return nil, err
	}
	j, err := b.open(cfg, dir, false)
	if err != nil {
		return nil, err
	}
	return j.Train(ctx, log)
}

// Metrics scores the network now and summarises the run.
func (t *Trainer) Metrics(initialLoss float64) (*Metrics, error) {
	s, err := t.Eval.Score()
	if err != nil {
		return nil, err
	}
	gr, err := t.Loss.Compute()
	if err != nil {
		return nil, errors.Wrap(err, "final loss")
	}
	m := &Metrics{PDE: t.Config.PDE, Solver: t.Config.Solver, Steps: t.StepCount(), Seed: t.Config.Seed,
		Dtype: t.Config.Dtype, Points: t.interiorPoints(), InitialLoss: initialLoss,
		FinalLoss: gr.Loss, TermLosses: map[string]float64{}, RelL2: s.RelL2, LInf: s.LInf, MSE: s.MSE,
		WallS: t.Wall().Seconds(), StepMS: float64(t.MedianStep().Microseconds()) / 1000}
	for k, name := range gr.Names {
		m.TermLosses[name] = gr.Losses[k]
	}
	for _, p := range t.Net.Params() {
		m.Params += p.Value.Shape().TotalSize()
	}
	if err := t.addUnknowns(m); err != nil {
		return nil, err
	}
	return m, t.addField(m)
}

func writeJSON(path string, v any) error {
	b, err := MarshalFinite(v)
	if err != nil {
		return errors.Wrapf(err, "encoding %s", path)
	}
	return atomicfile.Write(path, append(b, '\n'), 0o644)
}

// writeHistory writes one row per step: the term losses, the total, the
// relative L2 error where evaluated, the wall time, then the diagnostics
// (gradient ratio and cosine, weights, the solver's own) in name order,
// empty where a step lacks one.
func writeHistory(path string, terms []string, history []Row) error {
	var b bytes.Buffer
	b.WriteString("step")
	for _, name := range terms {
		b.WriteString("," + name)
	}
	b.WriteString(",total,rel_l2,wall_s")
	diag := DiagNames(history)
	for _, name := range diag {
		b.WriteString("," + name)
	}
	b.WriteByte('\n')
	for _, r := range history {
		fmt.Fprintf(&b, "%d", r.Step)
		for _, v := range r.Losses {
			b.WriteString("," + csvNumber(v, 8))
		}
		b.WriteString("," + csvNumber(r.Loss, 8) + "," + csvNumber(r.RelL2, 8))
		fmt.Fprintf(&b, ",%.4f", r.WallS)
		for _, name := range diag {
			b.WriteByte(',')
			if v, ok := r.Diag[name]; ok {
				b.WriteString(csvNumber(v, 6))
			}
		}
		b.WriteByte('\n')
	}
	return atomicfile.Write(path, b.Bytes(), 0o644)
}

// csvNumber formats v with the given significant digits, or as an empty
// field when it is not finite (not evaluated, or undefined as a cosine of
// a zero gradient), so that history.csv never holds NaN.
func csvNumber(v float64, digits int) string {
	if !isFinite(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', digits, 64)
}

// DiagNames returns the diagnostics named anywhere in the history, sorted.
func DiagNames(h []Row) []string {
	seen := map[string]bool{}
	var names []string
	for _, r := range h {
		for k := range r.Diag {
			if !seen[k] {
				seen[k] = true
				names = append(names, k)
			}
		}
	}
	sort.Strings(names)
	return names
}
