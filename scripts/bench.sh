#!/bin/sh
# scripts/bench.sh: syncsan's overhead against plain clang, ThreadSanitizer
# and Helgrind, side by side (micro and macro benchmarks).
#
#   scripts/bench.sh            full run: 5 interleaved repetitions after a warm-up
#   scripts/bench.sh --quick    3 repetitions, shorter runs
#   scripts/bench.sh --smoke    tiny sizes, one repetition: checks every
#                               configuration builds, runs and agrees with plain
#   scripts/bench.sh --real     also run scripts/bench-real.sh (zstd, xz, memcached)
#   other options go to bench/bench.py (--configs, --only, --reps, --target-ms, ...)
#
# The table goes to stdout, the JSON to bench/results/. Uses the syncsan
# build in $SYNCSAN_BUILD, else build/ if it has one, else builds syncsan
# into build/. As root on Debian, installs what is missing (--no-install:
# never install; a configuration whose tool is absent is then skipped, with
# the reason printed).
set -eu

root=$(cd "$(dirname -- "$0")/.." && pwd -P)
. "$root/scripts/bench-lib.sh"

install=1
real=0
pass=""
real_args=""
for a in "$@"; do
  case $a in
    --no-install) install=0; real_args="$real_args $a" ;;
    --real) real=1 ;;
    --quick) pass="$pass $a"; real_args="$real_args $a" ;;
    -h|--help) sed -n '2,16p' "$0"; exec python3 "$root/bench/bench.py" --help ;;
    *) pass="$pass $a" ;;
  esac
done

if [ "$install" = 1 ]; then
  # valgrind: Helgrind; libclang-rt-19-dev: the ThreadSanitizer runtime;
  # time: /usr/bin/time for the real-program runs; python3 drives the suite.
  bench_need_packages clang-19 llvm-19-dev cmake ninja-build python3 valgrind \
    libclang-rt-19-dev time
fi
command -v python3 >/dev/null 2>&1 || { echo "bench.sh: python3 is required" >&2; exit 2; }

build=$(bench_syncsan_build "$root")
echo "bench.sh: syncsan from $build" >&2

status=0
# shellcheck disable=SC2086
python3 "$root/bench/bench.py" --syncsan-build "$build" $pass || status=$?
if [ "$real" = 1 ]; then
  # shellcheck disable=SC2086
  SYNCSAN_BUILD=$build "$root/scripts/bench-real.sh" $real_args || status=$?
fi
exit $status
