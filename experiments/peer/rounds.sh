#!/bin/sh
# Interleaved step timings of the default build, the OpenBLAS build and the
# PyTorch peer, on one core and on two, in several rounds, so that ratios
# are taken within a round on a machine whose load drifts.
#
#   experiments/peer/rounds.sh [ROUNDS] [OUT]    (from the repository root)
#
# Needs libopenblas-dev and python3-torch (Debian), run with /usr/bin/python3.
# PyTorch runs on TCMalloc when libtcmalloc-minimal4 is installed, as its CPU
# performance guide advises, and otherwise on glibc's malloc told to keep
# freed memory: with glibc's defaults every large tensor is a fresh mmap
# whose pages fault in again, which made its step 2-4x slower on a virtual
# machine where page faults are dear (33.8 against 13.9 ms measured).
# Writes OUT (default bench-rounds.tsv): round, cores, build, solver, PDE,
# dtype, N, step ms; then prints the summary of experiments/peer/rounds.py.
#
# The environment narrows the cases, so that a close ratio can be repeated
# over more rounds in the same time (the defaults in brackets):
#   BUILDS [default openblas]  SIZES [1024,4096]  DTYPES [float64,float32]
#   PDES [burgers,kdv]  SOLVERS [adam,pde-aware]  (the peer times Burgers)
# e.g. BUILDS=default PDES=burgers SOLVERS=adam SIZES=1024 experiments/peer/rounds.sh 8
set -eu
rounds=${1:-3}
out=${2:-bench-rounds.tsv}
builds=${BUILDS:-default openblas}
sizes=${SIZES:-1024,4096}
dtypes=${DTYPES:-float64,float32}
pdes=${PDES:-burgers,kdv}
solvers=${SOLVERS:-adam,pde-aware}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
for b in $builds; do
	case $b in
	default) go build -o "$bin/pinn-default" ./experiments/cmd/pinn ;;
	openblas) go build -tags openblas -o "$bin/pinn-openblas" ./experiments/cmd/pinn ;;
	*) echo "rounds.sh: unknown build $b in BUILDS (default, openblas)" >&2; exit 2 ;;
	esac
done
if ! /usr/bin/python3 -c 'import torch, functorch' 2>/dev/null; then
	echo "rounds.sh: the PyTorch peer needs python3-torch (apt-get install python3-torch)" >&2
	exit 2
fi
tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
if [ -e "$tcmalloc" ]; then
	torchenv="LD_PRELOAD=$tcmalloc"
else
	torchenv="MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 MALLOC_TOP_PAD_=268435456"
fi
echo "PyTorch allocator: $torchenv" >&2
printf 'round\tcores\tbuild\tsolver\tpde\tdtype\tn\tms\n' > "$out"
# rows turns pinn bench's Markdown table into TSV lines.
rows() {
	awk -F'|' -v r="$1" -v c="$2" -v b="$3" '$2 ~ /^ (adam|pde-aware) $/ {
		gsub(/ /, ""); print r "\t" c "\t" b "\t" $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 }'
}
for r in $(seq "$rounds"); do
	for c in 1 2; do
		for b in $builds; do
			GOMAXPROCS=$c OPENBLAS_NUM_THREADS=1 "$bin/pinn-$b" bench -solvers "$solvers" -pdes "$pdes" -n "$sizes" -dtypes "$dtypes" |
				rows "$r" "$c" "$b" >> "$out"
		done
		for n in $(echo "$sizes" | tr , ' '); do
			for dtype in $(echo "$dtypes" | tr , ' '); do
				dt=f32
				[ "$dtype" = float64 ] && dt=f64
				env $torchenv OPENBLAS_NUM_THREADS=$c /usr/bin/python3 experiments/peer/torch_step.py "$n" "$c" $dt |
					awk -v r="$r" -v c="$c" -v n="$n" -v d="$dtype" -F'[ =]' '/^adam_ms=/ {
						print r "\t" c "\ttorch\tadam\tburgers\t" d "\t" n "\t" $2
						print r "\t" c "\ttorch\tpde-aware\tburgers\t" d "\t" n "\t" $6 }' >> "$out"
			done
		done
	done
done
/usr/bin/python3 experiments/peer/rounds.py "$out"
