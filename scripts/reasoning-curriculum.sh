#!/usr/bin/env bash
# The reasoning task taught in three steps, on short segments:
#   1. easy:    two-place questions worded as their fact ("What is north of the B?" after
#               "The A is north of the B.") alone;
#   2. mostly:  the same with a third as many worded the other way round ("The B is south
#               of the A."), starting from step 1's model;
#   3. reasoning: the task itself (`--task reasoning`, curriculum $CURRICULUM), from step 2's
#               model (`rmt train --init` keeps its memory rows and head: the same answers).
# Trained on the task from the start, every model here stays at guessing between the two
# places a question may point to: the cues that settle one wording (the same direction
# word, the asked place in the same role) mislead in the other, and what holds for both
# (north pairs with south, and which way round a fact is told) is not found.
# Every step's model is probed with scripts/reasoning_probe.py, the last one evaluated on
# 1..64 segments. Writes $REPORT (default docs/results/rmt-reasoning-curriculum.md).
#
#   scripts/reasoning-curriculum.sh
#
# Finished steps are skipped and an interrupted one resumes when the script runs again;
# $WORK/notes.md, if there, goes into the report.
# Environment: WORK (data/reasoning-curriculum), CURRICULUM (1), SEGMENT (48), STEPS
# (steps of each step's stages, "3000 2500 3000"), INIT (a BERT directory, e.g. one
# pre-trained with `mnemo bert pretrain`, to start the easy step from instead of a new
# small model).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-data/reasoning-curriculum}
curriculum=${CURRICULUM:-1}
segment=${SEGMENT:-48}
read -r -a steps <<< "${STEPS:-3000 2500 3000}"
report_file=${REPORT:-docs/results/rmt-reasoning-curriculum.md}
mnemo=build/mnemo
tokenizer=data/demo/brown-tokenizer
origin=(--config small --tokenizer "$tokenizer")
[ -z "${INIT:-}" ] || origin=(--init "$INIT")
kinds=$work/kinds
mkdir -p "$work"

log() { echo "reasoning-curriculum: $*" >&2; }
source scripts/timing.sh

[ -f "$tokenizer/tokenizer.model" ] ||
  timed tokenizer $mnemo tokenizer train --input data/brown.txt --vocab-size 8000 --out "$tokenizer"
[ -f "$kinds/places2-mostly-as-the-fact.txt" ] ||
  /usr/bin/python3 scripts/reasoning_probe.py --write "$kinds" --samples 6000 > /dev/null

train() {  # train NAME STEPS rmt-train-arguments...: skipped when done, resumed when interrupted
  local name=$1 budget=$2 run=$work/$1
  shift 2
  if [ ! -f "$run/model/rmt.json" ]; then
    if [ -f "$run/run.json" ]; then
      log "resuming $run"
      timed "train $name" $mnemo rmt train --resume --out "$run" > "$run/summary.md"
    else
      log "training $run"
      timed "train $name" $mnemo rmt train "$@" --segment-size "$segment" --steps "$budget" \
        --batch 32 --lr 3e-4 --validate-every 250 --validation-samples 256 --out "$run" \
        > "$work/$name.summary.md"
      mv "$work/$name.summary.md" "$run/summary.md"
    fi
  fi
  local segments=1  # the easy and mostly steps train on one segment
  [ "$name" = reasoning ] && segments=${curriculum##*,}
  [ -f "$run/probe.md" ] ||
    /usr/bin/python3 scripts/reasoning_probe.py "$run/model" --segments "$segments" \
      --samples 200 > "$run/probe.md"
}

train easy "${steps[0]}" --task babi --babi "$kinds/places2-as-the-fact.txt" --position segment \
  --curriculum 1 --target-acc 0.95 "${origin[@]}"
train mostly "${steps[1]}" --task babi --babi "$kinds/places2-mostly-as-the-fact.txt" \
  --position segment --curriculum 1 --target-acc 0.95 --init "$work/easy/model"
train reasoning "${steps[2]}" --task reasoning --curriculum "$curriculum" --target-acc 0.99 \
  --init "$work/mostly/model"
[ -f "$work/reasoning/eval.md" ] ||
  timed "eval reasoning" $mnemo rmt eval --model "$work/reasoning/model" --segments 1-8,16,32,64 \
    --samples 100 --batch 50 > "$work/reasoning/eval.md"

{
  echo "# Reasoning taught in three steps"
  echo
  echo "Written by \`scripts/reasoning-curriculum.sh\` (CURRICULUM=$curriculum, SEGMENT=$segment,"
  echo "STEPS=\"${steps[*]}\"${INIT:+, INIT=$INIT}) on $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) core(s)),"
  echo "$(date -u +%Y-%m-%d). Each step's model is probed on 200 questions of each kind"
  echo "(\`scripts/reasoning_probe.py MODEL --segments N\`: on one segment for the easy and mostly"
  echo "steps, on the last stage's ${curriculum##*,} for reasoning)."
  if [ -f "$work/notes.md" ]; then
    echo
    cat "$work/notes.md"
  fi
  for name in easy mostly reasoning; do
    echo
    echo "## $name"
    echo
    cat "$work/$name/summary.md"
    echo
    tail -n +3 "$work/$name/probe.md"
  done
  echo
  echo "The reasoning model on 1..64 segments (\`mnemo rmt eval --segments 1-8,16,32,64"
  echo "--samples 100\`):"
  echo
  cat "$work/reasoning/eval.md"
} > "$report_file"
log "wrote $report_file"
