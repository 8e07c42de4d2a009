#!/usr/bin/env bash
# The main job: set up (bootstrap), build bpc, and run it on the showcase blueprint:
# check it, check that it is formatted, and show what a syntax error looks like.
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
echo "== bpc check examples/errors/syntax-errors.bpl   (a file with mistakes on purpose)"
if "$bpc" check --color always examples/errors/syntax-errors.bpl; then
  echo "unexpected: the broken example checked clean" >&2
  exit 1
fi
