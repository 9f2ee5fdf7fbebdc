#!/bin/sh
# scripts/fetch-sqlite3.sh: the large real C sources the pass's robustness
# test compiles (test/pass/robustness/sqlite3.test).
#
# Fetches Debian's sqlite3 source package into the source cache
# ($SYNCSAN_SOURCE_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/syncsan/src;
# see scripts/fetch-lib.sh), which survives rebuilds, and generates its
# amalgamation there once: the package carries sqlite's canonical source
# tree, from which `configure && make sqlite3.c` builds sqlite3.c (that
# needs tclsh, Debian package tcl, and a C compiler: $CC, else cc). Then
# prints two lines:
#
#   sqlite3.c <path of the amalgamation>
#   tool <path of tool/lemon.c; the amalgamation's shell.c if the package has none>
#
# Exits 1, having said why on stderr, when it cannot.
set -eu

root=$(cd "$(dirname -- "$0")/.." && pwd -P)
. "$root/scripts/fetch-lib.sh"

cache=$(syncsan_source_cache)
syncsan_fetch_sources "$cache" sqlite3 || exit 1
src=""
for d in "$cache"/sqlite3-*/; do
  [ -f "$d/configure" ] && src=${d%/}
done
if [ -z "$src" ]; then
  echo "syncsan: no sqlite3 source tree with a configure script in $cache" >&2
  exit 1
fi

gen=$src/syncsan-amalgamation
generate() {
  [ -f "$gen/sqlite3.c" ] && return 0
  if ! command -v tclsh >/dev/null 2>&1; then
    echo "syncsan: generating sqlite3.c needs tclsh (Debian package tcl)" >&2
    return 1
  fi
  echo "syncsan: generating the sqlite3 amalgamation in $gen" >&2
  tmp=$src/.syncsan-amalgamation.$$
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! (cd "$tmp" && "$src/configure" CC="${CC:-cc}" >configure.log 2>&1 &&
        make sqlite3.c shell.c >make.log 2>&1); then
    echo "syncsan: generating sqlite3.c failed; the logs are in $tmp" >&2
    return 1
  fi
  rm -rf "$gen"
  mv "$tmp" "$gen"
}
# Generated once for every build and worktree of the machine: one at a time.
if [ ! -f "$gen/sqlite3.c" ]; then
  if command -v flock >/dev/null 2>&1; then
    (
      flock -w 900 9 || { echo "syncsan: gave up waiting for $cache/.amalgamation.lock" >&2; exit 1; }
      generate
    ) 9>"$cache/.amalgamation.lock" || exit 1
  else
    generate || exit 1
  fi
fi

echo "sqlite3.c $gen/sqlite3.c"
if [ -f "$src/tool/lemon.c" ]; then
  echo "tool $src/tool/lemon.c"
else
  echo "tool $gen/shell.c"
fi
