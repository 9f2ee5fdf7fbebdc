#!/usr/bin/env bash
# Builds syncsan and runs the whole test suite (pass and runtime lit suites
# at -O0 and -O2, unit tests, tool tests, benchmark smoke test) through
# ctest. Exit status 0 only when every test passes.
# As root on a fresh Debian 12 it first installs what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

syncsan_install_deps
syncsan_build
cd "$SYNCSAN_BUILD_DIR"
ctest --output-on-failure -j "$(nproc)"
