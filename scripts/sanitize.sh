#!/usr/bin/env bash
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer into build-asan/ and runs
# the whole test suite there (issue 9's "an ASan/UBSan build runs the whole suite clean"). Too slow
# for CI's budget on two cores (a full sanitized build is most of it); run it before a release or
# after touching memory-sensitive code:
#   scripts/sanitize.sh            # build and run every test
#   scripts/sanitize.sh -R driver  # extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
if [[ ! -f build-asan/build.ninja ]]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBPC_SANITIZE=ON >/dev/null
fi
ninja -C build-asan
# Leaks are findings too; a sanitizer report fails the process that made it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd build-asan
ctest --output-on-failure --timeout 1800 -j2 "$@"
