#!/usr/bin/env bash
# `scripts/bench validate` (not a test): offline validation against references measured in the same run.
#  1. a generated ~1 MB OVF descriptor, and every fixture descriptor, against
#     `xmllint --noout --nonet` on the same files (the cost of merely parsing them): in process
#     (the adapter's own time per validation, from the hidden `validate --benchmark-runs`, against
#     xmllint's `--timing --repeat`), then as whole commands, process start included;
#  2. the CLI's start-up time alone (`content-library --help`);
#  3. a 4 MiB and a 4 GiB sparse ISO: validation time must not grow with the image size.
# Prints ratios; asserts nothing about time. `scripts/bench` builds the release binary and passes
# it as CONTENT_LIBRARY_BIN; it reads the first "1 MB descriptor vs xmllint" line (in process).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v xmllint >/dev/null || scripts/install-deps
bin=${CONTENT_LIBRARY_BIN:?scripts/bench passes the release binary}
python3 scripts/bench.d/make-inputs.py "$work"

# Seconds for `runs` executions of a command (output discarded, exit status ignored).
time_runs() {
  local start end
  start=$(date +%s.%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }' 
}

calc() { awk "BEGIN { print $1 }"; }

report() { # label ours reference
  printf '%-44s %8.2f ms  reference %8.2f ms  ratio %5.2f\n' "$1" \
    "$(calc "$2 * 1000 / $runs")" "$(calc "$3 * 1000 / $runs")" "$(calc "$2 / $3")"
}

# Mean in-process milliseconds of one validation of a descriptor (the adapter's own time).
ours_ms() {
  { "$bin" validate --type ovf --descriptor-only --benchmark-runs "$repeats" "$1" 2>&1 >/dev/null || true; } \
    | awk '/validation took/ { print $3 }'
}
# Mean in-process milliseconds of one xmllint parse of a file (`--repeat` parses it 100 times).
xmllint_ms() {
  { xmllint --noout --nonet --timing --repeat "$1" 2>&1 || true; } | awk '/iterations took/ { print $4 / $1 }'
}
repeats=100

echo "in process: mean of $repeats validations against xmllint's mean of 100 parses, no process start"
ours=$(ours_ms "$work/large.ovf")
ref=$(xmllint_ms "$work/large.ovf")
printf '%-44s %8.3f ms  reference %8.3f ms  ratio %5.2f\n' "1 MB descriptor vs xmllint" "$ours" "$ref" "$(calc "$ours / $ref")"
mapfile -t fixtures < <(find fixtures -name '*.ovf' -size -1024k | sort)
ours=0
ref=0
for f in "${fixtures[@]}"; do
  one=$(ours_ms "$f")
  other=$(xmllint_ms "$f")
  # A descriptor xmllint does not time (it does not parse) is left out on both sides.
  if [ -n "$one" ] && [ -n "$other" ]; then
    ours=$(calc "$ours + $one")
    ref=$(calc "$ref + $other")
  fi
done
printf '%-44s %8.3f ms  reference %8.3f ms  ratio %5.2f\n' "${#fixtures[@]} fixture descriptors vs xmllint (sum)" "$ours" "$ref" "$(calc "$ours / $ref")"

echo "whole commands: runs per measurement: $runs (process start included on both sides)"
start=$(time_runs "$bin" --help)
printf '%-44s %8.2f ms\n' "CLI start-up (content-library --help)" "$(calc "$start * 1000 / $runs")"
ours=$(time_runs "$bin" validate --type ovf --descriptor-only "$work/large.ovf")
ref=$(time_runs xmllint --noout --nonet "$work/large.ovf")
report "1 MB descriptor vs xmllint" "$ours" "$ref"

if [ ${#fixtures[@]} -gt 0 ]; then
  ours=$(time_runs bash -c 'for f in "$@"; do "'"$bin"'" validate --type ovf --descriptor-only "$f"; done' _ "${fixtures[@]}")
  ref=$(time_runs bash -c 'for f in "$@"; do xmllint --noout --nonet "$f"; done' _ "${fixtures[@]}")
  report "${#fixtures[@]} fixture descriptors vs xmllint" "$ours" "$ref"
fi

small=$(time_runs "$bin" validate --type iso "$work/small.iso")
huge=$(time_runs "$bin" validate --type iso "$work/huge.iso")
printf '%-44s %8.2f ms\n' "ISO 4 MiB (sparse)" "$(calc "$small * 1000 / $runs")"
printf '%-44s %8.2f ms  ratio to 4 MiB %5.2f (1024x the size)\n' "ISO 4 GiB (sparse)" \
  "$(calc "$huge * 1000 / $runs")" "$(calc "$huge / $small")"
