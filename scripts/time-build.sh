#!/usr/bin/env bash
# Times the build and test targets of the README on a fresh clone of this checkout's HEAD, with
# an empty ccache: `make test` in all, then `make build` after a code change (one that ccache
# cannot hide, unlike a touch or a comment) in a command file, a torch-free library file and a
# library file that uses tensors, and `ctest -L fast`. Prints a line per timing.
# Usage: scripts/time-build.sh [CLONE_DIR]   (default /tmp/mnemo-time-build; removed first)
set -euo pipefail
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
clone=${1:-/tmp/mnemo-time-build}
rm -rf "$clone" "$clone.ccache"
git clone -q "$repo" "$clone"
cd "$clone"
export CCACHE_DIR=$clone.ccache

# seconds LABEL COMMAND...: runs the command, its output to $clone.log, and prints its wall time.
seconds() {
  local label=$1 start end
  shift
  start=$(date +%s.%N)
  "$@" >>"$clone.log" 2>&1 || { echo "$label failed; see $clone.log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v l="$label" -v s="$start" -v e="$end" 'BEGIN { printf "%-58s %7.1f s\n", l, e - s }'
}

# after_change FILE: `make build` after appending a new definition to FILE, then FILE restored.
after_change() {
  echo "namespace { [[maybe_unused]] int build_timing_$(date +%s%N); }" >>"$1"
  seconds "make build after changing $1" make build
  git checkout -q "$1"
  make build >>"$clone.log" 2>&1
}

echo "commit $(git rev-parse --short HEAD), $(nproc) cores, $(date -u +%F)"
seconds "make test (fresh clone, empty ccache)" make test
after_change src/cli/rmt/train.cpp
after_change src/mnemo/text/wordpiece.cpp
after_change src/mnemo/rmt/segments.cpp
seconds "ctest -L fast" bash -c 'cd build && ctest -L fast -j "$(nproc)"'
