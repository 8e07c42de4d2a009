#!/usr/bin/env python3
"""Golden-file tests for the bpc command line.

Each test is a `.bpl` file under the root (tests/golden/ unless `--root` names another
directory, such as tests/check/). Its first lines may hold
    // ARGS: <arguments>        (default: `check %s`; %s is the file's path)
and its expected result lives beside it in `<name>.bpl.out`: the exit code, standard output
and standard error of `bpc <arguments>`, run from the root so paths in the output are
relative and stable. Other files under the root (such as `.bpi` files that tests import) are
not tests. A file whose name starts with `fail_` must exit non-zero, any other must
exit 0: the harness checks that too, so an expectation cannot silently flip.

    run_golden.py --bpc build/cli/bpc              # run every test, print diffs of failures
    run_golden.py --bpc build/cli/bpc --autoupdate # rewrite every .out from the current bpc
    run_golden.py ... syntax/fail_unclosed.bpl     # only the named tests (relative to the root)
    run_golden.py --bpc build/cli/bpc --root tests/check   # the tests under another directory
"""

import argparse
import difflib
import os
import pathlib
import re
import subprocess
import sys

DEFAULT_ROOT = pathlib.Path(__file__).resolve().parent
ARGS_RE = re.compile(r"^//\s*ARGS:\s*(.*)$")


def arguments_of(path: pathlib.Path, relative: str):
    with open(path, encoding="utf-8", errors="replace") as handle:
        for _, line in zip(range(5), handle):
            match = ARGS_RE.match(line.strip())
            if match:
                return [relative if a == "%s" else a for a in match.group(1).split()]
    return ["check", relative]


def run_one(bpc: str, root: pathlib.Path, path: pathlib.Path):
    relative = path.relative_to(root).as_posix()
    args = arguments_of(path, relative)
    env = dict(os.environ, NO_COLOR="1")
    result = subprocess.run([bpc] + args, cwd=root, capture_output=True, env=env,
                            stdin=subprocess.DEVNULL, timeout=60)
    stdout = result.stdout.decode("utf-8", errors="replace")
    stderr = result.stderr.decode("utf-8", errors="replace")
    text = f"exit: {result.returncode}\n--- stdout\n{stdout}--- stderr\n{stderr}"
    return result.returncode, text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--root", default=str(DEFAULT_ROOT),
                        help="directory holding the tests (default: the script's directory)")
    parser.add_argument("--autoupdate", action="store_true")
    parser.add_argument("tests", nargs="*")
    options = parser.parse_args()
    bpc = str(pathlib.Path(options.bpc).resolve())
    root = pathlib.Path(options.root).resolve()
    if not root.is_dir():
        print(f"error: --root {options.root} is not a directory")
        return 2

    if options.tests:
        paths = [(root / t).resolve() for t in options.tests]
    else:
        paths = sorted(root.rglob("*.bpl"))
    failures = 0
    updated = 0
    for path in paths:
        expected_path = path.with_name(path.name + ".out")
        code, actual = run_one(bpc, root, path)
        name = path.relative_to(root).as_posix()
        should_fail = path.name.startswith("fail_")
        if should_fail != (code != 0):
            print(f"FAIL {name}: exit code {code}, but the name says it should "
                  f"{'fail' if should_fail else 'succeed'}")
            failures += 1
            continue
        if options.autoupdate:
            old = expected_path.read_text(encoding="utf-8") if expected_path.exists() else None
            if old != actual:
                expected_path.write_text(actual, encoding="utf-8")
                updated += 1
            continue
        if not expected_path.exists():
            print(f"FAIL {name}: no expectation file; run with --autoupdate")
            failures += 1
            continue
        expected = expected_path.read_text(encoding="utf-8")
        if expected != actual:
            failures += 1
            print(f"FAIL {name}")
            sys.stdout.writelines(difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                f"{name}.out (expected)", f"{name} (actual)"))
    stale = [p for p in root.rglob("*.bpl.out") if not p.with_name(p.name[:-4]).exists()]
    for path in stale:
        print(f"FAIL {path.relative_to(root)}: expectation without a test")
        failures += 1
    if options.autoupdate:
        print(f"updated {updated} of {len(paths)} expectation files")
    total = len(paths)
    print(f"{total - failures} passed, {failures} failed")
    if failures:
        root_option = "" if root == DEFAULT_ROOT else f" --root {options.root}"
        print("To accept the new output after review: python3 tests/golden/run_golden.py "
              f"--bpc build/cli/bpc{root_option} --autoupdate")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
