#!/usr/bin/env bash
# The RMT paper's Figure 5 on these CPUs: for memorize, detect and reasoning, an RMT of the
# small geometry trained with a curriculum of 1..5 segments, from scratch and from a backbone
# pre-trained here with masked-language modelling on the Brown corpus (reasoning taught in
# steps by scripts/reasoning-curriculum.sh, on shorter segments); every stage's best model
# evaluated on 1..15 segments; the last stage's model on 16..4096 segments, drawn
# beside the report (docs/results/rmt-tasks-<task>.png).
# Writes $REPORT (default docs/results/rmt-tasks.md) and the raw JSON under $WORK.
#
#   scripts/reproduce-rmt-tasks.sh [task ...]          default: memorize detect reasoning
#
# Each finished step is kept under $WORK (default data/reproduce) and skipped when the
# script runs again, and an interrupted training run resumes, so the script can be stopped
# and restarted at will. Environment: STARTS (which backbones, "scratch pretrained"),
# SAMPLES (per short length, 100), LONG_SAMPLES (per long length, 20), LONG_SEGMENTS
# (16,32,...,4096), PRETRAIN_STEPS (3000), REASONING_STEPS (budgets of reasoning-curriculum.sh's
# three steps, the last one's a stage: "3000 2500 3000", 20,500 steps in all),
# REASONING_CURRICULUM (the reasoning step's stages, "1,2,3,4,5"). Notes written
# to $WORK/<report name>.notes.md (e.g. data/reproduce/rmt-tasks.notes.md) go into the report.
set -euo pipefail
cd "$(dirname "$0")/.."
tasks=("$@")
[ ${#tasks[@]} -gt 0 ] || tasks=(memorize detect reasoning)
work=${WORK:-data/reproduce}
samples=${SAMPLES:-100}
long_samples=${LONG_SAMPLES:-20}
long_segments=${LONG_SEGMENTS:-16,32,64,128,256,512,1024,2048,4096}
pretrain_steps=${PRETRAIN_STEPS:-3000}
reasoning_steps=${REASONING_STEPS:-3000 2500 3000}
reasoning_curriculum=${REASONING_CURRICULUM:-1,2,3,4,5}
read -r -a starts <<< "${STARTS:-scratch pretrained}"
report_file=${REPORT:-docs/results/rmt-tasks.md}
mnemo=build/mnemo
tokenizer=data/demo/brown-tokenizer
mkdir -p "$work"

log() { echo "reproduce-rmt-tasks: $*" >&2; }
source scripts/timing.sh

[ -f "$tokenizer/tokenizer.model" ] ||
  timed tokenizer $mnemo tokenizer train --input data/brown.txt --vocab-size 8000 --out "$tokenizer"

backbone=$work/bert-small-mlm
pretrain_backbone() {  # once, before the first run that starts from it
  [ -f "$backbone/done" ] && return 0
  log "pre-training the small backbone (MLM, $pretrain_steps steps)"
  local resume=()
  [ -f "$backbone/run.json" ] && resume=(--resume)
  timed pretrain $mnemo bert pretrain --data data/brown.txt --config small --tokenizer "$tokenizer" \
    --steps "$pretrain_steps" --batch 32 --lr 5e-4 --save-every 250 --out "$backbone" "${resume[@]}"
  touch "$backbone/done"
}

evaluate() {  # evaluate OUT.json NAME mnemo-rmt-eval-arguments...: skipped when OUT.json exists
  local out=$1 name=$2
  shift 2
  [ -f "$out" ] && return 0
  log "$name"
  timed "$name" $mnemo rmt eval "$@" --json > "$out.tmp"
  mv "$out.tmp" "$out"
}

train() {  # train TASK START: a curriculum run, resumed if it was interrupted
  local task=$1 start=$2 run=$work/$1-$2 origin
  [ -f "$run/model/rmt.json" ] && return 0
  if [ "$task" = reasoning ]; then
    train_reasoning "$start"
    return 0
  fi
  if [ -f "$run/run.json" ]; then
    log "resuming $run"
    timed "train $task $start" $mnemo rmt train --resume --out "$run"
    return 0
  fi
  log "training $run"
  if [ "$start" = scratch ]; then
    origin=(--config small --tokenizer "$tokenizer" --lr 3e-4)
  else
    pretrain_backbone
    origin=(--init "$backbone" --segment-size 128 --lr 1e-4)
  fi
  timed "train $task $start" $mnemo rmt train --task "$task" "${origin[@]}" --curriculum 1,2,3,4,5 \
    --steps 1000 --batch 32 --validate-every 50 --validation-samples 256 --out "$run"
}

# Trained on the task alone, reasoning stays at guessing between two places (see
# docs/results/rmt-reasoning-curriculum.md), so scripts/reasoning-curriculum.sh teaches it
# in steps, on 48-token segments to keep its many steps affordable, at lr 3e-4 from
# either start. Its reasoning run is linked where the other tasks' runs lie.
train_reasoning() {  # train_reasoning START
  local start=$1 dir=$work/reasoning-$1-curriculum init=
  if [ "$start" = pretrained ]; then
    pretrain_backbone
    init=$backbone
  fi
  log "training reasoning from $start with scripts/reasoning-curriculum.sh in $dir"
  WORK=$dir CURRICULUM=$reasoning_curriculum SEGMENT=48 STEPS="$reasoning_steps" INIT=$init \
    REPORT="${report_file%.md}-curriculum-$start.md" scripts/reasoning-curriculum.sh
  ln -sfn "$(basename "$dir")/reasoning" "$work/reasoning-$start"
}

report() {
  /usr/bin/python3 scripts/rmt_tasks_report.py "$work" "$report_file" "${starts[@]}" \
    --tasks "$(IFS=,; echo "${tasks[*]}")"
}

# From-scratch runs of every task first, then the pre-trained backbone, so that an
# interrupted script has already filled the most of the table.
for start in "${starts[@]}"; do
  for task in "${tasks[@]}"; do
    run=$work/$task-$start
    train "$task" "$start"
    # One model a stage of the run's curriculum; [0-9] leaves out a save cut short by a kill.
    for stage_model in "$run"/stage-[0-9]; do
      stage=${stage_model##*-}
      evaluate "$run/eval-stage-$stage.json" "eval $task $start stage $stage" \
        --model "$stage_model" --segments 1-15 --samples "$samples" --batch 25
    done
    evaluate "$run/eval-long.json" "eval $task $start long" --model "$run/model" \
      --segments "$long_segments" --samples "$long_samples" --batch "$long_samples"
    results=()
    for done in "$work/$task"-{scratch,pretrained}/eval-long.json; do
      [ -f "$done" ] && results+=("$done")
    done
    $mnemo rmt plot --results "${results[@]}" --out "${report_file%.md}-$task.png" \
      --title "RMT, $task: accuracy against input length (small geometry)"
    report
  done
done

report
log "wrote $report_file"
