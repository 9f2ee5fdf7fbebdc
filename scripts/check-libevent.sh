#!/bin/sh
# scripts/check-libevent.sh: syncsan on a lock layer it did and did not compile.
#
# libevent locks its buffers through its own layer: evbuffer_lock() calls
# evthread_lock_fns_.lock (a function pointer) which is evthread_posix_lock(),
# which calls pthread_mutex_lock. bench/real/evbuffer-order.c takes two
# evbuffers in opposite orders in two threads. This script builds it twice:
#
#   instrumented  against libevent built from Debian's source package with
#                 CC=syncsan-cc ./configure && make (sources cached by
#                 scripts/fetch-lib.sh);
#   distribution  against the system's uninstrumented libevent (libevent-dev),
#                 which syncsan sees only through its run-time interposition
#                 of the pthread functions.
#
# and runs each. Both must report lock-order-inversion; the instrumented one's
# SUMMARY must name the program's own line, not libevent's, and its stacks
# must name both of the program's lines that take the second buffer.
# Exit status 0 when every expectation holds; the reports are printed.
#
#   scripts/check-libevent.sh [--no-install]
#
# Builds go to $CHECK_REAL_DIR (default /tmp/syncsan-real) and are reused.
set -eu

root=$(cd "$(dirname -- "$0")/.." && pwd -P)
. "$root/scripts/bench-lib.sh"

install=1
for a in "$@"; do
  case $a in
    --no-install) install=0 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "check-libevent: unknown argument $a" >&2; exit 2 ;;
  esac
done
if [ "$install" = 1 ]; then
  bench_need_packages clang-19 llvm-19-dev cmake ninja-build dpkg-dev make pkg-config \
    libevent-dev
fi

. "$root/scripts/fetch-lib.sh"
cache=$(syncsan_source_cache)
syncsan_fetch_sources "$cache" libevent || {
  echo "check-libevent: cannot fetch libevent's sources (see above)" >&2
  exit 1
}
build=$(bench_syncsan_build "$root")
cc=$build/bin/syncsan-cc
work=${CHECK_REAL_DIR:-/tmp/syncsan-real}/libevent
mkdir -p "$work"

# ---- libevent, built with syncsan-cc ----
src=$work/src
if [ ! -f "$src/.libs/libevent_pthreads.so" ] || [ "$cc" -nt "$src/.libs/libevent_pthreads.so" ] ||
   [ "$build/lib/syncsan/syncsan-pass.so" -nt "$src/.libs/libevent_pthreads.so" ]; then
  rm -rf "$src"
  for d in "$cache"/libevent-*/; do :; done
  cp -a "$d" "$src"
  # The Debian patches touch the autotools inputs; their outputs in the
  # package are still right. Make them newer, so make does not regenerate
  # them (that needs autoconf and automake of the same versions).
  (cd "$src" && touch configure.ac aclocal.m4 Makefile.am m4/* && sleep 1 &&
     touch Makefile.in configure config.h.in)
  echo "check-libevent: building libevent with $cc" >&2
  (cd "$src" && CC=$cc CFLAGS="-g -O2" ./configure -q --disable-openssl --disable-samples \
      --disable-libevent-regress --disable-debug-mode >"$work/configure.log" 2>&1 &&
    make -j2 libevent_core.la libevent_pthreads.la >"$work/make.log" 2>&1) || {
    echo "check-libevent: building libevent failed; see $work/configure.log and $work/make.log" >&2
    exit 1
  }
fi

prog=$root/bench/real/evbuffer-order.c
"$cc" -g -O1 -I"$src/include" -o "$work/instrumented" "$prog" \
  "$src/.libs/libevent_core.so" "$src/.libs/libevent_pthreads.so" -Wl,-rpath,"$src/.libs"
# shellcheck disable=SC2046
"$cc" -g -O1 -o "$work/distribution" "$prog" $(pkg-config --cflags --libs libevent_core libevent_pthreads)

fail=0
expect() { # name, file, grep pattern, what
  if grep -q -- "$3" "$2"; then
    echo "check-libevent: $1: ok: $4"
  else
    echo "check-libevent: $1: FAIL: $4" >&2
    fail=1
  fi
}
for kind in instrumented distribution; do
  rc=0
  SYNCSAN_OPTIONS=${SYNCSAN_OPTIONS:-} "$work/$kind" >"$work/$kind.out" 2>"$work/$kind.err" || rc=$?
  echo "---- $kind libevent: exit $rc ----"
  cat "$work/$kind.err"
  expect "$kind" "$work/$kind.err" "ERROR: SyncSanitizer: lock-order-inversion" "lock-order-inversion reported"
  [ "$rc" = 66 ] || { echo "check-libevent: $kind: FAIL: exit $rc, not 66" >&2; fail=1; }
done
expect instrumented "$work/instrumented.err" "^SUMMARY: SyncSanitizer: lock-order-inversion .*evbuffer-order.c:[0-9]* in " \
  "SUMMARY names the program's line"
expect instrumented "$work/instrumented.err" "(this closes the cycle):$" "section titles are whole"
expect instrumented "$work/instrumented.err" "evbuffer-order.c:17" "a stack names the first thread's line"
expect instrumented "$work/instrumented.err" "evbuffer-order.c:27" "a stack names the second thread's line"
expect distribution "$work/distribution.err" "evbuffer-order.c:" "a stack reaches the program's lines"
exit $fail
