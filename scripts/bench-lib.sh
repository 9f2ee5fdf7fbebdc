# Shared by scripts/bench.sh and scripts/bench-real.sh (sourced, not run).

# Installs the Debian packages among "$@" that are not installed yet, when
# running as root with apt; otherwise only says what is missing.
bench_need_packages() {
  missing=""
  for p in "$@"; do
    if ! dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $p"
    fi
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench: installing:$missing" >&2
    # shellcheck disable=SC2086
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2; then
      apt-get update -q >&2
      # shellcheck disable=SC2086
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2
    fi
  else
    echo "bench: not installing (not root or no apt-get); missing:$missing" >&2
  fi
}

# Prints the syncsan build directory to use: $SYNCSAN_BUILD, else build/
# when it holds a syncsan build (used as it is: bring it up to date first
# if the sources changed), else a fresh build into build/.
bench_syncsan_build() {
  r=$1
  if [ -n "${SYNCSAN_BUILD:-}" ]; then
    case $SYNCSAN_BUILD in /*) b=$SYNCSAN_BUILD ;; *) b=$r/$SYNCSAN_BUILD ;; esac
    if [ ! -x "$b/bin/syncsan-cc" ]; then
      echo "bench: SYNCSAN_BUILD=$SYNCSAN_BUILD has no bin/syncsan-cc" >&2
      return 1
    fi
    echo "$b"
    return 0
  fi
  b=$r/build
  if [ ! -x "$b/bin/syncsan-cc" ] || [ ! -f "$b/lib/syncsan/libsyncsan_rt.a" ] ||
     [ ! -f "$b/lib/syncsan/libsyncsan_interpose.a" ]; then
    echo "bench: building syncsan into $b" >&2
    cmake -S "$r" -B "$b" -G Ninja -DCMAKE_C_COMPILER=clang-19 \
      -DCMAKE_CXX_COMPILER=clang++-19 >&2
    cmake --build "$b" -j2 >&2
  fi
  echo "$b"
}
