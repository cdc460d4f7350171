// Package solvers holds the optimizers that train a network from the
// gradients a graph.Loss computes: Adam and AdamW, the PDE-aware optimizer,
// full-batch L-BFGS and Adam followed by L-BFGS. Every solver updates the
// shared parameter tensors in place and can save and restore its state for
// checkpoints.
package solvers
