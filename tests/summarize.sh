#!/usr/bin/env bash
# tests/summarize.sh LOG: after `ctest`, lists the tests that skipped and why, from CTest's
# log (Testing/Temporary/LastTest.log). Tests may only skip through MNEMO_SKIP, which prints
# "mnemo-skip: <reason>"; a skip without a reason (a GTEST_SKIP, or a suite whose setup
# failed) makes this script exit 1.
set -euo pipefail
log=${1:?usage: tests/summarize.sh Testing/Temporary/LastTest.log}
awk '
  /^\[ RUN      \] /        { test = $4; reason = "" }
  /^mnemo-skip: /           { reason = substr($0, 13) }
  /^\[  SKIPPED \] .* \([0-9]+ ms\)$/ {
    skipped++
    if (reason == "") { unexplained++; print "  " $4 ": SKIPPED WITHOUT A REASON" }
    else print "  " $4 ": " reason
  }
  END {
    printf "%d test(s) skipped%s\n", skipped, skipped ? " (above)" : ""
    if (unexplained) { printf "%d skip(s) without a reason: a failure\n", unexplained; exit 1 }
  }' "$log"
