# Shared by scripts/demo.sh and scripts/check.sh (sourced, not run):
# installs what is missing on Debian 12, then configures and builds syncsan.
#   SYNCSAN_BUILD_DIR  build directory (default: build/ in the source tree)
#   SYNCSAN_GCC_BUILD_DIR  build directory of the system-compiler build
#                      (default: build-gcc/ in the source tree)
#   SYNCSAN_NO_APT=1   never call apt-get (report what is missing instead)

SYNCSAN_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SYNCSAN_BUILD_DIR=${SYNCSAN_BUILD_DIR:-$SYNCSAN_SRC/build}
SYNCSAN_GCC_BUILD_DIR=${SYNCSAN_GCC_BUILD_DIR:-$SYNCSAN_SRC/build-gcc}

# Exactly what building and testing syncsan needs, all from Debian's archive.
# libclang-19-dev: clang's headers, for the front-end plugin (without them
# the build leaves it out). libglib2.0-dev (with pkg-config): GLib's
# GAsyncQueue, a built-in queue, for its tests (lit feature glib). The last six serve the robustness tests: csmith and its headers, apt-get
# source (dpkg-dev) for Debian's sqlite3 sources and tclsh (tcl) to generate
# their amalgamation.
SYNCSAN_PACKAGES="clang-19 llvm-19-dev llvm-19-tools libclang-19-dev libclang-rt-19-dev libomp-19-dev libhwloc-dev libnuma-dev
hwloc cmake ninja-build make gcc g++ pkg-config libglib2.0-dev python3 python3-jsonschema valgrind
csmith libcsmith-dev dpkg-dev tcl"

syncsan_install_deps() {
  local missing="" p
  for p in $SYNCSAN_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  if [ "${SYNCSAN_NO_APT:-0}" = 1 ] || [ "$(id -u)" != 0 ]; then
    echo "syncsan: missing Debian packages:$missing" >&2
    echo "syncsan: install them as root: apt-get install$missing" >&2
    return 1
  fi
  echo "syncsan: installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $missing >/dev/null
}

# syncsan_configure DIR [cmake args...]
syncsan_configure() {
  local dir=$1
  shift
  mkdir -p "$dir"
  cmake -S "$SYNCSAN_SRC" -B "$dir" -G Ninja "$@" >"$dir/configure.log" 2>&1 || {
    cat "$dir/configure.log" >&2
    echo "syncsan: cmake configure failed" >&2
    return 1
  }
}

# The build the suite runs on: clang 19 throughout.
syncsan_build() {
  syncsan_configure "$SYNCSAN_BUILD_DIR" -DCMAKE_C_COMPILER=clang-19 \
    -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
    cmake --build "$SYNCSAN_BUILD_DIR"
}

# The README's bare build: whatever cc and c++ the system has (gcc 12 on
# Debian 12), no build type.
syncsan_build_system_compiler() {
  syncsan_configure "$SYNCSAN_GCC_BUILD_DIR" && cmake --build "$SYNCSAN_GCC_BUILD_DIR"
}
