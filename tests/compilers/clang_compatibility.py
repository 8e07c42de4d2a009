#!/usr/bin/env python3
"""bpc's sources compile with clang-14 as well as with g++ (the fuzzers are built with clang-14).

    clang_compatibility.py COMPILE_COMMANDS SOURCE_ROOT

Takes the build's compile_commands.json (g++), and for every translation unit of the compiler
and its driver (base, frontend, ir, check, passes, backends, driver, cli) runs clang++-14 with the
same flags and -fsyntax-only. g++ accepts C++20 that clang-14 does not yet (aggregates built with
parentheses, P0960): without this, such code breaks only the fuzz build, unseen.
"""

import json
import shlex
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

LIBRARY_DIRECTORIES = ("base/", "frontend/", "ir/", "check/", "passes/", "backends/", "driver/", "cli/")


def clang_command(gcc_command):
    """The g++ command with clang++-14, checking syntax only, writing nothing."""
    args = shlex.split(gcc_command)[1:]
    out = ["clang++-14", "-fsyntax-only"]
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "-o":
            skip = True
        else:
            out.append(arg)
    return out


def main():
    commands_path, root = sys.argv[1], sys.argv[2].rstrip("/") + "/"
    if shutil.which("clang++-14") is None:
        print("FAIL: clang++-14 is not installed (scripts/bootstrap.sh installs it)")
        sys.exit(1)
    with open(commands_path, encoding="utf-8") as handle:
        entries = json.load(handle)
    units = [(entry["file"][len(root):], clang_command(entry["command"]), entry["directory"])
             for entry in entries
             if entry["file"].startswith(root) and entry["file"][len(root):].startswith(LIBRARY_DIRECTORIES)]
    if not units:
        print(f"FAIL: no translation unit under {root} in {commands_path}")
        sys.exit(1)

    def check(unit):
        name, command, directory = unit
        result = subprocess.run(command, cwd=directory, capture_output=True, text=True)
        return name, result.returncode, result.stderr

    failures = [r for r in ThreadPoolExecutor(max_workers=2).map(check, units) if r[1] != 0]
    for name, _, errors in failures:
        print(f"FAIL: clang++-14 rejects {name}\n{errors[-3000:]}")
    print(f"{len(units)} translation units, {len(failures)} rejected by clang++-14")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
