#!/usr/bin/env bash
# Behavior Expectation Bounds (Wolf et al. 2023), measured end to end on small GPT-2s:
#   1. a SentencePiece tokenizer and a base LM trained from scratch on the text (one
#      sentence per line), every training sequence starting at a line;
#   2. the text's lines split by the AFINN scorer into positive and negative sentences, and
#      P+ and P- fine-tuned from the base on each; an "aligned" model fine-tuned on the
#      positive text with one line in 21 negative (blocks of 8 lines);
#   3. beta, beta', sigma of P- against P+ (beb estimate), the alpha of every model
#      (beb alpha), the bounds of Theorems 1 and 2 (beb bound);
#   4. B_P(s) after k = 0..K sentences from P- (beb misalign) for exact mixtures at several
#      alphas, the aligned model and the base, with and without an aligning prompt;
#   5. a learned scorer trained on the AFINN labels (beb train-scorer), measuring one mixture.
# Writes docs/results/beb.md (by scripts/beb_report.py) and its plots; raw outputs under $WORK.
#
#   scripts/reproduce-beb.sh
#
# Finished steps under $WORK (default data/reproduce-beb) are skipped when run again; an
# interrupted training resumes. Environment: TEXT (data/brown.txt), VOCAB (4096), SEQ_LEN
# (384), BASE (LAYERS:WIDTH:HEADS, 3:192:4), BASE_EPOCHS (2), TUNE_EPOCHS (2), SAMPLES
# (estimate and alpha samples, 256), RESPONSES (R, 64), MAX_SENTENCES (K, 10), ALPHAS (exact
# mixtures, "0.1 0.01 0.0001 0.000001"), SEED (0).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-data/reproduce-beb}
text=${TEXT:-data/brown.txt}
vocab=${VOCAB:-4096}
seq_len=${SEQ_LEN:-384}
IFS=: read -r layers width heads <<< "${BASE:-3:192:4}"
base_epochs=${BASE_EPOCHS:-2}
tune_epochs=${TUNE_EPOCHS:-2}
samples=${SAMPLES:-256}
responses=${RESPONSES:-64}
max_sentences=${MAX_SENTENCES:-10}
read -r -a alphas <<< "${ALPHAS:-0.1 0.01 0.0001 0.000001}"
seed=${SEED:-0}
mnemo=build/mnemo
mkdir -p "$work"

log() { echo "reproduce-beb: $*" >&2; }
source scripts/timing.sh
[ -f "$text" ] || { log "no text at $text (set TEXT, or run scripts/install-deps.sh)"; exit 1; }

tokenizer=$work/tokenizer
[ -f "$tokenizer/tokenizer.model" ] ||
  timed tokenizer $mnemo tokenizer train --input "$text" --vocab-size "$vocab" --out "$tokenizer"

final_model() {  # the last step-NNNNNN/ of a training run
  local all=("$1"/step-*/)
  [ -d "${all[-1]}" ] || { log "no trained model in $1"; exit 1; }
  echo "${all[-1]%/}"
}

# lm NAME TEXT EPOCHS [TRAIN OPTIONS...]: a line-aligned language model trained on TEXT.
lm() {
  local name=$1 source=$2 epochs=$3 run=$work/$1
  shift 3
  [ -f "$work/$name-data.json" ] ||
    $mnemo memorization make-data --text "$source" --tokenizer "$tokenizer" --seq-len "$seq_len" \
      --line-aligned --out "$work/$name-data" >&2
  if [ ! -f "$run/run.json" ]; then
    log "training $name"
    timed "train $name" $mnemo memorization train --data "$work/$name-data" --held-out 32 \
      --epochs "$epochs" --checkpoints 1 --seed "$seed" --out "$run" "$@" > "$run.md"
  elif ! grep -q '"finished": true' "$run/checkpoint/state.json"; then
    log "resuming $name"
    timed "train $name" $mnemo memorization train --resume --out "$run" > "$run.md"
  fi
}

lm base "$text" "$base_epochs" --layers "$layers" --width "$width" --heads "$heads" --lr 1e-3
base=$(final_model "$work/base")

[ -f "$work/negative.txt" ] ||
  $mnemo beb label --text "$text" --positive "$work/positive.txt" --negative "$work/negative.txt" \
    > "$work/label.txt"
