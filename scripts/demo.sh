#!/usr/bin/env bash
# Builds syncsan, then compiles and runs each program in docs/examples/
# with syncsan-cc, showing what syncsan reports (and that a correct program
# gets no report). As root on a fresh Debian 12 it first installs what is
# missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

syncsan_install_deps
syncsan_build >/dev/null
cc="$SYNCSAN_BUILD_DIR/bin/syncsan-cc"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for src in "$SYNCSAN_SRC"/docs/examples/*.c; do
  name=$(basename "$src" .c)
  echo
  echo "################ $name.c ################"
  sed -n '1,/\*\//p' "$src" | sed 's/^/  /'
  echo "\$ syncsan-cc -g -O1 $name.c -o $name && ./$name"
  "$cc" -g -O1 "$src" -o "$out/$name"
  set +e
  (cd "$out" && "./$name")
  status=$?
  set -e
  echo "[exit status $status]"
done
