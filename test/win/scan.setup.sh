#!/usr/bin/env bash
# Fixture of test/win/scan.js that only the Linux side can build (run by
# scripts/test-win.sh with the fixture directory as $1): Unix symlinks,
# which wine shows inside Z:, and a directory chain whose Unix path is
# longer than Linux's PATH_MAX (4096), which wine cannot list.
set -euo pipefail
f=$1
mkdir -p "$f/links/dir/sub" "$f/outside-target"
cd "$f/links"
echo x > file
ln -s .. dir/sub/back          # a link to an ancestor: a cycle
ln -s dir inlink               # resolves inside: no finding
ln -s ../outside-target out    # resolves outside the scanned tree
ln -s nothing dangling         # broken
ln -s loopb loopa              # ELOOP
ln -s loopa loopb
ln -s file flink               # a link to a file
# 22 levels of 200 characters: the Unix path passes 4096 bytes.
mkdir -p "$f/deep"
cd "$f/deep"
for _ in $(seq 22); do
  d=$(printf 'd%.0s' $(seq 200))
  mkdir "$d"
  cd "$d"
done
echo x > f
