#!/usr/bin/env bash
# npm run test:asan: builds the addon with clang's ASan+UBSan into
# build-asan/ (the normal build/ is left alone) and runs the Node test suite
# against it, with the sanitizer runtime preloaded into node. Any report
# fails the run (halt_on_error, and UBSan made fatal at compile time).
set -euo pipefail
cd "$(dirname "$0")/.."
rt=$(clang -print-file-name=libclang_rt.asan-x86_64.so)
[ -f "$rt" ] || { echo "asan: clang's ASan runtime not found ($rt); install libclang-rt-14-dev" >&2; exit 2; }
out=build-asan
rm -rf "$out" && mkdir -p "$out"
flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1 -shared-libasan"
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_api.h ]; then
  export npm_config_nodedir=/usr
fi
# A copy keeps node-gyp's build/ untouched.
mkdir -p "$out/scripts" && cp -r binding.gyp src "$out"/ && cp scripts/sources.js "$out/scripts/"
(cd "$out" && CC=clang CXX=clang++ CFLAGS="$flags" LDFLAGS="$flags" \
  node "$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js" rebuild >/dev/null)
export FSDOCTOR_ADDON="$PWD/$out/build/Release/fsdoctor.node"
export LD_PRELOAD="$rt"
# Node itself is not instrumented: leaks at exit are Node's, so leak checking
# is left to the valgrind run (scripts/valgrind.sh) on our own loop.
export ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:abort_on_error=0:exitcode=66
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# The wine lane runs node.exe and the fuzz test builds its own sanitized
# binaries: neither loads this addon, and the preloaded runtime breaks both.
FSDOCTOR_TEST_EXCLUDE=win.test.js,fuzz.test.js node scripts/test.js --no-c "$@"
# The C unit tests under the same sanitizers.
unset LD_PRELOAD
make -s -C test/c SAN=1
