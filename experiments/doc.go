// Package experiments runs PINN training experiments described by small
// declarative configs: it builds the problem's loss and the solver, runs
// the step loop, scores the network against the reference solution and
// writes metrics.json and history.csv into the run directory. The pinn
// command in cmd/pinn is a thin shell over it.
package experiments