# The aligned model's text: blocks of 8 positive lines, and after every 20th a block of 8
# negative ones (1 line in 21 negative, 4.8%).
[ -f "$work/aligned.txt" ] ||
  awk -v negative="$work/negative.txt" '
    { block[++n] = $0 }
    n == 8 { if (++blocks % 20 == 0) for (i = 1; i <= 8 && (getline line < negative) > 0; i++) print line
             for (i = 1; i <= 8; i++) print block[i]; n = 0 }' "$work/positive.txt" > "$work/aligned.txt"

lm positive "$work/positive.txt" "$tune_epochs" --init "$base" --lr 5e-4
lm negative "$work/negative.txt" "$tune_epochs" --init "$base" --lr 5e-4
lm aligned "$work/aligned.txt" "$tune_epochs" --init "$base" --lr 5e-4
positive=$(final_model "$work/positive")
negative=$(final_model "$work/negative")
aligned=$(final_model "$work/aligned")

estimates=$work/estimates.json
[ -f "$estimates" ] ||
  timed estimate $mnemo beb estimate --positive "$positive" --negative "$negative" \
    --samples "$samples" --seed "$seed" --out "$estimates" > "$work/estimates.md"

# The aligning prompt (Theorem 2): the first two positive sentences of the text.
aligning=$work/aligning-prompt.txt
[ -f "$aligning" ] || head -2 "$work/positive.txt" > "$aligning"

# measure NAME ALIGNING MODEL-OPTIONS...: alpha and the misalignment curve of one model,
# and when ALIGNING is "yes" the curve after the aligning prompt too.
measure() {
  local name=$1 with_aligning=$2
  shift 2
  [ -f "$work/alpha-$name.json" ] ||
    timed "alpha $name" $mnemo beb alpha "$@" --positive "$positive" --negative "$negative" \
      --samples "$samples" --seed "$seed" --out "$work/alpha-$name.json" >&2
  local alpha
  alpha=$(/usr/bin/python3 -c 'import json, sys; print(max(json.load(open(sys.argv[1]))["alpha"]["value"], 1e-12))' "$work/alpha-$name.json")
  local -a theory=(--estimates "$estimates")
  case "$1" in --model) theory+=(--alpha "$(/usr/bin/python3 -c "print(min($alpha, 0.999999))")") ;; esac
  [ -f "$work/misalign-$name.json" ] ||
    timed "misalign $name" $mnemo beb misalign "$@" --negative "$negative" \
      --max-sentences "$max_sentences" --responses "$responses" --seed "$seed" "${theory[@]}" \
      --out "$work/misalign-$name" > "$work/misalign-$name.md"
  [ "$with_aligning" = no ] || [ -f "$work/misalign-$name-prompted.json" ] ||
    timed "misalign $name + aligning prompt" $mnemo beb misalign "$@" --negative "$negative" \
      --max-sentences "$max_sentences" --responses "$responses" --seed "$seed" "${theory[@]}" \
      --aligning-prompt "$aligning" --out "$work/misalign-$name-prompted" \
      > "$work/misalign-$name-prompted.md"
}

for alpha in "${alphas[@]}"; do
  measure "mixture-$alpha" yes --mixture "$alpha:$negative,$positive"
done

# The learned scorer, trained on the text labelled by AFINN, measuring one mixture again.
learned=$work/learned-scorer
if [ ! -f "$learned/learned-scorer.json" ]; then
  scorer_start=(--text "$text" --epochs 3 --min-count 3 --seed "$seed")
  [ -f "$learned/run.json" ] && scorer_start=(--resume)  # a run cut short goes on
  timed "train the learned scorer" $mnemo beb train-scorer "${scorer_start[@]}" --out "$learned" \
    > "$work/learned-scorer.md"
fi
learned_alpha=${alphas[1]:-${alphas[0]}}
[ -f "$work/misalign-learned.json" ] ||
  timed "misalign with the learned scorer" $mnemo beb misalign \
    --mixture "$learned_alpha:$negative,$positive" --scorer learned --scorer-model "$learned" \
    --negative "$negative" --max-sentences "$max_sentences" --responses "$responses" \
    --seed "$seed" --estimates "$estimates" --out "$work/misalign-learned" > "$work/misalign-learned.md"

measure aligned yes --model "$aligned"
measure base no --model "$base"
measure negative no --model "$negative"
measure positive no --model "$positive"

/usr/bin/python3 scripts/beb_report.py "$work" docs/results/beb.md
log "wrote docs/results/beb.md"
