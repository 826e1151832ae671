#!/usr/bin/env bash
# What mnemo's process settings buy: a BERT-base forward on 512 tokens (random weights) under
# each setting, and the PyTorch-Python baseline of the same math, interleaved over several
# rounds so that a noisy neighbour hits them all alike. Writes docs/results/threads.md.
#   scripts/bench-threads.sh [rounds] [repeats per run]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
repeats=${2:-5}
mnemo=build/mnemo
out=docs/results/threads.md
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT

declare -A runs=(
  ["mnemo (PASSIVE, 2 threads, malloc keeps memory)"]="$mnemo bench forward --config base --tokens 512 --repeats $repeats"
  ["mnemo, glibc malloc defaults"]="env MNEMO_GLIBC_MALLOC=1 $mnemo bench forward --config base --tokens 512 --repeats $repeats"
  ["mnemo, OMP_WAIT_POLICY=ACTIVE (spinning)"]="env OMP_WAIT_POLICY=ACTIVE $mnemo bench forward --config base --tokens 512 --repeats $repeats"
  ["mnemo, 1 torch thread"]="$mnemo --threads 1 bench forward --config base --tokens 512 --repeats $repeats"
  ["PyTorch-Python, PASSIVE, 2 threads"]="env OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/bert_forward.py --config base --tokens 512 --repeats $repeats --threads 2"
  ["PyTorch-Python, default environment"]="/usr/bin/python3 bench/bert_forward.py --config base --tokens 512 --repeats $repeats"
)
order=("mnemo (PASSIVE, 2 threads, malloc keeps memory)" "mnemo, glibc malloc defaults"
       "mnemo, OMP_WAIT_POLICY=ACTIVE (spinning)" "mnemo, 1 torch thread"
       "PyTorch-Python, PASSIVE, 2 threads" "PyTorch-Python, default environment")

for round in $(seq "$rounds"); do
  for name in "${order[@]}"; do
    echo "bench-threads: round $round/$rounds: $name" >&2
    seconds=$(${runs[$name]} | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds_median"])')
    printf '%s\t%s\n' "$name" "$seconds" >> "$raw"
  done
done

{
  echo "# Process settings and BERT-base forward speed"
  echo
  echo "BERT-base geometry (12 layers, d=768), 512 tokens, batch 1, random weights, inference."
  echo "Each cell: median over $rounds rounds of the median of $repeats timed runs (1 warm-up)."
  echo
  echo "- Command: \`scripts/bench-threads.sh $rounds $repeats\`"
  echo "- Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB"
  echo "- Date: $(date -u +%Y-%m-%d)"
  echo "- BLAS: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
  echo
  echo "| setting | seconds (median) | GFLOP/s | vs mnemo default |"
  echo "|---|---:|---:|---:|"
  /usr/bin/python3 - "$raw" "${order[@]}" <<'PY'
import statistics, sys
raw, order = sys.argv[1], sys.argv[2:]
times = {}
for line in open(raw):
    name, seconds = line.rstrip("\n").split("\t")
    times.setdefault(name, []).append(float(seconds))
flops = 12 * (8 * 512 * 768**2 + 4 * 512**2 * 768 + 4 * 512 * 768 * 3072)
base = statistics.median(times[order[0]])
for name in order:
    m = statistics.median(times[name])
    print(f"| {name} | {m:.3f} | {flops / m / 1e9:.0f} | {m / base:.2f}x |")
PY
} > "$out"
cat "$out"
