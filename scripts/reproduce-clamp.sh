#!/usr/bin/env bash
# CLaMP on WikiMT with these CPUs: the paper's ablations (M3 pre-training of the music
# encoder, text dropout) on a tiny CLaMP trained from scratch here on WikiMT's training
# split, each model evaluated on the held-out test split (text-to-music and music-to-text
# retrieval, zero-shot genre classification), over several seeds of the contrastive runs;
# then the synthetic demo, timed.
# Writes docs/results/clamp.md (and the raw JSON under $WORK).
#
#   scripts/reproduce-clamp.sh
#
# Finished steps under $WORK (default data/reproduce-clamp) are skipped when the script runs
# again, and an interrupted training run resumes. Environment: WIKIMT (the WikiMT JSON,
# ../shared/data/wikimusictext.json), CONFIG (tiny), STEPS (contrastive steps per model,
# 1000), M3_STEPS (masked-music steps, 400; one M3 model, seed 0, serves every seed), SEEDS
# (of the contrastive runs, "0 1 2").
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-data/reproduce-clamp}
wikimt=${WIKIMT:-../shared/data/wikimusictext.json}
config=${CONFIG:-tiny}
steps=${STEPS:-1000}
m3_steps=${M3_STEPS:-400}
read -r -a seeds <<< "${SEEDS:-0 1 2}"
mnemo=build/mnemo
mkdir -p "$work"

log() { echo "reproduce-clamp: $*" >&2; }
[ -f "$wikimt" ] || { log "no WikiMT file at $wikimt (set WIKIMT)"; exit 1; }

source scripts/timing.sh

train_run() {  # train_run DIR train|pretrain-m3 ARGS...: a new or resumed run ending in DIR/model
  local run=$1 action=$2
  shift 2
  if [ -f "$run/checkpoint/state.json" ] && grep -q '"finished": true' "$run/checkpoint/state.json"
  then
    return
  fi
  if [ -f "$run/run.json" ]; then
    log "resuming $run"
    timed "${run#"$work"/}" $mnemo clamp "$action" --resume --out "$run" > "$run.md"
  else
    log "training $run"
    timed "${run#"$work"/}" $mnemo clamp "$action" "$@" --out "$run" > "$run.md"
  fi
}

common=(--data "$wikimt" --config "$config" --batch 32 --lr 5e-4 --validate-every 50)
train_run "$work/m3" pretrain-m3 "${common[@]}" --seed 0 --steps "$m3_steps"

for seed in "${seeds[@]}"; do
  runs=$work/seed-$seed
  mkdir -p "$runs"
  contrastive=(train "${common[@]}" --seed "$seed" --steps "$steps")
  train_run "$runs/scratch" "${contrastive[@]}"
  train_run "$runs/scratch-no-dropout" "${contrastive[@]}" --no-text-dropout
  train_run "$runs/m3-init" "${contrastive[@]}" --init-m3 "$work/m3/model"
  train_run "$runs/m3-init-no-dropout" "${contrastive[@]}" --init-m3 "$work/m3/model" \
    --no-text-dropout
  for name in scratch scratch-no-dropout m3-init m3-init-no-dropout; do
    result=$runs/$name.eval.json
    [ -f "$result" ] && continue
    log "evaluating seed $seed $name on the test split"
    $mnemo clamp eval --model "$runs/$name/model" --data "$wikimt" --split test --json \
      > "$result.tmp"
    mv "$result.tmp" "$result"
  done
done

if [ ! -f "$work/demo.md" ]; then
  log "running the synthetic demo"
  rm -rf "$work/demo"
  timed demo $mnemo clamp demo --out "$work/demo" > "$work/demo.md.tmp"
  mv "$work/demo.md.tmp" "$work/demo.md"
fi

/usr/bin/python3 scripts/clamp_report.py "$work" "$wikimt" docs/results/clamp.md
log "wrote docs/results/clamp.md"
