#!/usr/bin/env bash
# Predictable memorization (Biderman et al. 2023) at the scale of these CPUs: a family of
# GPT-2 language models of increasing size trained from scratch on the same Brown-corpus
# sequences in the same order, each keeping its model at evenly spaced steps (Pythia
# style). As in real corpora, sequences recur: distinct sequence u is written
# COPIES[u mod |COPIES|] times at seeded random places, and the models see the file once.
# Every distinct sequence is scored with every model and checkpoint (32-token prompt, 32
# greedy tokens); then the paper's two questions: do the smaller models (Figure 2), and do
# the largest model's own intermediate checkpoints (Table 2), predict which sequences the
# largest model memorizes?
# Writes docs/results/memorization.md and its histogram plot (raw scores under $WORK).
#
#   scripts/reproduce-memorization.sh
#
# Finished steps under $WORK (default data/reproduce-memorization) are skipped when the
# script runs again; an interrupted training resumes and an interrupted scoring continues.
# Environment: TEXT (data/brown.txt), VOCAB (tokenizer size, 4096), SEQUENCES (distinct
# training sequences, 512), COPIES (1,2,4,8,16,32,64), HELD_OUT (distinct validation
# sequences after them, 128), EPOCHS (1), CHECKPOINTS (kept models per run, 8), BATCH (16),
# LR (1e-3), FAMILY (NAME:LAYERS:WIDTH:HEADS ..., the largest is the target; default
# xs:1:64:2 s:2:128:4 m:3:192:4 l:4:256:4 xl:6:384:6, 0.3M to 12M parameters).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-data/reproduce-memorization}
text=${TEXT:-data/brown.txt}
vocab=${VOCAB:-4096}
sequences=${SEQUENCES:-512}
copies=${COPIES:-1,2,4,8,16,32,64}
held_out=${HELD_OUT:-128}
epochs=${EPOCHS:-1}
checkpoints=${CHECKPOINTS:-8}
batch=${BATCH:-16}
lr=${LR:-1e-3}
read -r -a family <<< "${FAMILY:-xs:1:64:2 s:2:128:4 m:3:192:4 l:4:256:4 xl:6:384:6}"
mnemo=build/mnemo
mkdir -p "$work"

log() { echo "reproduce-memorization: $*" >&2; }
source scripts/timing.sh
[ -f "$text" ] || { log "no text at $text (set TEXT, or run scripts/install-deps.sh)"; exit 1; }

tokenizer=$work/tokenizer
[ -f "$tokenizer/tokenizer.model" ] ||
  timed tokenizer $mnemo tokenizer train --input "$text" --vocab-size "$vocab" --out "$tokenizer"
data=$work/data
[ -f "$data.json" ] ||
  timed data $mnemo memorization make-data --text "$text" --tokenizer "$tokenizer" --seq-len 64 \
    --max-sequences $((sequences + held_out)) --copies "$copies" --held-out "$held_out" --out "$data"
scoring_data=$data-distinct  # each distinct sequence once; without duplicates, the data itself
[ -f "$scoring_data.idx" ] || scoring_data=$data

for member in "${family[@]}"; do
  IFS=: read -r name layers width heads <<< "$member"
  run=$work/$name
  if [ -f "$run/run.json" ]; then
    if ! grep -q '"finished": true' "$run/checkpoint/state.json"; then
      log "resuming $run"
      timed "train $name" $mnemo memorization train --resume --out "$run" > "$run.md"
    fi
  else
    log "training $name ($layers layers, width $width)"
    timed "train $name" $mnemo memorization train --data "$data" --layers "$layers" \
      --width "$width" --heads "$heads" --held-out "$held_out" --epochs "$epochs" \
      --checkpoints "$checkpoints" --batch "$batch" --lr "$lr" --out "$run" > "$run.md"
  fi
  # Every kept model scores every distinct sequence; the sidecar records its compute.
  for model in "$run"/step-*/; do
    step=$(basename "$model")
    step=$((10#${step#step-}))
    scores=$run/scores-$(basename "$model").csv
    if [ ! -f "$scores.done" ]; then
      log "scoring $name at step $step"
      timed "score $name" $mnemo memorization score --model "$model" --data "$scoring_data" \
        --training-tokens $((step * batch * 64)) --out "$scores" > /dev/null
      touch "$scores.done"
    fi
  done
done

final_scores() {  # final_scores NAME: the scores of the run's last kept (final) model
  local all=("$work/$1"/scores-step-*.csv)
  echo "${all[-1]}"
}
names=()
for member in "${family[@]}"; do names+=("${member%%:*}"); done
target_name=${names[-1]}
target=$(final_scores "$target_name")
smaller=()
for name in "${names[@]:0:${#names[@]}-1}"; do smaller+=("$(final_scores "$name")"); done
intermediate=("$work/$target_name"/scores-step-*.csv)
unset 'intermediate[-1]'
$mnemo memorization predict --json --target "$target" --predictor "${smaller[@]}" \
  > "$work/predict-smaller.json"
$mnemo memorization predict --json --target "$target" --predictor "${intermediate[@]}" \
  > "$work/predict-checkpoints.json"

/usr/bin/python3 scripts/memorization_report.py "$work" docs/results/memorization.md
log "wrote docs/results/memorization.md"
