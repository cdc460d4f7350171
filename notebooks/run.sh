#!/usr/bin/env bash
# Executes every notebook in this directory headless with the GoNB kernel and
# fails if any cell fails. One line per notebook:
#   notebook quickstart.ipynb ok 41.2s
# and a closing line "notebooks: N passed, N failed".
#
# Usage: bash notebooks/run.sh [--inplace] [NB.ipynb ...]
#   --inplace   write the executed notebooks (with outputs) back in place;
#               default: executed copies go to $NB_OUT_DIR (default a temp dir),
#               the committed notebooks are not touched.
# Environment: NB_CELL_TIMEOUT (seconds per cell, default 1800),
#              NB_KERNEL (default gonb), NB_OUT_DIR.
# Run notebooks/install.sh once first.
set -euo pipefail

NB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KERNEL="${NB_KERNEL:-gonb}"
TIMEOUT="${NB_CELL_TIMEOUT:-1800}"

inplace=0
files=()
for a in "$@"; do
  case "$a" in
    --inplace) inplace=1 ;;
    *) if [ ! -e "$a" ] && [ -e "$NB_DIR/$a" ]; then a="$NB_DIR/$a"; fi
       files+=("$a") ;;
  esac
done
if [ "${#files[@]}" -eq 0 ]; then
  shopt -s nullglob
  for f in "$NB_DIR"/*.ipynb; do
    case "$f" in *.out.ipynb) continue ;; esac
    files+=("$f")
  done
fi
if [ "${#files[@]}" -eq 0 ]; then
  echo "notebooks: no notebooks in $NB_DIR"
  exit 0
fi

command -v jupyter >/dev/null || { echo "jupyter not found: run notebooks/install.sh" >&2; exit 1; }
if ! jupyter kernelspec list 2>/dev/null | awk '{print $1}' | grep -qx "$KERNEL"; then
  echo "Jupyter kernel '$KERNEL' not installed: run notebooks/install.sh" >&2
  exit 1
fi

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

OUT_DIR="${NB_OUT_DIR:-$(mktemp -d /tmp/pinn-nb-run.XXXXXX)}"
mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd)"

pass=0
fail=0
for f in "${files[@]}"; do
  name="$(basename "$f")"
  log="$OUT_DIR/${name%.ipynb}.log"
  args=(--to notebook --execute --allow-errors
        "--ExecutePreprocessor.kernel_name=$KERNEL"
        "--ExecutePreprocessor.timeout=$TIMEOUT"
        --ExecutePreprocessor.startup_timeout=120)
  if [ "$inplace" = 1 ]; then
    args+=(--inplace)
  else
    args+=(--output-dir "$OUT_DIR" --output "$name")
  fi
  if [ "$inplace" = 1 ]; then executed="$f"; else executed="$OUT_DIR/$name"; fi
  start=$(date +%s.%N)
  # nbconvert runs the kernel in the notebook's directory. --allow-errors keeps
  # the executed notebook (with GoNB's compiler messages) even when a cell
  # fails; the check below then fails the notebook on any error output, and on
  # an "exit status N" line on stderr: that is the only sign GoNB gives of a cell
  # program's non-zero exit (panic, os.Exit, log.Fatal, failing `!` line).
  if (cd "$(dirname "$f")" && jupyter nbconvert "${args[@]}" "$name") >"$log" 2>&1 \
     && "$PY" - "$executed" >>"$log" 2>&1 <<'PYEOF'
import html, json, re, sys
nb = json.load(open(sys.argv[1]))
exit_line = re.compile(r"^(exit status \d+|signal: .+)$", re.M)
def text(o):
    t = o.get("text", "")
    return "".join(t) if isinstance(t, list) else t
def html_text(o):
    h = o.get("data", {}).get("text/html", "")
    h = "".join(h) if isinstance(h, list) else h
    h = re.sub(r"(?s)<style.*?</style>|<script.*?</script>", "", h)
    h = html.unescape(re.sub(r"<[^>]+>", "", h))
    return re.sub(r"\n\s*\n+", "\n", h).strip()
for i, c in enumerate(nb.get("cells", [])):
    if c.get("cell_type") != "code":
        continue
    outs = c.get("outputs", [])
    stderr = "".join(text(o) for o in outs
                     if o.get("output_type") == "stream" and o.get("name") == "stderr")
    errors = [o for o in outs if o.get("output_type") == "error"]
    if not errors and not exit_line.search(stderr):
        continue
    print("cell %d failed:\n---- source ----\n%s" % (i, "".join(c.get("source", ""))))
    for o in outs:
        if o.get("output_type") == "display_data" and "text/html" in o.get("data", {}):
            print("---- output ----\n" + html_text(o)[:4000])
    if stderr:
        print("---- stderr ----\n" + stderr[-4000:])
    for o in errors:
        print("---- error ----\n%s: %s" % (o.get("ename"), o.get("evalue")))
    sys.exit(1)
PYEOF
  then
    status=ok
    pass=$((pass + 1))
  else
    status=FAILED
    fail=$((fail + 1))
  fi
  end=$(date +%s.%N)
  printf 'notebook %s %s %ss\n' "$name" "$status" "$(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.1f", e-s}')"
  if [ "$status" = FAILED ]; then
    # Show the failing cell and its error (not nbconvert's Python traceback).
    if grep -q -E '^cell [0-9]+ failed:' "$log"; then
      sed -n -E '/^cell [0-9]+ failed:/,$p' "$log" | head -n 80 | sed 's/^/    /'
    else
      grep -v -E '^[IWE][0-9]{4} ' "$log" | tail -n 40 | sed 's/^/    /'
    fi
    echo "    (full log: $log)"
  fi
done

echo "notebooks: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
