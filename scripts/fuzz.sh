#!/usr/bin/env bash
# The libFuzzer targets of tests/fuzz/ (one per reader of outside data), built with clang
# under AddressSanitizer and UndefinedBehaviorSanitizer in build-fuzz/.
#   scripts/fuzz.sh check [RUNS]      each target RUNS executions (20000) from its seeds in
#                                     tests/fuzz/seeds/: the regression CI runs
#   scripts/fuzz.sh campaign [RUNS]   each target RUNS executions (1000000), its corpus kept in
#                                     build-fuzz/corpus/; writes docs/results/fuzzing.md
# An input that takes over 1 s, allocates over 1 GB at once, leaks or crashes fails the
# target; libFuzzer saves it as build-fuzz/crash-* (or leak-*, timeout-*, oom-*).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-check}
case $mode in
  check) runs=${2:-20000} ;;
  campaign) runs=${2:-1000000} ;;
  *) echo "usage: scripts/fuzz.sh check|campaign [RUNS]" >&2; exit 2 ;;
esac
build=build-fuzz
targets=(config_json indexed_dataset babi abc_filter music_text_json tokenizers)

if ! command -v clang++ >/dev/null || ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
  sudo_cmd=(); [[ $(id -u) == 0 ]] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    clang libclang-rt-14-dev
fi
# The targets write their input to a scratch file each execution: memory is faster than disk.
[[ -d /dev/shm ]] && export TMPDIR=/dev/shm
test -f $build/CMakeCache.txt ||
  CC=clang CXX=clang++ cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMNEMO_FUZZ=ON
cmake --build $build -j "$(nproc)"

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for target in "${targets[@]}"; do
  corpus=$build/corpus/$target
  mkdir -p "$corpus"
  log=$build/$target.log
  start=$(date +%s)
  if ! (cd $build && ./fuzz_$target -runs="$runs" -max_len=4096 -timeout=1 -malloc_limit_mb=1024 \
          -rss_limit_mb=2048 -print_final_stats=1 "corpus/$target" "../tests/fuzz/seeds/$target") \
       >"$log" 2>&1; then
    echo "fuzz.sh: $target failed; see $log" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  seconds=$(($(date +%s) - start))
  edges=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  executions=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | cut -d' ' -f2)
  echo "fuzz_$target: $executions executions, $edges edges, ${seconds}s" >&2
  printf '| %s | %s | %s | %s |\n' "$target" "$executions" "$edges" "$seconds" >>"$results"
done

if [[ $mode == campaign ]]; then
  {
    echo "# Fuzzing the readers of outside data"
    echo
    echo "\`scripts/fuzz.sh campaign $runs\` ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
    echo "$(nproc) cores, commit $(git describe --always --dirty), $(date -u +%F)): each libFuzzer target"
    echo "(tests/fuzz/) built with clang under AddressSanitizer and UndefinedBehaviorSanitizer,"
    echo "from the seeds in tests/fuzz/seeds/, inputs up to 4 KB, an input failing when it takes"
    echo "over 1 s or allocates over 1 GB at once. No target crashed, leaked or hung."
    echo
    echo "| target | executions | edges covered | seconds |"
    echo "|---|---:|---:|---:|"
    cat "$results"
  } >docs/results/fuzzing.md
  cat docs/results/fuzzing.md
fi
