#!/usr/bin/env python3
"""`bpc check` and `bpc build` follow the project file, bpc.json (driver/project.h).

    project_file_test.py --bpc build/cli/bpc

In a scratch project whose blueprint imports a module found only through the project's
`importPaths`: `check` without files checks the project's `sources`; `check FILE` from a
subdirectory finds the project above it; `--no-project` does not, so the import fails; `build`
writes the project's `targets` to its `out` unless `--target`/`--out` say otherwise; a broken project
file stops both commands with its diagnostics (exit 1) before anything is compiled; with no files and
no project file there is nothing to do (exit 2).
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

FAILURES = []


def expect(condition, what):
    if not condition:
        FAILURES.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(bpc, args, cwd):
    return subprocess.run([bpc] + args, cwd=cwd, capture_output=True, text=True, timeout=120)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    bpc = str(pathlib.Path(parser.parse_args().bpc).resolve())
    with tempfile.TemporaryDirectory(prefix="bpc-project-") as work:
        root = pathlib.Path(work)
        (root / "app").mkdir()
        (root / "lib").mkdir()
        (root / "lib" / "common.bpl").write_text(
            'blueprint common { version "1.0.0" }\ntype Email = string @format(email)\n')
        (root / "app" / "main.bpl").write_text(
            'blueprint clinic { version "1.0.0" }\nimport "common.bpl"\n'
            'entity Patient {\n  id: uuid @id @generated\n  email: Email\n}\n'
            'api Clinic at "/api" {\n  resource Patient { list, get }\n}\n')
        project = {"sources": ["app/main.bpl"], "importPaths": ["lib"], "importRoots": ["."],
                   "targets": ["openapi"], "out": "generated"}
        (root / "bpc.json").write_text("// the clinic\n" + json.dumps(project, indent=2) + "\n")

        result = run(bpc, ["check"], root)
        expect(result.returncode == 0, f"check without files: {result.returncode} {result.stderr}")
        result = run(bpc, ["check", "main.bpl"], root / "app")
        expect(result.returncode == 0, f"check from a subdirectory: {result.returncode} {result.stderr}")
        result = run(bpc, ["check", "main.bpl", "--no-project"], root / "app")
        expect(result.returncode == 1 and "BP2101" in result.stderr, f"--no-project: {result.returncode} {result.stderr}")

        result = run(bpc, ["build"], root)
        expect(result.returncode == 0, f"build: {result.returncode} {result.stderr}")
        expect((root / "generated" / "openapi" / "Clinic.openapi.json").is_file(), "build wrote the project's target to its out")
        expect(not (root / "out").exists(), "build did not write to the default out")
        result = run(bpc, ["build", "--target", "jsonschema", "--out", "elsewhere"], root)
        expect(result.returncode == 0 and (root / "elsewhere" / "jsonschema").is_dir()
               and not (root / "elsewhere" / "openapi").exists(), f"the command line wins: {result.stderr}")

        (root / "bpc.json").write_text('{"sources": ["app/main.bpl"], "targets": ["typescrpt"]}\n')
        for command in (["check"], ["build"]):
            result = run(bpc, command + ["--format", "json"], root)
            report = json.loads(result.stdout or "{}")
            codes = [d["code"] for d in report.get("diagnostics", [])]
            expect(result.returncode == 1 and codes == ["BP9008"], f"{command} with a broken project: {result.returncode} {codes}")
            if codes:
                span = report["diagnostics"][0]["span"]
                expect(span["file"].endswith("bpc.json") and span["start"]["column"] == 43,
                       f"the diagnostic points into bpc.json: {span}")

        (root / "bpc.json").write_text('{"importRoot": ["."], "sources": ["app/main.bpl"], "importPaths": ["lib"]}\n')
        result = run(bpc, ["check"], root)
        expect(result.returncode == 0 and "BP9021" in result.stderr and "importRoots" in result.stderr,
               f"an unknown setting warns and the check goes on: {result.returncode} {result.stderr}")

    with tempfile.TemporaryDirectory(prefix="bpc-project-") as empty:
        result = run(bpc, ["check"], empty)
        expect(result.returncode == 2 and "no bpc.json" in result.stderr, f"nothing to check: {result.returncode} {result.stderr}")
    print("project_file_test:", "FAILED" if FAILURES else "ok")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
