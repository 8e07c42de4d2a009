#!/usr/bin/env python3
"""End-to-end test of `bpc build --target jsonschema`.

For every blueprint under examples/ (not examples/errors/):
  - builds into a temporary directory and validates every generated schema with ajv 8
    (tools/validate_schemas.js: the 2020-12 meta-schema, then strict compilation with `$ref`s
    resolved between the files);
  - builds again into a second directory: the bytes must be identical (determinism);
  - builds again into the first directory: nothing is written, every file is unchanged.
Then edits a generated file (a conflict, exit 1, until --force), validates the hand-written instances in instances/ against the clinic's Patient schema
(`patient-valid-*` must be accepted, `patient-invalid-*` rejected), and builds a blueprint with
`entityReferences ref` and validates its schemas too.
"""

import argparse
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from build_examples import build_every_example, run  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--source", required=True, help="the bpc source tree")
    options = parser.parse_args()
    source = pathlib.Path(options.source).resolve()
    validator = source / "tools" / "validate_schemas.js"

    def validate(name, schemas):
        if not (schemas / "index.json").is_file():
            return 0, f"{name}: no index.json"
        count = len(list((schemas / "schemas").glob("*.schema.json")))
        validation = run(["node", str(validator), str(schemas)])
        if validation.returncode != 0:
            return count, f"{name}: schemas do not validate\n{validation.stdout}{validation.stderr}"
        if f"{count} passed, 0 failed" not in validation.stdout:
            return count, f"{name}: expected {count} schemas to pass: {validation.stdout}"
        return count, None

    with tempfile.TemporaryDirectory(prefix="bpc-jsonschema-") as temp:
        temp = pathlib.Path(temp)
        failures, checked, outputs = build_every_example(options.bpc, source, "jsonschema", temp, validate)
        clinic_schemas = outputs.get("examples/clinic.bpl")
        if clinic_schemas is None:
            failures.append("examples/clinic.bpl was not built")
        else:
            instances = HERE / "instances"
            valid = sorted(str(p) for p in instances.glob("patient-valid-*.json"))
            invalid = sorted(str(p) for p in instances.glob("patient-invalid-*.json"))
            result = run(["node", str(validator), str(clinic_schemas), "--instance", "Patient.schema.json"]
                         + valid + ["--invalid"] + invalid)
            if result.returncode != 0:
                failures.append(f"Patient instances:\n{result.stdout}{result.stderr}")
            print(f"Patient instances: {len(valid)} valid, {len(invalid)} invalid: {result.stdout.strip()}")

            # An edit to a generated file is a conflict (exit 1) until --force overwrites it.
            edited = clinic_schemas / "schemas" / "Patient.schema.json"
            original = edited.read_bytes()
            edited.write_bytes(original + b" ")
            build = [options.bpc, "build", str(source / "examples" / "clinic.bpl"), "--target", "jsonschema",
                     "--out", str(clinic_schemas.parent)]
            result = run(build)
            if result.returncode != 1 or "error[BP9012]: target `jsonschema`: `schemas/Patient.schema.json` was not written" not in result.stderr:
                failures.append(f"edited file: expected a conflict, got {result.returncode}:\n{result.stderr}")
            if edited.read_bytes() != original + b" ":
                failures.append("edited file: a conflicting file was overwritten without --force")
            result = run(build + ["--force"])
            if result.returncode != 0 or edited.read_bytes() != original:
                failures.append(f"edited file: --force did not restore it ({result.returncode}):\n{result.stderr}")

        refs = temp / "refs.bpl"
        refs.write_text((source / "examples" / "clinic.bpl").read_text(encoding="utf-8")
                        + "\ntarget jsonschema { entityReferences ref }\n", encoding="utf-8")
        result = run([options.bpc, "build", str(refs), "--out", str(temp / "refs")])
        if result.returncode != 0:
            failures.append(f"entityReferences ref: bpc build exited {result.returncode}\n{result.stderr}")
        else:
            validation = run(["node", str(validator), str(temp / "refs" / "jsonschema")])
            if validation.returncode != 0:
                failures.append(f"entityReferences ref: schemas do not validate\n{validation.stdout}")

    for failure in failures:
        print(f"FAIL {failure}")
    print(f"{len(outputs)} blueprints built, {checked} schemas validated, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
