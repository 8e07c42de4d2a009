#!/usr/bin/env python3
"""The OpenAPI documents bpc generates pass two independent linters without a finding.

For every example blueprint, the hostile blueprints of the TypeScript, Python and C++ tests and
the semantics blueprint of the TypeScript tests, builds the `openapi` target and runs
  - Redocly CLI with its `recommended` ruleset (tests/backends/openapi/redocly.yaml), and
  - Spectral with `spectral:oas` (tests/backends/openapi/spectral.yaml),
both from tools/ (npm, pinned): each must report 0 errors and 0 warnings.

Neither linter can read every valid document: Spectral 6.16 crashes on a property named
`hasOwnProperty` and misreads one named `__proto__`, and Redocly 2.77 crashes on
`hasOwnProperty` (both treat JSON keys as their objects' own machinery). The hostile blueprint
has both names, so the linters get copies of the documents with those two keys renamed;
everything else they see unchanged. (bpc's own validator, openapi_build_test.py, reads the
documents as written.)

A pass must mean something: a copy of the clinic's document with an operation's summary,
description and tags removed must be reported by both.
"""

import argparse
import copy
import json
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from build_examples import run  # noqa: E402

UNREADABLE_KEYS = {"hasOwnProperty": "hasOwnProperty_renamed_for_the_linters",
                   "__proto__": "__proto___renamed_for_the_linters"}


def renamed_keys(node):
    if isinstance(node, dict):
        return {UNREADABLE_KEYS.get(k, k): renamed_keys(v) for k, v in node.items()}
    if isinstance(node, list):
        return [renamed_keys(item) for item in node]
    return node


def first_json(text, opening):
    """The JSON value that starts at the first `opening` character of `text` (the tools print
    notices after their reports)."""
    start = text.find(opening)
    if start < 0:
        raise json.JSONDecodeError("no report", text, 0)
    return json.JSONDecoder().raw_decode(text, start)[0]


def redocly(tools, config, documents):
    """(errors + warnings, the findings as text)."""
    result = run([str(tools / ".bin" / "redocly"), "lint", "--config", str(config), "--format=json",
                  *map(str, documents)])
    try:
        report = first_json(result.stdout, "{")
    except json.JSONDecodeError:
        return 1, f"redocly did not run:\n{result.stdout}\n{result.stderr}"
    if "Something went wrong" in result.stderr:
        return 1, f"redocly could not read a document:\n{result.stderr}"
    findings = [f"{p['location'][0]['source']['ref']}: {p['severity']} {p['ruleId']}: {p['message']}"
                for p in report["problems"]]
    totals = report["totals"]
    return totals["errors"] + totals["warnings"], "\n".join(findings)


def spectral(tools, ruleset, documents):
    result = run([str(tools / ".bin" / "spectral"), "lint", "--ruleset", str(ruleset), "--format", "json",
                  "--fail-severity", "warn", *map(str, documents)])
    try:
        report = first_json(result.stdout, "[")
    except json.JSONDecodeError:
        return 1, f"spectral did not run:\n{result.stdout}\n{result.stderr}"
    if result.returncode not in (0, 1):
        return 1, f"spectral failed:\n{result.stdout}\n{result.stderr}"
    findings = [f"{p['source']}: {p['severity']} {p['code']}: {p['message']} at {'.'.join(map(str, p['path']))}"
                for p in report if p["severity"] <= 1]  # 0 error, 1 warning
    return len(findings), "\n".join(findings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--source", required=True, type=pathlib.Path)
    options = parser.parse_args()
    source = options.source.resolve()
    tools = source / "tools" / "node_modules"
    here = source / "tests" / "backends" / "openapi"
    blueprints = sorted(p for p in (source / "examples").rglob("*.bpl")
                        if "errors" not in p.parts and "blueprint " in p.read_text(encoding="utf-8"))
    blueprints += [source / f"tests/backends/{target}/hostile.bpl" for target in ("typescript", "python", "cpp")]
    blueprints += [source / "tests/backends/typescript/semantics.bpl"]
    failures = []
    with tempfile.TemporaryDirectory(prefix="bpc-openapi-lint-") as temp:
        temp = pathlib.Path(temp)
        documents = []
        for index, blueprint in enumerate(blueprints):
            out = temp / f"out{index}"
            result = run([options.bpc, "build", str(blueprint), "--target", "openapi", "--out", str(out)])
            if result.returncode != 0:
                failures.append(f"{blueprint}: bpc build exited {result.returncode}\n{result.stderr}")
                continue
            documents += sorted((out / "openapi").glob("*.openapi.json"))
        readable = []
        for document in documents:
            copied = temp / "readable" / document.relative_to(temp)
            copied.parent.mkdir(parents=True, exist_ok=True)
            copied.write_text(json.dumps(renamed_keys(json.loads(document.read_text(encoding="utf-8")))), encoding="utf-8")
            readable.append(copied)

        count, text = redocly(tools, here / "redocly.yaml", readable)
        if count:
            failures.append(f"Redocly (recommended) reported {count} findings:\n{text}")
        count, text = spectral(tools, here / "spectral.yaml", readable)
        if count:
            failures.append(f"Spectral (spectral:oas) reported {count} findings:\n{text}")

        clinic = next((d for d in documents if d.name == "ClinicApi.openapi.json"), None)
        if clinic is None:
            failures.append("examples/clinic.bpl generated no document")
        else:
            broken = json.loads(clinic.read_text(encoding="utf-8"))
            operation = next(iter(next(iter(broken["paths"].values())).values()))
            del operation["summary"]
            del operation["description"]
            del operation["tags"]
            broken_path = temp / "broken.openapi.json"
            broken_path.write_text(json.dumps(broken), encoding="utf-8")
            if redocly(tools, here / "redocly.yaml", [broken_path])[0] == 0:
                failures.append("Redocly found nothing wrong with an operation without a summary")
            if spectral(tools, here / "spectral.yaml", [broken_path])[0] == 0:
                failures.append("Spectral found nothing wrong with an operation without a description or tags")

    for failure in failures:
        print(f"FAIL {failure}")
    print(f"{len(blueprints)} blueprints, {len(documents)} documents linted by Redocly and Spectral, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
