package experiments

import (
	"fmt"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/residuals"
)

// The memory estimates below are rough upper bounds, meant to refuse a
// size that cannot fit before anything is allocated, not to predict use.
const (
	// pointFloats is the number of float64 values a training point holds
	// per hidden unit and layer: the nested derivatives the residuals take
	// (up to ten channels), each with its activation, derivative and
	// reverse-pass delta.
	pointFloats = 40
	// stateCopies is the number of parameter-sized arrays a step holds:
	// gradients per term and in total, the solver's moments, SOAP's
	// Kronecker factors and eigenbases, L-BFGS's history pairs.
	stateCopies = 32
	// predictBatch is the number of points the evaluator predicts at once.
	predictBatch = 4096
)

// MemoryError reports a size whose estimated memory exceeds the limit.
type MemoryError struct {
	Field       string  // the config field or flag that is too large
	Need, Limit float64 // bytes
}

func (e *MemoryError) Error() string {
	return fmt.Sprintf("%s needs about %s of memory, more than the %s available (set by -max-memory, physical memory by default)",
		e.Field, formatBytes(e.Need), formatBytes(e.Limit))
}

// formatBytes prints a byte count in binary units.
func formatBytes(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	i := 0
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	if i == len(units)-1 && b >= 1024 {
		return fmt.Sprintf("%.3g %s", b, units[i])
	}
	return fmt.Sprintf("%.1f %s", b, units[i])
}

// memoryLimit returns limit, or the machine's physical memory when limit
// is 0; 0 when neither is known (no check).
func memoryLimit(limit uint64) float64 {
	if limit > 0 {
		return float64(limit)
	}
	return float64(physicalMemory())
}

// checkMemory returns a *MemoryError when need exceeds the limit.
func checkMemory(field string, need float64, limit uint64) error {
	if lim := memoryLimit(limit); lim > 0 && need > lim {
		return &MemoryError{Field: field, Need: need, Limit: lim}
	}
	return nil
}

// networkParams estimates the parameter count of a network of the given
// inputs, width and depth (in floating point: absurd sizes do not wrap).
func networkParams(inputs, width, depth float64, modified bool) float64 {
	p := (inputs+1)*width + (depth-1)*(width+1)*width + (width + 1)
	if modified {
		p += 2 * (inputs + 1) * width
	}
	return p
}

// pointsMemory estimates the bytes a step over n points takes through a
// network of the given width and depth.
func pointsMemory(n, width, depth float64) float64 {
	return 8 * n * pointFloats * width * depth
}

// checkMemory estimates the memory of the config's run on p, field by
// field, and refuses the first that exceeds the limit (c.MaxMemory, or
// the physical memory), naming it.
func (c Config) checkMemory(p residuals.Problem) error {
	w, d := float64(c.Network.Width), float64(c.Network.Depth)
	inputs := float64(len(p.Domain.Coords))
	if f := c.Network.Fourier; f != nil {
		inputs += 2 * float64(f.Modes)
	}
	params := networkParams(inputs, w, d, c.Network.Modified)
	if err := checkMemory(fmt.Sprintf("config: field \"network\" (width %d, depth %d)", c.Network.Width, c.Network.Depth),
		8*stateCopies*params, c.MaxMemory); err != nil {
		return err
	}
	total := 8 * stateCopies * params
	for _, t := range c.terms(p) {
		n := float64(max(t.Sampling.Pool, t.Sampling.Batch))
		need := 8*n*(inputs+2) + pointsMemory(float64(t.Sampling.Batch), w, d)
		if t.Sampling.Batch == 0 { // a full batch: every pool point at every step
			need += pointsMemory(n, w, d)
		}
		if err := checkMemory(fmt.Sprintf("config: field \"terms.%s\" (pool %d, batch %d)", t.Name, t.Sampling.Pool, t.Sampling.Batch), need, c.MaxMemory); err != nil {
			return err
		}
		total += need
	}
	grid := float64(c.Eval.NX) * float64(c.Eval.NT)
	eval := referenceMemory(c.Eval.NX, c.Eval.NT) + 8*grid*4 + pointsMemory(predictBatch, w, d)/4
	if err := checkMemory(fmt.Sprintf("config: field \"eval\" (nx %d, nt %d)", c.Eval.NX, c.Eval.NT), eval, c.MaxMemory); err != nil {
		return err
	}
	return errors.Wrap(checkMemory("the run (network, points and evaluation together)", total+eval, c.MaxMemory), "config")
}

// referenceMemory estimates the bytes of computing a reference solution
// on an nx × nt grid: the grid, the solver's snapshots of up to 1024
// modes, and the CSV or cache encoding.
func referenceMemory(nx, nt int) float64 {
	return 8*float64(nx)*float64(nt)*4 + 16*1024*float64(nt)
}

// CheckReferenceMemory refuses a reference grid whose estimated memory
// exceeds limit (physical memory when 0), naming the flags.
func CheckReferenceMemory(nx, nt int, limit uint64) error {
	return checkMemory(fmt.Sprintf("-nx %d × -nt %d", nx, nt), referenceMemory(nx, nt), limit)
}
