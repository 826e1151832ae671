#!/usr/bin/env bash
# BABILong on these CPUs: a decoder RMT on a GPT-2 of the small geometry (4 layers, d=256),
# trained from scratch here on BABILong-style samples of bAbI qa1..qa5 hidden in Brown
# corpus noise, with a curriculum over segment counts; then every task evaluated at each
# input length by generating the answer and scoring it as BABILong does.
# Writes docs/results/babilong.md (and the raw JSON under $WORK).
#
#   scripts/reproduce-babilong.sh
#
# Finished steps under $WORK (default data/reproduce-babilong) are skipped when the script
# runs again, and an interrupted training run resumes. Environment: BABI (directory of the
# bAbI training files, ../shared/data/babi), TRAIN_TASKS and EVAL_TASKS (qa1 qa2 qa3 qa4
# qa5), CURRICULUM (1,2,4), STEPS (per stage, 1500), LENGTHS (0,1k,2k,4k,8k,16k), SAMPLES
# (per task and length, 50), LR (3e-4).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-data/reproduce-babilong}
babi_dir=${BABI:-../shared/data/babi}
read -r -a train_tasks <<< "${TRAIN_TASKS:-qa1 qa2 qa3 qa4 qa5}"
read -r -a eval_tasks <<< "${EVAL_TASKS:-qa1 qa2 qa3 qa4 qa5}"
curriculum=${CURRICULUM:-1,2,4}
steps=${STEPS:-1500}
lengths=${LENGTHS:-0,1k,2k,4k,8k,16k}
samples=${SAMPLES:-50}
mnemo=build/mnemo
tokenizer=data/demo/brown-tokenizer
run=$work/rmt-gpt2-small
mkdir -p "$work"

log() { echo "reproduce-babilong: $*" >&2; }

babi_files() {  # babi_files TASK...: the bAbI training file of each task
  local name files
  for name in "$@"; do
    files=("$babi_dir/${name}"_*train*.txt)
    [ -f "${files[0]}" ] || { log "no bAbI training file for $name in $babi_dir"; exit 1; }
    echo "${files[0]}"
  done
}
mapfile -t train_babi < <(babi_files "${train_tasks[@]}")
mapfile -t eval_babi < <(babi_files "${eval_tasks[@]}")
[ ${#train_babi[@]} -eq ${#train_tasks[@]} ] && [ ${#eval_babi[@]} -eq ${#eval_tasks[@]} ] || exit 1

[ -f "$tokenizer/tokenizer.model" ] ||
  $mnemo tokenizer train --input data/brown.txt --vocab-size 8000 --out "$tokenizer"

if [ ! -f "$run/model/rmt.json" ]; then
  if [ -f "$run/run.json" ]; then
    log "resuming $run"
    $mnemo babilong train --resume --out "$run" > "$work/train.md"
  else
    log "training $run"
    $mnemo babilong train --babi "${train_babi[@]}" --noise data/brown.txt --config small \
      --tokenizer "$tokenizer" --memory 16 --segment-size 128 --curriculum "$curriculum" \
      --steps "$steps" --batch 32 --micro-batch 16 --lr "${LR:-3e-4}" --weight-decay 0.01 \
      --validate-every 100 --validation-samples 128 --out "$run" > "$work/train.md"
  fi
fi

eval_json=$work/eval.json
if [ ! -f "$eval_json" ]; then
  log "evaluating at lengths $lengths"
  start=$(date +%s)
  $mnemo babilong eval --model "$run/model" --babi "${eval_babi[@]}" --noise data/brown.txt \
    --lengths "$lengths" --samples "$samples" --json > "$eval_json.tmp"
  echo $(($(date +%s) - start)) > "$work/eval-seconds"
  mv "$eval_json.tmp" "$eval_json"
fi

/usr/bin/python3 scripts/babilong_report.py "$work" "$run" docs/results/babilong.md
log "wrote docs/results/babilong.md"
