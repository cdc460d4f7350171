"""Summarise experiments/peer/rounds.sh's TSV: median step ms per case, and
each ratio taken within a round, as median (min-max) over the rounds.

Usage: python3 rounds.py bench-rounds.tsv
"""
import csv, statistics, sys
from collections import defaultdict

ms = {}
rounds = set()
for row in csv.DictReader(open(sys.argv[1]), delimiter="\t"):
    key = (row["cores"], row["build"], row["solver"], row["pde"], row["dtype"], row["n"])
    ms[(row["round"],) + key] = float(row["ms"])
    rounds.add(row["round"])

def ratio(num, den):
    """Median (min-max) over rounds of ms[num] / ms[den], or None."""
    rs = [ms[(r,) + num] / ms[(r,) + den] for r in sorted(rounds)
          if (r,) + num in ms and (r,) + den in ms]
    if not rs:
        return None
    return f"{statistics.median(rs):.2f} ({min(rs):.2f}-{max(rs):.2f})"

def median_ms(key):
    v = [ms[(r,) + key] for r in rounds if (r,) + key in ms]
    return f"{statistics.median(v):.1f}" if v else "-"

print("| cores | solver | PDE | dtype | N | default ms | OpenBLAS ms | PyTorch ms | default / OpenBLAS | default / PyTorch | OpenBLAS / PyTorch | default f32 / f64 |")
print("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
# A case is timed by at least one Go build; the peer's cases alone are not.
cases = sorted({(k[1], k[3], k[4], k[5], k[6]) for k in ms if k[2] != "torch"},
               key=lambda k: (k[0], k[1], k[2], k[3] != "float64", int(k[4])))
for cores, solver, pde, dtype, n in cases:
    d = (cores, "default", solver, pde, dtype, n)
    o = (cores, "openblas", solver, pde, dtype, n)
    t = (cores, "torch", solver, pde, dtype, n)
    f64 = (cores, "default", solver, pde, "float64", n)
    cells = [median_ms(d), median_ms(o), median_ms(t), ratio(d, o), ratio(d, t), ratio(o, t),
             ratio(d, f64) if dtype == "float32" else None]
    print(f"| {cores} | {solver} | {pde} | {dtype} | {n} | " + " | ".join(c or "-" for c in cells) + " |")
print(f"\n{len(rounds)} rounds; ratios within a round, median (min-max) over rounds.")
