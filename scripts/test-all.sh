#!/usr/bin/env bash
# npm run test:all: everything CI runs after the build. The quick suite
# (npm test), then the long lanes: wine, pack and install, kill -9 stress and
# the fuzz replay (node scripts/test.js --long), the Node suite against an
# ASan+UBSan build, valgrind over the core and the addon, and a fuzz burst.
#   FUZZ_SECONDS   seconds per fuzz target (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
lane() { echo; echo "## $1 ($(date +%T))"; }
lane "npm test";            node scripts/test.js
lane "long lanes";          node scripts/test.js --long
lane "ASan + UBSan";        bash scripts/asan.sh
lane "valgrind";            bash scripts/valgrind.sh 2000 200
lane "fuzz";                bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
echo; echo "## all lanes passed ($(date +%T))"
