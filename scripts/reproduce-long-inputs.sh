#!/usr/bin/env bash
# A trained RMT on inputs of a million tokens and more: accuracy of `rmt eval` at ~1M and
# ~2M tokens, and `rmt run` streaming a 1.8M-token text file from disk against a short one
# (answer, speed, peak memory). Writes docs/results/long-inputs.md.
#   scripts/reproduce-long-inputs.sh [model]
# The default model is memorize from scratch of scripts/reproduce-rmt-tasks.sh (5 segments).
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-data/reproduce/memorize-scratch}
samples=${SAMPLES:-10}
work=data/long-inputs
mnemo=build/mnemo
out=docs/results/long-inputs.md
if [[ ! -e $model/model/rmt.json && ! -e $model/rmt.json ]]; then
  echo "reproduce-long-inputs: no trained model at $model;" \
       "run scripts/reproduce-rmt-tasks.sh memorize first, or pass a model directory" >&2
  exit 1
fi
mkdir -p "$work"

# 1. Accuracy: the small geometry reads 115 tokens a segment, so 8,704 segments are
#    1,000,960 tokens and 17,774 segments 2,044,010 (the paper's longest: 2,043,904).
if [[ ! -s $work/eval.json ]]; then
  echo "reproduce-long-inputs: rmt eval at 8,704 and 17,774 segments, $samples samples each" >&2
  "$mnemo" rmt eval --model "$model" --segments 8704,17774 --samples "$samples" \
    --batch "$samples" --json > "$work/eval.json.tmp"
  mv "$work/eval.json.tmp" "$work/eval.json"
fi

# 2. Streaming: a fact, then held-out Brown sentences (the last 10% of the corpus, never
#    trained on) repeated to about 1.8M tokens; the same fact with one copy of 40 lines as
#    the short input. The question comes from --question.
fact="Daniel journeyed to the office."
{ echo "$fact"; tail -n 40 data/brown.txt; } > "$work/short.txt"
{ echo "$fact"; for _ in $(seq 15); do tail -n 5700 data/brown.txt; done; } > "$work/long.txt"
for input in short long; do
  echo "reproduce-long-inputs: rmt run on $input.txt" >&2
  "$mnemo" rmt run --model "$model" --input "$work/$input.txt" --question "Where is Daniel?" \
    --json > "$work/run-$input.json"
done

/usr/bin/python3 scripts/long_inputs_report.py "$work" "$model" "$out"
cat "$out"
