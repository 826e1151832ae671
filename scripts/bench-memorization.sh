#!/usr/bin/env bash
# What memorization scoring costs: greedy decoding of a 32-token continuation after a
# 32-token prompt with the key/value cache, against one forward pass (logits at every
# position) over the same 64-token window, the two interleaved in one process, medians over
# rounds. A GPT-2 of the small geometry (4 layers, d=256) with Pythia's vocabulary (50,304)
# on random weights; batches of 8, 32 and 128 sequences.
# Writes docs/results/memorization-throughput.md.
#
#   scripts/bench-memorization.sh
#
# Environment: ROUNDS (5), BATCHES ("8 32 128").
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-5}
read -r -a batches <<< "${BATCHES:-8 32 128}"
out=docs/results/memorization-throughput.md
model=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "# Memorization scoring throughput"
  echo
  echo "Written by \`scripts/bench-memorization.sh\` ($model, $(nproc) cores, $(date -u +%F))."
  echo "Each table: \`build/mnemo memorization bench --config small --vocab-size 50304 --batch B"
  echo "--rounds $rounds\` (the smallest batch also times decoding without the cache). Scoring"
  echo "is one forward pass over the 32-token prompts, then 31 cached steps of one token, each"
  echo "projecting only the new position onto the vocabulary; the forward pass projects all 64."
  echo
  for batch in "${batches[@]}"; do
    extra=()
    [ "$batch" = "${batches[0]}" ] && extra=(--uncached)
    build/mnemo memorization bench --config small --vocab-size 50304 --batch "$batch" \
      --rounds "$rounds" "${extra[@]}"
    echo
  done
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out" >&2
