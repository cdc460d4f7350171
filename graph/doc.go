// Package graph builds the Gorgonia expression graphs of a physics-informed
// neural network: the network applied to named input columns, nested
// derivatives of its outputs with respect to those inputs, collocation
// sampling, and the loss terms whose parameter gradients drive a solver.
//
// Derivatives are propagated forward through the ops that a Graph records
// (u_x, u_xx, u_xxx, u_t, mixed ones), so each derivative is an ordinary
// Gorgonia node and one reverse pass gives exact parameter gradients of any
// residual built from them. Gorgonia's own symbolic Grad is applied exactly
// once per graph: applying it repeatedly silently reuses cached nodes.
//
// Residuals are written with the Graph's ops (arithmetic, Tanh, Sin, Cos,
// Exp, Log, Sqrt, Abs, integer and real powers), each with a derivative
// rule built from the same ops, so every derivative nests; a source term
// may also be a Go function of the coordinates (Forcing), evaluated at the
// sampled points. NewLoss refuses what would train the wrong objective or
// fail later, naming the term: a residual that is not one value per
// point, a trainable value made inside a residual, a residual that does
// not depend on the network, a reversed domain.
//
// A Loss runs one graph per term, or per block of a large term's points
// (Options.Shards), on as many cores as GOMAXPROCS allows; the machines
// write each run into the previous run's tensors, and the broadcasts and
// element-wise functions are ops of this package that do so, so a step
// allocates little. With Options.PerSample the interior term's graph also
// gives the exact per-sample gradient statistics a PDE-aware solver needs;
// on CPUs with AVX2 and FMA, vector kernels (internal/persample) form and
// sum each sample's gradient of a weight matrix in registers.
//
// A PDE's unknown coefficients (Unknown, an inverse problem's λ) are
// declared on the MLP and read in residuals with Fields.Unknown: they are
// parameters of the network after its weights, so gradients, solvers and
// checkpoints include them.
//
// Networks compose: an MLP (plain or modified), wrapped by Fourier
// features of a periodic coordinate, a Normalized map of the other
// coordinates to [−1, 1], and an output transform for hard constraints.
//
// Nothing in this package knows which PDE or which solver is in use.
package graph
