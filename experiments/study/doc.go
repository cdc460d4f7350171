// Package study runs studies, grids of the runs of package experiments,
// and writes their tables and figures: Compare (PDEs × solver variants ×
// seeds at a Budget, with results.md and figures, optionally a learning
// rate chosen per solver first, and with Study "autobalance" the
// AutoBalance paper's table and figures), Ablate (batch size, the PDE-aware
// optimizer's v, solver cost), Bench and MeasureCost (step time and
// memory, timed as experiments.Trainer.TimeSteps times the step pinn
// train takes). RunCases reuses finished runs and resumes interrupted
// ones, so a stopped study continues where it stopped, and compacts the
// runs it finishes (experiments.Compact) so that they can be committed. A
// study's Executor trains its runs in this process (LocalExecutor) or as
// one Slurm array job (SlurmExecutor), which the study's command run
// again follows and collects.
package study
