#!/bin/sh
# scripts/fuzz-pass.sh: the pass on generated inputs. It must never crash,
# never leave IR that does not verify, and never change what a program
# computes.
#
#   scripts/fuzz-pass.sh [--seeds N] [--first-seed S]
#                        [--generators llvm-stress,llvm-stress-atomics,csmith]
#                        [--size N] [--timeout S] [--jobs J] [--work DIR] [--build DIR]
#
# llvm-stress: llvm-stress modules through opt with the plugin
#   (-passes='syncsan-early,syncsan' and the -O2 pipeline, -verify-each).
# llvm-stress-atomics: the same modules with their loads and stores made
#   atomic, and read-modify-writes, compare-exchanges and fences added.
# csmith: csmith programs built with plain clang-19 and with syncsan-cc at
#   -O0 and -O2 and run; syncsan's builds must print plain clang's checksum.
#
# 100 seeds of each by default (the test suite runs a small fixed set:
# test/pass/robustness/). The build is $SYNCSAN_BUILD or build/ unless
# --build says otherwise; inputs go to --work (default /tmp/syncsan-fuzz),
# and those that fail stay there. Exit status 1 on any failure.
set -eu
root=$(cd "$(dirname -- "$0")/.." && pwd -P)
case " $* " in
  *" --build "* | *" --build="*) exec python3 "$root/scripts/fuzz_pass.py" "$@" ;;
esac
exec python3 "$root/scripts/fuzz_pass.py" --build "${SYNCSAN_BUILD:-$root/build}" "$@"
