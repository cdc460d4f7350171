// Package experiments runs PINN training experiments described by small
// declarative configs: it builds the problem's loss and the solver, runs
// the step loop, scores the network against the reference solution and
// writes metrics.json and history.csv into the run directory. The pinn
// command in cmd/pinn is a thin shell over it.
//
// A run (Run, Trainer.Train) shows a live progress bar on a terminal and
// plain lines elsewhere, draws solution.png and loss.png, and checkpoints
// every CheckpointEvery steps, at the end and on cancellation; Resume
// continues it bit for bit. A config with "time_marching" trains one
// network per time window in turn (March), each from the previous one's
// prediction, and scores them together. Open is the one place a run is
// started or resumed; every trainer, and every window of a marching run,
// is built from one plan (plan.go: network, terms, loss options and
// solver, each built once), and Config.Validate checks fields without
// building any. Config.Set overrides one field by its JSON path (pinn
// train -set). Studies are grids of runs: Compare (PDEs ×
// solver variants × seeds at a Budget, with results.md and figures) and
// Ablate (batch size, the PDE-aware optimizer's v, solver cost); RunCases
// reuses finished runs and resumes interrupted ones, so a stopped study
// continues where it stopped, and compacts the runs it finishes (Compact:
// their checkpoint keeps the parameters and history, not the solver
// state), so that they can be committed. A study's Executor trains its runs here
// (LocalExecutor) or as one Slurm array job (SlurmExecutor), which the
// study's command run again follows and collects.
package experiments
