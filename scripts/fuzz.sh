#!/bin/sh
# Builds the libFuzzer targets in test/fuzz with clang
# (-fsanitize=fuzzer,address,undefined), seeds each corpus from the sample
# logs in test/fixtures/logs and runs every target for N seconds.
#   scripts/fuzz.sh [seconds-per-target]   (default 60, or $FUZZ_SECONDS)
# Exits non-zero when a target finds a crash or a broken invariant; the
# input is left in test/fuzz/build/ as crash-* / oom-* / timeout-*.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-${FUZZ_SECONDS:-60}}
fuzz="$root/test/fuzz"
command -v clang >/dev/null 2>&1 || { echo "fuzz: clang not found" >&2; exit 2; }
make -s -C "$fuzz"
for bin in "$fuzz"/build/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  corpus="$fuzz/build/corpus-$name"
  seeds="$fuzz/build/seeds-$name"
  mkdir -p "$corpus" "$seeds"
  # Whole logs, and each block of a log on its own (small seeds mutate well).
  for f in "$root"/test/fixtures/logs/*; do
    base=$(basename "$f")
    cp "$f" "$seeds/$base"
    awk -v out="$seeds/$base" 'BEGIN { n = 0 } /^$/ { n++; next }
      { print > (out "." n) }' "$f"
  done
  dict=""
  [ -f "$fuzz/${name#fuzz_}.dict" ] && dict="-dict=$fuzz/${name#fuzz_}.dict"
  echo "fuzz: $name for ${secs}s"
  "$bin" $dict -max_total_time="$secs" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$fuzz/build/" "$corpus" "$seeds"
done
