# Sourced by the reproduce scripts (which set $work): `timed NAME COMMAND...` runs the
# command and adds a line "NAME<TAB>wall seconds" to $work/times.tsv for the report.
timed() {
  local name=$1 start
  shift
  start=$(date +%s)
  "$@"
  printf '%s\t%s\n' "$name" "$(($(date +%s) - start))" >> "$work/times.tsv"
}
