#!/usr/bin/env python3
"""Writes the table of diagnostics in docs/diagnostics.md from frontend/diagnostics/diagnostic_kinds.def.

    scripts/gen_diagnostics_doc.py          # rewrite the table
    scripts/gen_diagnostics_doc.py --check  # exit 1 if the document is out of date (a test runs this)
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TABLE = ROOT / "frontend/diagnostics/diagnostic_kinds.def"
DOC = ROOT / "docs/diagnostics.md"
BEGIN = "<!-- BEGIN GENERATED TABLE: scripts/gen_diagnostics_doc.py -->"
END = "<!-- END GENERATED TABLE -->"
ENTRY = re.compile(r'^BPC_DIAGNOSTIC\((BP\d{4}),\s*(\w+),\s*(\w+),\s*"(.*)"\)\s*$')
# Read left to right, as fmt does: `{{{}}}` is a brace, a placeholder, a brace.
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{\}")
PLACEHOLDER_TEXT = {"{{": "{", "}}": "}", "{}": "…"}


def table() -> str:
    rows = ["| code | name | severity | message |", "|---|---|---|---|"]
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        match = ENTRY.match(line)
        if not match:
            continue
        code, name, severity, message = match.groups()
        message = message.replace('\\"', '"').replace("\\\\", "\\")
        message = PLACEHOLDER.sub(lambda m: PLACEHOLDER_TEXT[m.group()], message).replace("|", "\\|")
        rows.append(f"| `{code}` | {name} | {severity.lower()} | {message} |")
    return "\n".join(rows)


def main() -> int:
    document = DOC.read_text(encoding="utf-8")
    start = document.index(BEGIN) + len(BEGIN)
    end = document.index(END)
    updated = document[:start] + "\n" + table() + "\n" + document[end:]
    if "--check" in sys.argv:
        if updated != document:
            print("docs/diagnostics.md is out of date; run scripts/gen_diagnostics_doc.py")
            return 1
        print("1 passed, 0 failed")
        return 0
    DOC.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
