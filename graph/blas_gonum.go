//go:build !openblas

package graph

// BLAS names the BLAS implementation Gorgonia's matrix products use: gonum's
// pure-Go BLAS, which needs nothing installed. Build with -tags openblas for
// OpenBLAS.
const BLAS = "gonum"
