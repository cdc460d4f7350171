package study

import (
	"fmt"
	"path/filepath"
	"strings"
)

// batchScript returns the batch script of an array job whose task i trains
// runs[i] with binary, logging into dir. A task Slurm stops (its time
// limit near, preemption) gets SIGTERM, which the run answers with a
// checkpoint and exit status 143; the task then requeues itself and
// continues from the checkpoint. GOMAXPROCS defaults to the task's CPUs,
// which keeps the runs bit-identical to runs on a machine with as many.
func batchScript(job, binary, dir string, runs []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `#!/bin/bash
# Written by pinn: task i trains the i-th run below (see SlurmExecutor).
#SBATCH --job-name=%s
#SBATCH --output=%s
#SBATCH --open-mode=append
#SBATCH --signal=B:TERM@60
#SBATCH --requeue
runs=(
`, job, quote(filepath.Join(dir, "%A_%a.log")))
	for _, run := range runs {
		fmt.Fprintf(&b, "\t%s\n", quote(run))
	}
	fmt.Fprintf(&b, `)
run=${runs[$SLURM_ARRAY_TASK_ID]}
export GOMAXPROCS=${GOMAXPROCS:-${SLURM_CPUS_PER_TASK:-1}}
echo "task $SLURM_ARRAY_TASK_ID (restart ${SLURM_RESTART_COUNT:-0}) on $(hostname): $run"
%s train -resume "$run" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null' TERM
wait $pid
status=$?
if [ $status -gt 128 ]; then # the trap interrupted wait, or the run's own status
	wait $pid
	status=$?
fi
if [ $status -eq 143 ]; then
	scontrol requeue "${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
fi
exit $status
`, quote(binary))
	return b.String()
}

// quote quotes s for the shell.
func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
