#!/usr/bin/env bash
# The main job: set up (bootstrap), build bpc, and run it on the showcase blueprint:
# check it, check that it is formatted, show what syntax and semantic errors look like, and
# print the start of its IR, then generate its TypeScript and Python services and OpenAPI document
# into out/clinic/
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
./scripts/build.sh bpc

bpc=build/cli/bpc
echo "== bpc check examples/clinic.bpl"
"$bpc" check examples/clinic.bpl && echo "ok: no problems found"
echo
echo "== bpc fmt --check examples/clinic.bpl"
"$bpc" fmt --check examples/clinic.bpl && echo "ok: already formatted"
echo
for broken in examples/errors/syntax-errors.bpl examples/errors/semantic-errors.bpl; do
  echo
  echo "== bpc check $broken   (mistakes on purpose)"
  if "$bpc" check --color always "$broken"; then
    echo "unexpected: $broken checked clean" >&2
    exit 1
  fi
done
echo
echo "== bpc ir examples/clinic.bpl --stop-after=desugar-resources   (the checked IR, first lines)"
ir_text=$("$bpc" ir examples/clinic.bpl --stop-after=desugar-resources)
head -n 25 <<<"$ir_text"
echo
echo "== bpc build examples/clinic.bpl --target typescript --target python --target cpp --target openapi --out out/clinic"
"$bpc" build examples/clinic.bpl --target typescript --target python --target cpp --target openapi --out out/clinic
echo "(cd out/clinic/typescript && npm install && npm test) runs the TypeScript service's tests;"
echo "out/clinic/python/README.md says how to run the Python service's (pip install -c requirements.lock -e '.[dev]' && pytest);"
echo "(cd out/clinic/cpp && cmake -S . -B build -G Ninja && cmake --build build && ctest --test-dir build) the C++ service's"
