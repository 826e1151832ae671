#!/usr/bin/env bash
# mnemo's encoder RMT against the same model in plain PyTorch-Python (bench/rmt_baseline.py):
# tokens/s per case, interleaved over several rounds so that a noisy neighbour hits both alike,
# a 2048x2048 sgemm per round as the machine's matmul ceiling, and how mnemo's speed and peak
# memory scale with the number of segments. Writes docs/results/performance.md.
#   scripts/bench-rmt.sh [rounds] [repeats per run]
#   BENCH_TRAIN_BASE=0 scripts/bench-rmt.sh   # skip the slow BERT-base training case
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
repeats=${2:-5}
train_base=${BENCH_TRAIN_BASE:-1}

# Compared cases: mode config batch segments.
cases=(
  "infer small 1 16"
  "infer base 1 4"
  "train small 8 4"
)
[[ $train_base == 0 ]] || cases+=("train base 1 2")
# mnemo alone, inference at batch 1: config segments repeats warmup. One timed pass of the
# long inputs is enough; what matters there is that peak memory does not grow.
scaling=(
  "small 1 $repeats 1"
  "small 16 $repeats 1"
  "small 256 1 0"
  "small 4096 1 0"
  "base 1 $repeats 1"
  "base 16 1 0"
  "base 64 1 0"
)
# Training memory by BPTT strategy (mnemo alone, small, batch 1, one step each): with
# recompute, a 32-segment step should need at most twice the memory of a 2-segment one.
bptt_runs=(
  "full 2" "full 32" "recompute 2" "recompute 32"
)

mnemo=build/mnemo
python=/usr/bin/python3  # Debian's interpreter: the one with torch
out=docs/results/performance.md
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT

command="scripts/bench-rmt.sh $rounds $repeats"
[[ $train_base == 0 ]] && command="BENCH_TRAIN_BASE=0 $command"
printf 'meta\t0\t{"command": "%s", "rounds": %d, "repeats": %d}\n' "$command" "$rounds" "$repeats" >> "$raw"

# Appends one raw line: tag, round, the last stdout line of the command (its JSON).
record() {
  local tag=$1 round=$2
  shift 2
  printf '%s\t%s\t%s\n' "$tag" "$round" "$("$@" | tail -n 1)" >> "$raw"
}

for round in $(seq "$rounds"); do
  for case in "${cases[@]}"; do
    read -r mode config batch segments <<< "$case"
    args=(--config "$config" --segments "$segments" --batch "$batch" --mode "$mode" --repeats "$repeats")
    # Alternate who goes first, so that neither always runs on a machine the other warmed.
    sides=(mnemo python)
    (( round % 2 )) || sides=(python mnemo)
    for side in "${sides[@]}"; do
      echo "bench-rmt: round $round/$rounds: $side $mode $config batch $batch, $segments segments" >&2
      if [[ $side == mnemo ]]; then
        record case "$round" "$mnemo" rmt bench "${args[@]}"
      else
        record case "$round" "$python" bench/rmt_baseline.py "${args[@]}"
      fi
    done
  done
  echo "bench-rmt: round $round/$rounds: sgemm" >&2
  record sgemm "$round" "$mnemo" bench sgemm
done

for run in "${scaling[@]}"; do
  read -r config segments reps warmup <<< "$run"
  echo "bench-rmt: scaling: mnemo infer $config batch 1, $segments segments" >&2
  record scaling 0 "$mnemo" rmt bench --config "$config" --segments "$segments" --batch 1 \
    --mode infer --repeats "$reps" --warmup "$warmup"
done

for run in "${bptt_runs[@]}"; do
  read -r bptt segments <<< "$run"
  echo "bench-rmt: training memory: mnemo small batch 1, $segments segments, --bptt $bptt" >&2
  record bptt 0 "$mnemo" rmt bench --config small --segments "$segments" --batch 1 \
    --mode train --bptt "$bptt" --repeats 1 --warmup 0
done

"$python" scripts/performance_report.py "$raw" "$out"
cat "$out"
