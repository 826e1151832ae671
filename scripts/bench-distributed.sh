#!/usr/bin/env bash
# Data-parallel training on this machine: `rmt bench --mode train` as one rank with every
# core's thread against `mnemo launch` ranks of one thread each (Gloo over loopback), small
# and base geometries, alternating over rounds so that a noisy neighbour hits both alike.
# Reports training tokens/s (medians over rounds), their ratio, and the share of a step that
# summing the gradients takes. Writes docs/results/distributed.md.
#   scripts/bench-distributed.sh [rounds] [repeats per run]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
repeats=${2:-3}
cores=$(nproc)
mnemo=build/mnemo
out=docs/results/distributed.md
# Cases: config batch segments (the global batch: the ranks share it).
cases=("small 8 4" "base 2 2")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for round in $(seq "$rounds"); do
  for case in "${cases[@]}"; do
    read -r config batch segments <<<"$case"
    flags="rmt bench --mode train --config $config --batch $batch --segments $segments --repeats $repeats"
    echo "round $round: $config, 1 rank x $cores threads" >&2
    $mnemo --threads "$cores" $flags >>"$work/runs.jsonl"
    echo "round $round: $config, $cores ranks x 1 thread" >&2
    $mnemo launch --nproc-per-node "$cores" -- --threads 1 $flags | sed 's/^\[rank 0\] //' \
      >>"$work/runs.jsonl"
  done
done

/usr/bin/python3 - "$work/runs.jsonl" "$out" "$rounds" "$repeats" "$cores" <<'PY'
import json, statistics, subprocess, sys, datetime, platform
runs_file, out, rounds, repeats, cores = sys.argv[1:]
runs = [json.loads(line) for line in open(runs_file)]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
commit = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
rows = []
for config in dict.fromkeys(r["config"] for r in runs):
    def pick(ranks):
        return [r for r in runs if r["config"] == config and r["ranks"] == ranks]
    one, many = pick(1), pick(int(cores))
    t1 = statistics.median(r["tokens_per_s"] for r in one)
    tn = statistics.median(r["tokens_per_s"] for r in many)
    share = statistics.median(r["gradient_sum_share"] for r in many)
    rows.append(f"| {config} | {one[0]['batch']} x {one[0]['segments']} | {t1:,.0f} | {tn:,.0f} | "
                f"{tn / t1:.2f}x | {100 * share:.1f}% |")
with open(out, "w") as f:
    f.write(f"""# Data-parallel training on one machine

`scripts/bench-distributed.sh {rounds} {repeats}` ({cpu}, {cores} cores, commit {commit},
{datetime.date.today()}): `mnemo rmt bench --mode train` (forward, backward through every
segment, AdamW step on random weights and tokens) as one process with {cores} libtorch threads,
against `mnemo launch --nproc-per-node {cores}` ranks of one thread each that split the same
global batch and sum their gradients with torch.distributed's Gloo over loopback (buckets of
25 MB). Medians of {rounds} alternating rounds, each the median of {repeats} timed steps after
one untimed.

| geometry | batch x segments | 1 rank x {cores} threads, tokens/s | {cores} ranks x 1 thread, tokens/s | ratio | gradient sum, share of a step |
|---|---|---:|---:|---:|---:|
""" + "\n".join(rows) + """

The gradient sum is the time rank 0 spends in the all-reduce, waiting for the slower rank
included. Ranks split samples, so a batch smaller than the number of ranks leaves some idle.
""")
print(open(out).read())
PY
