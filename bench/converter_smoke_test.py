#!/usr/bin/env python3
"""Smoke test of bench/model_to_bpl.py (registered with CTest as bench_converter_smoke).

Generates a small model with ../shared/bench/gen_models.py in a temporary directory, converts its
model.json to .bpl, checks that the .bpl has the same entities, fields, enum values and CRUD
operations as model.json (counted by a simple regex over the .bpl), that the conversion is
deterministic, and that `bpc parse` accepts the file (exit status 0).

    python3 converter_smoke_test.py --bpc build/cli/bpc --gen ../shared/bench/gen_models.py
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import model_to_bpl  # noqa: E402

ENTITY = re.compile(r"^entity\s+(\w+)\s*\{(.*?)^\}", re.M | re.S)
ENUM = re.compile(r"^enum\s+(\w+)\s*\{(.*?)\}", re.M | re.S)
FIELD = re.compile(r"^\s*[A-Za-z_]\w*\s*:", re.M)
WORD = re.compile(r"[A-Za-z_]\w*")
RESOURCE = re.compile(r"^\s*resource\s+(\w+)\s*\{([^}]*)\}", re.M)


def fail(msg):
    print("converter_smoke_test: FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def check_counts(model, text):
    ents = ENTITY.findall(text)
    enums = ENUM.findall(text)
    resources = RESOURCE.findall(text)
    want = {
        "entities": [e["name"] for e in model["entities"]],
        "fields": sum(len(e["fields"]) for e in model["entities"]),
        "enums": [e["name"] for e in model["enums"]],
        "enum values": sum(len(e["values"]) for e in model["enums"]),
        "operations": len(model["operations"]),
    }
    got = {
        "entities": [name for name, _ in ents],
        "fields": sum(len(FIELD.findall(body)) for _, body in ents),
        "enums": [name for name, _ in enums],
        "enum values": sum(len(WORD.findall(body)) for _, body in enums),
        "operations": sum(len(WORD.findall(ops)) for _, ops in resources),
    }
    for key in want:
        if want[key] != got[key]:
            w, g = want[key], got[key]
            if isinstance(w, list):
                w, g = "%d names %s..." % (len(w), w[:3]), "%d names %s..." % (len(g), g[:3])
            fail("%s: model.json has %s, the .bpl has %s" % (key, w, g))
    return {k: len(v) if isinstance(v, list) else v for k, v in got.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bpc", required=True, help="bpc executable")
    ap.add_argument("--gen", required=True, help="../shared/bench/gen_models.py")
    ap.add_argument("-n", type=int, default=50, help="entities (default 50)")
    a = ap.parse_args()

    if not os.path.isfile(a.gen):
        fail("gen_models.py not found at %s: this test needs the shared benchmark directory "
             "(../shared/bench/ beside the repository)" % a.gen)
    if not (os.path.isfile(a.bpc) and os.access(a.bpc, os.X_OK)):
        fail("bpc not found or not executable at %s" % a.bpc)

    with tempfile.TemporaryDirectory(prefix="bpc-converter-smoke-") as tmp:
        r = subprocess.run([sys.executable, a.gen, str(a.n), "-o", tmp],
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail("gen_models.py exited with %d:\n%s" % (r.returncode, r.stderr))
        json_path = os.path.join(tmp, "model.json")
        bpl_path = os.path.join(tmp, "model.bpl")
        with open(json_path, encoding="utf-8") as fh:
            model = json.load(fh)
        try:
            text = model_to_bpl.convert_file(json_path, bpl_path)
        except model_to_bpl.ConversionError as exc:
            fail("model_to_bpl: %s" % exc)
        if model_to_bpl.convert_file(json_path) != text:
            fail("model_to_bpl is not deterministic: two conversions differ")
        counts = check_counts(model, text)

        r = subprocess.run([a.bpc, "parse", bpl_path], capture_output=True, text=True,
                           timeout=300)
        if r.returncode != 0:
            fail("`%s parse %s` exited with %d:\n%s%s"
                 % (a.bpc, bpl_path, r.returncode, r.stdout, r.stderr))
    print("converter_smoke_test: OK: %s" % ", ".join("%d %s" % (v, k) for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
