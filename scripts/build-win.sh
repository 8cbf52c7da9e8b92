#!/usr/bin/env bash
# Cross-builds the Windows x64 addon on Linux with mingw-w64:
#   prebuilds/win32-x64/fsdoctor.node   (the name lib/engine/addon.js looks
#   for; scripts/prebuild.js runs this), plus test/win/build/{locker,fsdprobe}.exe.
# Needs: x86_64-w64-mingw32-gcc, x86_64-w64-mingw32-dlltool (Debian
# gcc-mingw-w64-x86-64), and the node-api-headers npm package, which is
# fetched into the cache directory (FSD_WIN_CACHE, default
# ~/.cache/fsdoctor-win) on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

CC=${CC_WIN:-x86_64-w64-mingw32-gcc}
DLLTOOL=${DLLTOOL_WIN:-x86_64-w64-mingw32-dlltool}
STRIP=${STRIP_WIN:-x86_64-w64-mingw32-strip}
HEADERS_VERSION=1.9.0
cache=${FSD_WIN_CACHE:-$HOME/.cache/fsdoctor-win}
headers=$cache/node-api-headers-$HEADERS_VERSION
out=prebuilds/win32-x64
obj=test/win/build

for tool in "$CC" "$DLLTOOL" "$STRIP"; do
  command -v "$tool" >/dev/null || { echo "build-win: $tool not found (apt-get install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64)" >&2; exit 2; }
done

if [ ! -f "$headers/include/node_api.h" ]; then
  mkdir -p "$cache"
  # Explicit destination and output flags: when `npm pack` of this package
  # runs us as prepack, its --pack-destination and --json reach this npm
  # through npm_config_* and would send the tarball elsewhere.
  (cd "$cache" && npm pack --silent --json=false --dry-run=false \
    --pack-destination "$cache" "node-api-headers@$HEADERS_VERSION" >/dev/null)
  [ -f "$cache/node-api-headers-$HEADERS_VERSION.tgz" ] ||
    { echo "build-win: npm pack node-api-headers@$HEADERS_VERSION made no tarball in $cache" >&2; exit 2; }
  mkdir -p "$headers"
  tar xzf "$cache/node-api-headers-$HEADERS_VERSION.tgz" -C "$headers" --strip-components=1
fi

mkdir -p "$out" "$obj"
# Import library for the napi_* functions node.exe exports. The .def names
# NODE.EXE as the module, so the addon binds to the host executable.
"$DLLTOOL" -d "$headers/def/node_api.def" -l "$obj/libnode.a" -D node.exe

# __USE_MINGW_ANSI_STDIO: mingw's C99 printf family, not msvcrt's (which
# has no %zu and misreads %lld on old systems); src/fsd.h checks formats
# against it.
cflags=(-std=gnu11 -O2 -Wall -Wextra -Werror -DNAPI_VERSION=8 -DUNICODE
        -D_UNICODE -DWIN32_LEAN_AND_MEAN -D_WIN32_WINNT=0x0A00
        -D__USE_MINGW_ANSI_STDIO=1
        -I"$headers/include" -Isrc)
mapfile -t sources < <(node scripts/sources.js addon win32)

"$CC" "${cflags[@]}" -shared -o "$out/fsdoctor.node" "${sources[@]}" \
  "$obj/libnode.a" -lrstrtmgr -ladvapi32 -lmpr -static-libgcc
"$STRIP" --strip-unneeded "$out/fsdoctor.node"

# Test helpers (not shipped): the locker holds a file open without sharing;
# fsdprobe runs C probes that JavaScript does not reach.
"$CC" -std=gnu11 -O2 -Wall -Wextra -Werror -municode -DUNICODE -D_UNICODE \
  -o "$obj/locker.exe" test/win/locker.c
# fsdprobe: the pure core and the Windows platform layer, without the
# Node-API glue.
mapfile -t core < <(node scripts/sources.js core; node scripts/sources.js platform win32)
"$CC" "${cflags[@]}" -municode -o "$obj/fsdprobe.exe" test/win/fsdprobe.c \
  "${core[@]}" -lrstrtmgr -ladvapi32 -lmpr -static-libgcc
echo "build-win: $out/fsdoctor.node ($(stat -c %s "$out/fsdoctor.node") bytes)"
