#!/bin/sh
# scripts/check-sqlite-threads.sh: syncsan on sqlite3's own threaded tests.
#
# Builds sqlite's test programs (threadsafe build) twice, with plain clang-19
# and with CC=<build>/bin/syncsan-cc, from the Debian source that
# scripts/fetch-sqlite3.sh caches: testfixture (sqlite's Tcl test shell,
# which runs test/*.test) and threadtest3 (a C program). Then runs, in each
# build, the threaded tests
#
#   threadtest3 (the sub-tests below), thread001..thread005, mutex1,
#   shared2, sharedA, wal
#
# and prints one line per test: the exit status plain and under syncsan, and
# the number of syncsan reports with their check ids. The exit status is 0
# when every test that exits 0 plain exits 0 under syncsan too.
#
#   scripts/check-sqlite-threads.sh [--only t1,t2] [--full] [-- SYNCSAN_OPTIONS...]
#
# threadtest3 runs each sub-test for a fixed time (up to 60 s; 4 minutes for
# all); by default only the short ones run (THREADTEST3_TESTS overrides the
# list; --full runs all). Objects are kept in $SQLITE_THREADS_DIR (default
# /tmp/sqlite-threads) and rebuilt when their source or the pass changes;
# the programs are relinked every run, so a rebuilt runtime is always the
# one tested. SYNCSAN_BUILD picks the syncsan build (default build/).
# JOBS (default 2) compiles in parallel.
set -eu

root=$(cd "$(dirname -- "$0")/.." && pwd -P)
. "$root/scripts/bench-lib.sh"

only=""
full=0
while [ $# -gt 0 ]; do
  case $1 in
    --only) only=$2; shift ;;
    --full) full=1 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "check-sqlite-threads: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

build=$(bench_syncsan_build "$root")
work=${SQLITE_THREADS_DIR:-/tmp/sqlite-threads}
jobs=${JOBS:-2}
mkdir -p "$work"

amal=$("$root/scripts/fetch-sqlite3.sh" | sed -n 's/^sqlite3.c //p')
[ -n "$amal" ] || { echo "check-sqlite-threads: no sqlite3 amalgamation" >&2; exit 1; }
A=$(dirname -- "$amal")
TOP=$(dirname -- "$A")
if [ ! -f /usr/include/tcl8.6/tcl.h ] && [ ! -f /usr/include/tcl.h ]; then
  bench_need_packages tcl-dev
fi

# The flags and sources of sqlite's own Makefile (configured in $A).
show=$work/show.mk
# shellcheck disable=SC2016 # make expands these, not the shell
printf 'show:\n\t@echo "$(TCC)"; echo "$(TESTFIXTURE_FLAGS)"; echo "$(TESTFIXTURE_SRC)"; echo "$(LIBTCL) $(TLIBS)"\n' >"$show"
make -s -C "$A" -f Makefile -f "$show" show CC= >"$work/flags"
tcc=$(sed -n 1p "$work/flags")
tfflags=$(sed -n 2p "$work/flags")
tfsrc=$(sed -n 3p "$work/flags")
libs=$(sed -n 4p "$work/flags")

t3_quick="walthread5 cgt_pager_1 create_drop_index_1 lookaside1 vacuum1 stress1 shared1"
t3_tests=${THREADTEST3_TESTS:-$t3_quick}
[ "$full" = 1 ] && t3_tests="walthread1 walthread2 walthread3 walthread4 walthread5 cgt_pager_1 dynamic_triggers checkpoint_starvation_1 checkpoint_starvation_2 create_drop_index_1 lookaside1 vacuum1 stress1 stress2 shared1"
tcl_tests="thread001 thread002 thread003 thread004 thread005 mutex1 shared2 sharedA wal"

# compile CC OUT SRC FLAGS...: OUT is rebuilt when older than SRC or $stamp.
compile() {
  cc=$1 out=$2 src=$3
  shift 3
  if [ -f "$out" ] && [ -n "$(find "$out" -newer "$src" -newer "$stamp" 2>/dev/null)" ]; then
    return 0
  fi
  # shellcheck disable=SC2086,SC2068
  (cd "$A" && $cc "$@" -c "$src" -o "$out.tmp") >"$out.log" 2>&1 || {
    echo "check-sqlite-threads: compiling $src failed (see $out.log)" >&2
    return 1
  }
  mv "$out.tmp" "$out"
}

