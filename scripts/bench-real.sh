#!/bin/sh
# scripts/bench-real.sh: syncsan on real third-party programs.
#
# Fetches the Debian source packages of zstd (libzstd), xz-utils and
# memcached with apt-get source through a private, temporary sources list
# (the deb-src twins of this machine's own Debian entries; the system's apt
# set-up is not touched), builds each with plain clang-19 and with
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

# ---- sources: apt-get source with a private sources list ----
fetch_sources() {
  need=""
  for p in libzstd xz-utils memcached; do
    ls -d "$work/src/$p"-*/ >/dev/null 2>&1 || need="$need $p"
  done
  [ -z "$need" ] && return 0
  apt_dir=$(mktemp -d /tmp/bench-apt.XXXXXX)
  trap 'rm -rf "$apt_dir"' EXIT
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/parts"
  : >"$apt_dir/sources.list"
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  # deb-src twins of the system's enabled Debian entries (both formats),
  # limited to this release's suites.
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -n "s/^[[:space:]]*deb[[:space:]]\(.*[[:space:]]$codename[^[:space:]]*[[:space:]].*\)$/deb-src \1/p" \
      "$f" >>"$apt_dir/sources.list"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v cn="$codename" '
      function flush() {
        if (types ~ /(^|[ \t])deb([ \t]|$)/ && suites ~ cn && uris != "") {
          printf "Types: deb-src\nURIs:%s\nSuites:%s\nComponents:%s\n", uris, suites, comps
          if (signed != "") printf "Signed-By:%s\n", signed
          printf "\n"
        }
        types = uris = suites = comps = signed = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^Types:/ { types = substr($0, 7) }
      /^URIs:/ { uris = substr($0, 6) }
      /^Suites:/ { suites = substr($0, 8) }
      /^Components:/ { comps = substr($0, 12) }
      /^Signed-By:/ { v = substr($0, 11); if (v ~ /\//) signed = v }
      END { flush() }' "$f" >"$apt_dir/parts/$(basename "$f")"
  done
  aptopts="-o Dir::Etc::SourceList=$apt_dir/sources.list -o Dir::Etc::SourceParts=$apt_dir/parts
    -o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache
    -o Dir::State::status=/var/lib/dpkg/status -o APT::Sandbox::User=root"
  echo "bench-real: fetching sources:$need" >&2
  # shellcheck disable=SC2086
  apt-get $aptopts -q update >&2
  mkdir -p "$work/src"
  # shellcheck disable=SC2086
  (cd "$work/src" && apt-get $aptopts -q source $need >&2)
  rm -rf "$apt_dir"
  trap - EXIT
}
fetch_sources

build=$(bench_syncsan_build "$root")
echo "bench-real: syncsan from $build" >&2
# shellcheck disable=SC2086
exec python3 "$root/bench/real.py" --syncsan-build "$build" --work "$work" $pass
