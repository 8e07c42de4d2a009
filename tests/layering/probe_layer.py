#!/usr/bin/env python3
"""Compiles one-line probes with one layer's include roots (tests/layering/CMakeLists.txt).

    probe_layer.py --compiler CXX --include-dirs "DIR;DIR..." [--allowed HEADER]... [--forbidden HEADER]...

Each --allowed header must compile; each --forbidden header must fail because that header is not
found. Exit 1 and say which probe went the wrong way.
"""

import argparse
import subprocess
import sys
import tempfile


def compile_probe(compiler: str, include_dirs: list, header: str) -> subprocess.CompletedProcess:
    with tempfile.NamedTemporaryFile("w", suffix=".cpp") as probe:
        probe.write(f'#include "{header}"\n')
        probe.flush()
        command = [compiler, "-std=c++20", "-fsyntax-only"] + [f"-I{d}" for d in include_dirs] + [probe.name]
        return subprocess.run(command, capture_output=True, text=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--compiler", required=True)
    parser.add_argument("--include-dirs", required=True)
    parser.add_argument("--allowed", action="append", default=[])
    parser.add_argument("--forbidden", action="append", default=[])
    args = parser.parse_args()
    include_dirs = [d for d in args.include_dirs.split(";") if d]
    failures = 0
    for header in args.allowed:
        result = compile_probe(args.compiler, include_dirs, header)
        if result.returncode != 0:
            print(f"{header}: should compile with this layer's include roots, but:\n{result.stderr}")
            failures += 1
    for header in args.forbidden:
        result = compile_probe(args.compiler, include_dirs, header)
        not_found = header in result.stderr and ("No such file" in result.stderr or "not found" in result.stderr)
        if result.returncode == 0 or not not_found:
            print(f"{header}: should be out of this layer's reach, but {'it compiled' if result.returncode == 0 else result.stderr}")
            failures += 1
    print(f"layering: {len(args.allowed)} headers in reach, {len(args.forbidden)} out of reach, {failures} wrong")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
