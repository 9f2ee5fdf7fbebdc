# Shared by scripts/bench-real.sh and scripts/fetch-sqlite3.sh (the test
# suite's robustness tests): sourced, not run; POSIX sh.
#
# syncsan_fetch_sources DIR PACKAGE...
#   Unpacks the Debian source package of each PACKAGE into DIR (DIR/PACKAGE-*/)
#   with apt-get source, unless DIR already holds it. apt reads a private,
#   temporary sources list (the deb-src twins of this machine's enabled Debian
#   entries, limited to this release's suites), so the system's apt set-up is
#   never touched. Returns non-zero, having said why on stderr, when a
#   package cannot be fetched (no apt-get or dpkg-source, no network, no
#   Debian entries); what it fetched stays.
#
#   Fetches into one directory are serialised with flock(1) on DIR/.fetch.lock.
#
# syncsan_source_cache
#   Prints the directory that keeps fetched sources across builds:
#   $SYNCSAN_SOURCE_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/syncsan/src.

syncsan_source_cache() {
  if [ -n "${SYNCSAN_SOURCE_CACHE:-}" ]; then
    echo "$SYNCSAN_SOURCE_CACHE"
  else
    echo "${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/syncsan/src"
  fi
}

# The deb-src twins of the system's Debian entries, both formats, into
# $1/sources.list and $1/parts/.
syncsan_write_deb_src() {
  _d=$1
  : >"$_d/sources.list"
  _codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  if [ -z "$_codename" ]; then
    echo "syncsan: /etc/os-release names no release codename; cannot derive deb-src entries" >&2
    return 1
  fi
  for _f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$_f" ] || continue
    sed -n "s/^[[:space:]]*deb[[:space:]]\(.*[[:space:]]$_codename[^[:space:]]*[[:space:]].*\)$/deb-src \1/p" \
      "$_f" >>"$_d/sources.list"
  done
  for _f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$_f" ] || continue
    awk -v cn="$_codename" '
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
      END { flush() }' "$_f" >"$_d/parts/$(basename "$_f")"
  done
  if [ ! -s "$_d/sources.list" ] && [ -z "$(cat "$_d"/parts/* 2>/dev/null)" ]; then
    echo "syncsan: no enabled Debian '$_codename' entries in /etc/apt to derive deb-src entries from" >&2
    return 1
  fi
}

syncsan_fetch_sources() {
  mkdir -p "$1" || return 1
  # One fetch at a time per directory: the cache is shared by every build
  # and worktree of the machine. (Without flock(1), fetches are not
  # serialised.)
  if command -v flock >/dev/null 2>&1; then
    (
      flock -w 900 9 || { echo "syncsan: gave up waiting for $1/.fetch.lock" >&2; exit 1; }
      syncsan_fetch_sources_locked "$@"
    ) 9>"$1/.fetch.lock"
  else
    syncsan_fetch_sources_locked "$@"
  fi
}

syncsan_fetch_sources_locked() {
  _dir=$1
  shift
  _need=""
  for _p in "$@"; do
    ls -d "$_dir/$_p"-*/ >/dev/null 2>&1 || _need="$_need $_p"
  done
  [ -z "$_need" ] && return 0
  for _tool in apt-get dpkg-source; do
    if ! command -v "$_tool" >/dev/null 2>&1; then
      echo "syncsan: cannot fetch$_need: $_tool is missing (Debian packages apt, dpkg-dev)" >&2
      return 1
    fi
  done
  _apt=$(mktemp -d "${TMPDIR:-/tmp}/syncsan-apt.XXXXXX") || return 1
  mkdir -p "$_apt/lists/partial" "$_apt/cache/archives/partial" "$_apt/parts"
  if ! syncsan_write_deb_src "$_apt"; then
    rm -rf "$_apt"
    return 1
  fi
  # Without root, apt's sandbox user cannot be switched to; the private
  # lists and cache are ours either way.
  _sandbox=root
  [ "$(id -u)" = 0 ] || _sandbox=$(id -un)
  _aptopts="-o Dir::Etc::SourceList=$_apt/sources.list -o Dir::Etc::SourceParts=$_apt/parts
    -o Dir::State::Lists=$_apt/lists -o Dir::Cache=$_apt/cache
    -o Dir::State::status=/var/lib/dpkg/status -o APT::Sandbox::User=$_sandbox"
  echo "syncsan: fetching Debian sources:$_need into $_dir" >&2
  _rc=0
  # shellcheck disable=SC2086
  if ! apt-get $_aptopts -q update >&2; then
    echo "syncsan: apt-get update of the deb-src lists failed (no network?)" >&2
    _rc=1
  fi
  # Unpack in a scratch directory first, so an interrupted fetch never
  # leaves a half-unpacked tree that later runs would take as complete.
  if [ $_rc = 0 ]; then
    _tmp=$(mktemp -d "$_dir/.fetch.XXXXXX") || _rc=1
  fi
  # One package at a time: a mirror can list a security update's source and
  # not serve it (404), and then the release's own version is the next best.
  _release=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  for _p in $_need; do
    [ $_rc = 0 ] || break
    # shellcheck disable=SC2086
    (cd "$_tmp" && apt-get $_aptopts -q source "$_p" >&2) && continue
    # shellcheck disable=SC2086
    if [ -n "$_release" ] &&
      (cd "$_tmp" && rm -rf "$_p"-*/ && apt-get $_aptopts -q source "$_p/$_release" >&2); then
      echo "syncsan: took $_p from $_release itself (its newest source could not be fetched)" >&2
      continue
    fi
    echo "syncsan: apt-get source $_p failed" >&2
    _rc=1
  done
  if [ -n "${_tmp:-}" ] && [ -d "$_tmp" ]; then
    for _p in $_need; do
      for _t in "$_tmp/$_p"-*/; do
        [ -d "$_t" ] && mv "$_t" "$_dir/"
      done
    done
    rm -rf "$_tmp"
  fi
  rm -rf "$_apt"
  for _p in $_need; do
    if ! ls -d "$_dir/$_p"-*/ >/dev/null 2>&1; then
      echo "syncsan: the source of $_p is not in $_dir" >&2
      _rc=1
    fi
  done
  return $_rc
}
