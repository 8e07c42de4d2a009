#!/usr/bin/env python3
"""Checks bpc's machine-readable diagnostics over every invalid corpus file at once:
- `--format sarif` is valid SARIF 2.1.0 by the official schema (validated with ajv in node);
- `--format json` is well formed: every diagnostic has a declared code, a severity, and a span
  inside its file whose line/column agree with its byte offset;
- text, JSON and SARIF report the same diagnostics (same codes, same positions, same order).
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run(bpc, fmt, files):
    result = subprocess.run([bpc, "check", "--max-errors", "0", "--format", fmt] + files,
                            capture_output=True, cwd=ROOT, env={"NO_COLOR": "1"})
    if result.returncode != 2:  # 2: one of the files cannot be read
        sys.exit(f"bpc check --format {fmt} exited {result.returncode}, expected 2")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    options = parser.parse_args()
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests/corpus/invalid").glob("*.bpl"))
    files.append("tests/golden/syntax/fail_invalid_utf8.bpl")
    files.append("does-not-exist.bpl")
    failures = []

    codes = set(re.findall(r"BPC_DIAGNOSTIC\((BP\d{4})",
                           (ROOT / "frontend/diagnostics/diagnostic_kinds.def").read_text()))
    document = json.loads(run(options.bpc, "json", files).stdout)
    json_keys = []
    for d in document["diagnostics"]:
        if d["code"] not in codes:
            failures.append(f"undeclared code {d['code']}")
        if d["severity"] not in ("error", "warning", "note"):
            failures.append(f"bad severity {d['severity']}")
        span = d["span"]
        if span is None:
            json_keys.append((d["code"], None, None, None))
            continue
        text = (ROOT / span["file"]).read_bytes()
        start, end = span["start"], span["end"]
        if not 0 <= start["offset"] <= end["offset"] <= len(text):
            failures.append(f"{span['file']}: span {start['offset']}..{end['offset']} outside file")
        before = text[:start["offset"]]
        line = before.count(b"\n") + 1
        column = start["offset"] - (before.rfind(b"\n") + 1) + 1
        if (line, column) != (start["line"], start["column"]):
            failures.append(f"{span['file']}: offset {start['offset']} is {line}:{column}, "
                            f"JSON says {start['line']}:{start['column']}")
        json_keys.append((d["code"], span["file"], start["line"], start["column"]))
    if document["summary"]["errors"] < len(files):
        failures.append("fewer errors than files")

    sarif = run(options.bpc, "sarif", files).stdout
    with tempfile.NamedTemporaryFile("wb", suffix=".sarif", delete=False) as handle:
        handle.write(sarif)
    validation = subprocess.run(["node", str(ROOT / "tools/validate_sarif.js"), handle.name],
                                capture_output=True, text=True)
    if validation.returncode != 0:
        failures.append("SARIF schema validation failed:\n" + validation.stdout + validation.stderr)
    log = json.loads(sarif)
    sarif_codes = [r["ruleId"] for r in log["runs"][0]["results"]]
    if sarif_codes != [k[0] for k in json_keys]:
        failures.append("SARIF and JSON report different diagnostics")

    text = run(options.bpc, "text", files).stderr.decode("utf-8", "replace")
    text_keys = []
    for match in re.finditer(r"^(?:error|warning|note)\[(BP\d{4})\]: .*\n(?: +--> (.+):(\d+):(\d+)\n)?",
                             text, re.M):
        code, file, line, column = match.groups()
        text_keys.append((code, file, int(line) if line else None, int(column) if column else None))
    if text_keys != json_keys:
        failures.append(f"text and JSON report different diagnostics ({len(text_keys)} vs {len(json_keys)})")

    for failure in failures:
        print("FAIL", failure)
    print(f"checked {len(json_keys)} diagnostics from {len(files)} files")
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
