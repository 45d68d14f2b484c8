#!/usr/bin/env bash
# Times `yrdplan study run` (release build) on studies of typical-day dispatches of the policy grid in 2030, one job
# per draw (demand ±5%): 200 jobs locally with 1 and 2 workers and through Slurm (chunks of 10), and 50/200/800 jobs
# locally with 2 workers (cost growth). Prints a Markdown table with the machine, date and load averages.
# Slurm: uses the cluster of $SLURM_CONF, else starts scripts/slurm-local.sh (and stops it at the end);
# BENCH_SLURM=0 skips it. YRDPLAN=path picks the binary (default .build/release/yrdplan). Usage: make bench-studies
set -euo pipefail
cd "$(dirname "$0")/.."
Y=${YRDPLAN:-$PWD/.build/release/yrdplan}
[ -x "$Y" ] || { echo "bench-studies: no $Y — run: swift build -c release --product yrdplan" >&2; exit 2; }
WORK=$(mktemp -d /tmp/yrdplan-bench-studies.XXXXXX)
STARTED=0
cleanup() { [ "$STARTED" = 1 ] && scripts/slurm-local.sh stop >/dev/null 2>&1; rm -rf "$WORK"; }
trap cleanup EXIT

study() {  # NAME DRAWS CHUNK
  cat > "$WORK/$1.yaml" <<YAML
name: $1
runs: [dispatch]
axes: {grid_variants: [policy], years: [2030]}
draws: {count: $2, seed: 1, demand_spread: 0.05}
retries: 0
slurm: {partition: debug, chunk_size: $3, time: "01:00:00"}
YAML
}
seconds() {  # COMMAND…: runs it, prints its wall time in seconds (3 decimals)
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$WORK/last.err" || { cat "$WORK/last.err" >&2; exit 1; }
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}
per_job() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.3f", t / n }'; }
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
single=$(seconds "$Y" dispatch --scenario policy --year 2030 --json)
echo "| run | jobs | wall s | s per job |"
echo "|---|---|---|---|"
row "one \`yrdplan dispatch\` (policy 2030, typical days), process start and model load included" 1 "$single" "$single"

study s200 200 10
t1=$(seconds "$Y" study run "$WORK/s200.yaml" --store "$WORK/l1.store" --jobs 1)
row "local, 1 worker" 200 "$t1" "$(per_job "$t1" 200)"
t2=$(seconds "$Y" study run "$WORK/s200.yaml" --store "$WORK/l2.store" --jobs 2)
row "local, 2 workers" 200 "$t2" "$(per_job "$t2" 200)"

if [ "${BENCH_SLURM:-1}" = 1 ]; then
  if [ -z "${SLURM_CONF:-}" ]; then
    env=$(scripts/slurm-local.sh start 2>/dev/null) || { echo "bench-studies: cannot start Slurm" >&2; exit 1; }
    eval "$env"
    STARTED=1
  fi
  ts=$(seconds "$Y" study run "$WORK/s200.yaml" --store "$WORK/slurm.store" --executor slurm --poll 1)
  row "Slurm, one array of 20 tasks × 10 jobs (one process and model load per task), 2 CPUs" 200 "$ts" "$(per_job "$ts" 200)"
  study u200 200 1
  tu=$(seconds "$Y" study run "$WORK/u200.yaml" --store "$WORK/slurm1.store" --executor slurm --poll 1)
  row "Slurm, one array of 200 tasks × 1 job (one process per job, as the local pool), 2 CPUs" 200 "$tu" "$(per_job "$tu" 200)"
  echo
  awk -v u="$tu" -v s="$ts" -v l="$t2" -v one="$t1" 'BEGIN {
    job = one / 200
    printf "Per job, against the local pool with the same 2 CPUs (%.3f s per job; a job alone %.3f s): ", l / 200, job
    printf "Slurm unchunked %+.3f s (%+.1f %% of a job), chunks of 10 %+.3f s (%+.1f %%).\n", (u - l) / 200, 100 * (u - l) / 200 / job, (s - l) / 200, 100 * (s - l) / 200 / job
  }'
  echo
fi

for n in 50 800; do
  study "s$n" "$n" 10
  t=$(seconds "$Y" study run "$WORK/s$n.yaml" --store "$WORK/g$n.store" --jobs 2)
  row "local, 2 workers (growth)" "$n" "$t" "$(per_job "$t" "$n")"
done
row "local, 2 workers (growth, from above)" 200 "$t2" "$(per_job "$t2" 200)"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(. /etc/os-release; echo "$PRETTY_NAME");" \
  "$(date -u +%Y-%m-%d); load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
