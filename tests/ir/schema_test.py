#!/usr/bin/env python3
"""The IR JSON against its schema, by an independent validator.

Writes the JSON of the hand-built sample modules (bpc_ir_json_sample, full and --small) and
validates it against ir/ir-schema.json with ajv 8 (tools/validate_json_schema.js, installed by
scripts/bootstrap.sh). Then derives documents that are each wrong in one way and checks that the
schema rejects every one of them, so that a schema which accepts everything cannot pass.
"""

import argparse
import copy
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "ir" / "ir-schema.json"
VALIDATOR = ROOT / "tools" / "validate_json_schema.js"


def set_at(document, path, value):
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def delete_at(document, path):
    target = document
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]


# Each: a description and a change to the full sample document that makes it invalid.
BROKEN = [
    ("another version", lambda d: set_at(d, ["version"], 4)),
    ("another format", lambda d: set_at(d, ["format"], "bpc-ast")),
    ("a store missing", lambda d: delete_at(d, ["roles"])),
    ("an unknown top-level key", lambda d: set_at(d, ["extra"], [])),
    ("an unknown key in a field", lambda d: set_at(d, ["fields", 0, "colour"], "red")),
    ("a key missing in an entity", lambda d: delete_at(d, ["entities", 0, "idField"])),
    ("an unknown scalar", lambda d: set_at(d, ["types", 0, "scalar"], "uuid4")),
    ("a declaration on a list type",
     lambda d: set_at(d, ["types"], d["types"] + [{"kind": "list", "element": 0, "declaration": 1}])),
    ("a number value that is not a number",
     lambda d: set_at(d, ["fields", 0, "default"], {"kind": "number", "value": "1.2.3"})),
    ("a value of an unknown kind", lambda d: set_at(d, ["fields", 0, "default"], {"kind": "tuple"})),
    ("a negative ID", lambda d: set_at(d, ["operations", 0, "api"], -1)),
    ("a null required ID", lambda d: set_at(d, ["fields", 0, "type"], None)),
    ("an unknown HTTP method", lambda d: set_at(d, ["operations", 0, "method"], "FETCH")),
    ("a length given as a string",
     lambda d: set_at(d, ["fields", 0, "constraints", "minLength"], "3")),
    ("a transition owner without its workflow",
     lambda d: set_at(d, ["fields", 0, "owner"], {"kind": "transition", "index": 0})),
    ("an unknown resource action",
     lambda d: set_at(d, ["apis", 0, "resources", 0, "actions"], ["show"])),
    ("an unknown intent priority", lambda d: set_at(d, ["intents", 0, "priority"], "urgent")),
    ("a location offset beyond 32 bits",
     lambda d: set_at(d, ["roles", 0, "location", "end"], 4294967296)),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", required=True, help="path to bpc_ir_json_sample")
    args = parser.parse_args()

    if not (ROOT / "tools" / "node_modules" / "ajv8").is_dir():
        print("tools/node_modules/ajv8 is missing: run scripts/bootstrap.sh", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        valid = []
        for name, flags in (("sample", []), ("small", ["--small"])):
            text = subprocess.run([args.sample, *flags], check=True, capture_output=True,
                                  text=True).stdout
            path = scratch / f"{name}.json"
            path.write_text(text, encoding="utf-8")
            valid.append(str(path))

        sample = json.loads((scratch / "sample.json").read_text(encoding="utf-8"))
        invalid = []
        for index, (description, change) in enumerate(BROKEN):
            document = copy.deepcopy(sample)
            change(document)
            path = scratch / f"broken-{index:02}.json"
            path.write_text(json.dumps(document), encoding="utf-8")
            invalid.append(str(path))
            print(f"{path.name}: {description}")

        result = subprocess.run(["node", str(VALIDATOR), str(SCHEMA), *valid, "--invalid", *invalid])
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
