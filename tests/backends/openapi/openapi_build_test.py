#!/usr/bin/env python3
"""End-to-end test of `bpc build --target openapi`.

For every blueprint under examples/ (not examples/errors/):
  - builds into a temporary directory and validates every generated `<Api>.openapi.json` with
    tools/validate_openapi.js (@seriousme/openapi-schema-validator against the official OpenAPI
    3.1 schema, then every schema in the document compiled by ajv 8 in 2020-12 strict mode);
  - builds again into a second directory: the bytes must be identical (determinism);
  - builds again into the first directory: nothing is written.
Then checks that the validator rejects deliberately broken variants of the clinic's document (a
missing `info`, an unresolvable `$ref`, a misspelt schema keyword, a bad response code), so a
pass means something.
"""

import argparse
import copy
import json
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from build_examples import build_every_example, run  # noqa: E402


def broken_variants(document):
    """(name, document) pairs that an OpenAPI validator must reject."""
    variants = []
    no_info = copy.deepcopy(document)
    del no_info["info"]
    variants.append(("no-info", no_info))
    bad_ref = copy.deepcopy(document)
    first_path = next(iter(bad_ref["paths"].values()))
    first_op = next(iter(first_path.values()))
    first_op["responses"]["200" if "200" in first_op["responses"] else next(iter(first_op["responses"]))] = {
        "description": "x", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NoSuchSchema"}}}}
    variants.append(("bad-ref", bad_ref))
    bad_keyword = copy.deepcopy(document)
    schema = next(s for s in bad_keyword["components"]["schemas"].values() if "properties" in s)
    next(iter(schema["properties"].values()))["maxLenght"] = 3
    variants.append(("bad-keyword", bad_keyword))
    bad_code = copy.deepcopy(document)
    op = next(iter(next(iter(bad_code["paths"].values())).values()))
    op["responses"] = {"ok": {"description": "x"}}
    variants.append(("bad-response-code", bad_code))
    return variants


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--source", required=True, help="the bpc source tree")
    options = parser.parse_args()
    source = pathlib.Path(options.source).resolve()
    validator = source / "tools" / "validate_openapi.js"

    def validate(name, output):
        documents = sorted(output.glob("*.openapi.json"))
        if not documents:
            return 0, None  # a blueprint without an API has no document
        validation = run(["node", str(validator)] + [str(d) for d in documents])
        if validation.returncode != 0:
            return len(documents), f"{name}: documents do not validate\n{validation.stdout}{validation.stderr}"
        if f"{len(documents)} passed, 0 failed" not in validation.stdout:
            return len(documents), f"{name}: expected {len(documents)} documents to pass: {validation.stdout}"
        return len(documents), None

    with tempfile.TemporaryDirectory(prefix="bpc-openapi-") as temp:
        temp = pathlib.Path(temp)
        failures, checked, outputs = build_every_example(options.bpc, source, "openapi", temp, validate)
        clinic = outputs.get("examples/clinic.bpl")
        clinic_documents = sorted(clinic.glob("*.openapi.json")) if clinic else []
        clinic_document = clinic_documents[0] if clinic_documents else None
        if checked == 0:
            failures.append("no OpenAPI document was generated")
        if clinic_document is None:
            failures.append("examples/clinic.bpl generated no document")
        else:
            document = json.loads(clinic_document.read_text(encoding="utf-8"))
            broken = []
            for label, variant in broken_variants(document):
                path = temp / f"broken-{label}.json"
                path.write_text(json.dumps(variant), encoding="utf-8")
                broken.append(str(path))
            result = run(["node", str(validator), str(clinic_document), "--invalid"] + broken)
            if result.returncode != 0 or f"{len(broken) + 1} passed, 0 failed" not in result.stdout:
                failures.append(f"broken documents were not all rejected:\n{result.stdout}{result.stderr}")
            print(f"broken documents: {len(broken)} rejected: {result.stdout.strip()}")

    for failure in failures:
        print(f"FAIL {failure}")
    print(f"{len(outputs)} blueprints built, {checked} OpenAPI documents validated, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
