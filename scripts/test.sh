#!/usr/bin/env bash
# Sets up (bootstrap), builds everything and runs the whole test suite: unit tests, golden
# tests, the grammar conformance test, formatter property tests, fuzz regression tests and the
# benchmark converter smoke test.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
./scripts/build.sh
cd build
ctest --output-on-failure --timeout 600 -j2
