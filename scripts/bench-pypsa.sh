#!/usr/bin/env bash
# Side-by-side: PyPSA + HiGHS and `yrdplan dispatch --pypsa` on the same PyPSA CSV folder, alternating, each run a
# fresh process measured by /usr/bin/time (process wall, CPU, peak RSS), then the ratios yrdplan / PyPSA.
#
#   BENCH_PYTHON=/path/to/venv/bin/python scripts/bench-pypsa.sh FOLDER [RUNS] [-- extra yrdplan dispatch options]
#
# PyPSA is not a project dependency: point BENCH_PYTHON at a Python with `pypsa` and `highspy` installed (the figures
# in the README used PyPSA 1.4.0 and HiGHS 1.16 from PyPI in a scratch virtualenv). yrdplan is the release build
# (`swift build -c release --product yrdplan`). Prints one line per run and the medians.
set -euo pipefail
folder=${1:?usage: bench-pypsa.sh FOLDER [RUNS] [-- yrdplan options]}
shift
runs=3
if [[ $# -gt 0 && $1 != "--" ]]; then runs=$1; shift; fi
[[ $# -gt 0 && $1 == "--" ]] && shift
python=${BENCH_PYTHON:?set BENCH_PYTHON to a Python with pypsa and highspy}
yrdplan=${YRDPLAN:-.build/release/yrdplan}
[[ -x $yrdplan ]] || { echo "no $yrdplan: swift build -c release --product yrdplan" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

measure() { # label command…: appends "label wall cpu rss_mb" to $out/runs
  local label=$1
  shift
  /usr/bin/time -o "$out/time" -f "%e %U %S %M" "$@" >"$out/stdout" 2>"$out/stderr" || {
    echo "$label failed:" >&2
    tail -5 "$out/stderr" >&2
    exit 1
  }
  read -r wall user sys rss <"$out/time"
  local objective
  objective=$(grep -o '"objective[a-z_]*" *: *[-0-9.e+]*' "$out/stdout" | head -1 | sed 's/.*: *//')
  printf '%-8s wall %7.2f s  CPU %7.2f s  peak RSS %6.0f MB  objective %s\n' "$label" "$wall" \
    "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc)" "$objective"
  echo "$label $wall $(echo "$user + $sys" | bc) $(echo "$rss / 1024" | bc)" >>"$out/runs"
}

pypsa_script="import json, sys, pypsa
n = pypsa.Network(sys.argv[1])
status, condition = n.optimize(solver_name='highs')
print(json.dumps({'objective': float(n.objective), 'status': status, 'condition': condition}))"

echo "case $folder, $runs runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "PyPSA $("$python" -c 'import pypsa; print(pypsa.__version__)'), HiGHS $("$python" -c 'import importlib.metadata as m; print(m.version("highspy"))' 2>/dev/null || echo '?'), yrdplan $yrdplan $*"
for ((i = 1; i <= runs; i++)); do
  measure pypsa "$python" -c "$pypsa_script" "$folder"
  measure yrdplan "$yrdplan" dispatch --pypsa "$folder" --json "$@"
done
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
for field in 2 3 4; do
  p=$(awk -v f=$field '$1 == "pypsa" {print $f}' "$out/runs" | median)
  y=$(awk -v f=$field '$1 == "yrdplan" {print $f}' "$out/runs" | median)
  name=$(case $field in 2) echo "wall s" ;; 3) echo "CPU s" ;; 4) echo "peak RSS MB" ;; esac)
  printf 'median %-12s PyPSA %9.2f  yrdplan %9.2f  ratio %.3f\n' "$name" "$p" "$y" "$(echo "scale=4; $y / $p" | bc)"
done
