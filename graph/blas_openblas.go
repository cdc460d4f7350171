//go:build openblas

package graph

// #cgo LDFLAGS: -lopenblas
import "C"

import (
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/netlib/blas/netlib"
	"gorgonia.org/gorgonia"
)

// BLAS names the BLAS implementation Gorgonia's matrix products use.
const BLAS = "openblas"

// Building with -tags openblas hands Gorgonia OpenBLAS (Debian's
// libopenblas-dev) through gonum's cgo bindings: matrix products are most of
// a PINN step, and OpenBLAS runs them about five times faster than pure Go.
// gonum's mat gets it too, for the per-sample statistics (SampleStats),
// whose products were half of a pde-aware step left in pure Go.
func init() {
	gorgonia.Use(netlib.Implementation{})
	blas64.Use(netlib.Implementation{})
	blas32.Use(netlib.Implementation{})
}
