#!/usr/bin/env bash
# Builds one libFuzzer target and fuzzes it for a while. See fuzz/README.md.
#
#   fuzz/run.sh TARGET [SECONDS] [EXTRA_LIBFUZZER_ARGS...]   (TARGET: fuzz_parse | fuzz_format | fuzz_check | fuzz_ir_json | fuzz_backends)
#   fuzz/run.sh TARGET check [FILE...]   run TARGET once on each file (default: the regressions)
#
# Configures build-fuzz/ with clang-14 (once), builds TARGET, seeds build-fuzz/corpus/TARGET from
# the conformance corpus, the examples and tests/fuzz/regressions/, and runs libFuzzer for
# SECONDS (default 60). Findings (crash-*, leak-*, timeout-*, oom-*) land in fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [[ $# -lt 1 || "$1" == -h || "$1" == --help ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
target=$1
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
case "$target" in
  fuzz_parse|fuzz_format|fuzz_check|fuzz_ir_json|fuzz_backends) ;;
  *) echo "run.sh: unknown target '$target' (fuzz_parse, fuzz_format, fuzz_check, fuzz_ir_json or fuzz_backends)" >&2; exit 2 ;;
esac

build=$root/build-fuzz
CC=${CC:-clang-14}
CXX=${CXX:-clang++-14}
if [[ ! -f $build/CMakeCache.txt ]]; then
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  cmake -S "$root" -B "$build" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
    -DBPC_BUILD_FUZZERS=ON -DBPC_BUILD_TESTS=OFF
fi
cmake --build "$build" --target "$target" -j "${BPC_FUZZ_JOBS:-2}"

if [[ $seconds == check ]]; then
  # Sanitized replay: what the plain regression test cannot see (e.g. a read one byte too far).
  files=("$@")
  if [[ ${#files[@]} -eq 0 ]]; then
    files=()
    for f in "$root"/tests/fuzz/regressions/*; do
      [[ $(basename "$f") != README.md ]] && files+=("$f")
    done
  fi
  exec "$build/fuzz/$target" -timeout=10 -rss_limit_mb=2048 "${files[@]}"
fi

corpus=$build/corpus/$target
mkdir -p "$corpus" "$root/fuzz/artifacts"
# Seeds: copied under content-derived names, so re-running adds only what is new and never
# clobbers what the fuzzer has learnt.
shopt -s globstar nullglob
for seed in "$root"/tests/corpus/**/*.bpl "$root"/examples/**/*.bpl "$root"/tests/fuzz/regressions/*; do
  [[ -f $seed && $(basename "$seed") != README.md ]] || continue
  name=seed-$(sha1sum "$seed" | cut -c1-16)
  [[ -e $corpus/$name ]] || cp "$seed" "$corpus/$name"
done

dictionary=(-dict="$root/fuzz/bpl.dict")
if [[ $target == fuzz_ir_json ]]; then
  # IR JSON seeds: the JSON form of every example, printed by this build's bpc.
  cmake --build "$build" --target bpc -j "${BPC_FUZZ_JOBS:-2}" >/dev/null
  for example in "$root"/examples/**/*.bpl; do
    json=$corpus/seed-ir-$(basename "$example" .bpl).json
    [[ -e $json ]] || "$build/cli/bpc" ir --format json "$example" >"$json" 2>/dev/null || rm -f "$json"
  done
  dictionary=()
fi

echo "run.sh: fuzzing $target for ${seconds}s; corpus $corpus ($(ls "$corpus" | wc -l) files)" >&2
exec "$build/fuzz/$target" "$corpus" \
  -max_total_time="$seconds" "${dictionary[@]}" -max_len=65536 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$root/fuzz/artifacts/" "$@"
