#!/bin/sh
# scripts/bench-real.sh: syncsan on real third-party programs.
#
# Fetches the Debian source packages of zstd (libzstd), xz-utils and
# memcached with apt-get source through a private, temporary sources list
# (the deb-src twins of this machine's own Debian entries; the system's apt
# set-up is not touched; scripts/fetch-lib.sh), builds each with plain clang-19 and with
# CC=syncsan-cc, runs a multi-threaded workload in each build, interleaved
# (zstd -T2 and xz -T2 round trips of a generated input, checked identical;
# memcached -t 2 under the project's loopback load driver), and reports the
# wall-time, compile-time and peak-memory ratios and every syncsan report.
#
#   scripts/bench-real.sh [--quick] [--no-install] [--smoke] [--only zstd,xz,memcached]
#
# Sources and builds are kept in $BENCH_REAL_DIR (default /tmp/bench-real)
# and reused by later runs; results go to bench/results/.
set -eu

root=$(cd "$(dirname -- "$0")/.." && pwd -P)
. "$root/scripts/bench-lib.sh"

install=1
pass=""
for a in "$@"; do
  case $a in
    --no-install) install=0 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) pass="$pass $a" ;;
  esac
done
work=${BENCH_REAL_DIR:-/tmp/bench-real}
mkdir -p "$work"

if [ "$install" = 1 ]; then
  # dpkg-dev: apt-get source; make/pkg-config/libevent-dev: the packages'
  # own builds (memcached needs libevent); time: /usr/bin/time.
  bench_need_packages clang-19 llvm-19-dev cmake ninja-build python3 dpkg-dev make \
    pkg-config libevent-dev time xz-utils
fi

# ---- sources: apt-get source with a private sources list (scripts/fetch-lib.sh) ----
. "$root/scripts/fetch-lib.sh"
syncsan_fetch_sources "$work/src" libzstd xz-utils memcached || {
  echo "bench-real: cannot fetch the sources (see above)" >&2
  exit 1
}

build=$(bench_syncsan_build "$root")
echo "bench-real: syncsan from $build" >&2
# shellcheck disable=SC2086
exec python3 "$root/bench/real.py" --syncsan-build "$build" --work "$work" $pass