build_flavour() {
  fl=$1 cc=$2
  d=$work/$fl
  mkdir -p "$d/obj-tf" "$d/obj-t3"
  # Objects depend on the compiler: the pass plug-in for syncsan, clang
  # itself for plain.
  if [ "$fl" = syncsan ]; then stamp=$build/lib/syncsan/syncsan-pass.so; else stamp=$(command -v clang-19); fi
  echo "check-sqlite-threads: building $fl ($cc)" >&2
  list=$d/compile.list
  : >"$list"
  for s in $tfsrc; do
    case $s in /*) ;; *) s=$A/$s ;; esac
    b=$(basename "$s" .c)
    echo "tf $s $d/obj-tf/$b.o" >>"$list"
  done
  {
    echo "t3 $amal $d/obj-t3/sqlite3.o"
    echo "t3 $TOP/test/threadtest3.c $d/obj-t3/threadtest3.o"
    echo "t3 $TOP/src/test_multiplex.c $d/obj-t3/test_multiplex.o"
  } >>"$list"
  export A stamp
  # One compile per line, $jobs at a time.
  fail=0
  while read -r kind src out; do
    if [ "$kind" = tf ]; then
      # shellcheck disable=SC2086
      compile "$cc" "$out" "$src" $tcc -DSQLITE_NO_SYNC=1 -DSQLITE_TEMP_STORE=1 $tfflags &
    else
      # shellcheck disable=SC2086
      compile "$cc" "$out" "$src" $tcc &
    fi
    while [ "$(jobs -p | wc -l)" -ge "$jobs" ]; do sleep 0.2; done
  done <"$list"
  wait || fail=1
  while read -r _ _ o; do
    [ -f "$o" ] || fail=1
  done <"$list"
  [ "$fail" = 0 ] || return 1
  # shellcheck disable=SC2086
  if ! $cc -o "$d/testfixture" "$d"/obj-tf/*.o $libs -lpthread >"$d/link.log" 2>&1 ||
     ! $cc -o "$d/threadtest3" "$d"/obj-t3/*.o $libs -lpthread >>"$d/link.log" 2>&1; then
    echo "check-sqlite-threads: linking $fl failed (see $d/link.log)" >&2
    return 1
  fi
}

build_flavour plain clang-19
build_flavour syncsan "$build/bin/syncsan-cc"

selected() {
  [ -z "$only" ] && return 0
  case ",$only," in *",$1,"*) return 0 ;; esac
  return 1
}

# run FLAVOUR NAME CMD...: runs in a fresh directory; prints the exit status.
run_one() {
  fl=$1 name=$2
  shift 2
  r=$work/$fl/run/$name
  rm -rf "$r"
  mkdir -p "$r"
  set +e
  (cd "$r" && "$@" >out.log 2>err.log)
  rc=$?
  set -e
  echo "$rc"
}

reports() {
  f=$work/syncsan/run/$1/err.log
  n=$(grep -c '==ERROR: SyncSanitizer\|==WARNING: SyncSanitizer' "$f" 2>/dev/null || true)
  ids=$(sed -n 's/.*==\(ERROR\|WARNING\): SyncSanitizer: \([a-z-]*\).*/\2/p' "$f" 2>/dev/null |
        sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
  echo "${n:-0}${ids:+ ($ids)}"
}

bad=0
printf '%-28s %6s %8s  %s\n' test plain syncsan "syncsan reports"
for t in $tcl_tests; do
  selected "$t" || continue
  p=$(run_one plain "$t" "$work/plain/testfixture" "$TOP/test/$t.test")
  s=$(run_one syncsan "$t" "$work/syncsan/testfixture" "$TOP/test/$t.test")
  printf '%-28s %6s %8s  %s\n' "$t" "$p" "$s" "$(reports "$t")"
  [ "$p" = 0 ] && [ "$s" != 0 ] && bad=1
done
for t in $t3_tests; do
  selected "threadtest3" || selected "$t" || continue
  p=$(run_one plain "threadtest3-$t" "$work/plain/threadtest3" "$t")
  s=$(run_one syncsan "threadtest3-$t" "$work/syncsan/threadtest3" "$t")
  printf '%-28s %6s %8s  %s\n' "threadtest3 $t" "$p" "$s" "$(reports "threadtest3-$t")"
  [ "$p" = 0 ] && [ "$s" != 0 ] && bad=1
done
echo "check-sqlite-threads: logs in $work/{plain,syncsan}/run/<test>/" >&2
exit "$bad"
