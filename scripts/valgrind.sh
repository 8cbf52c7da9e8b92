#!/usr/bin/env bash
# valgrind --leak-check=full over N rounds of every operation (the pure C
# core the addon calls), then over a Node loop of diagnoseSync/probe calls
# through the real addon. Fails on any definite or indirect leak or error.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
make -s -C test/c leakloop
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
touch "$tmp/file"
vg=(valgrind --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --error-exitcode=9 --quiet)
echo "valgrind: C core, $n rounds"
"${vg[@]}" test/c/build/leakloop "$n" "$tmp/file"
echo "valgrind: node + addon, ${2:-2000} rounds"
"${vg[@]}" --suppressions=test/leak/node.supp node test/leak/loop.js "${2:-2000}" "$tmp/file"
