#!/usr/bin/env python3
"""Hostile inputs, generated at test time (none is committed; some are megabytes).

Each case writes a blueprint, runs bpc commands on it and requires: no signal (no crash, no stack
overflow), the expected exit code, the expected diagnostic codes, and an answer within the
timeout (a hang fails). Times are printed for information, never asserted; the one resource
check is relative: `ir --format json` must not need much more memory than the text dump.

    hostile_inputs_test.py --bpc build/cli/bpc [CASE...]
"""

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

HEADER = 'blueprint Hostile {\n  version "1.0.0"\n}\n\n'
TIMEOUT = 120


class RusagePopen(subprocess.Popen):
    """Popen that keeps the child's resource usage (os.wait4), for its peak RSS."""

    def _try_wait(self, wait_flags):
        try:
            pid, status, self.rusage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            pid, status = self.pid, 0
        return pid, status


def run(bpc, args, cwd, stdout_path=None):
    """Runs bpc; returns (exit status or -signal, stderr text, seconds, peak RSS in KiB)."""
    start = time.monotonic()
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    try:
        process = RusagePopen([bpc] + args, cwd=cwd, stdout=out, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, env=dict(os.environ, NO_COLOR="1"))
        try:
            _, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return None, f"timed out after {TIMEOUT} s", TIMEOUT, 0
        usage = getattr(process, "rusage", None)
    finally:
        if stdout_path:
            out.close()
    seconds = time.monotonic() - start
    return process.returncode, stderr.decode("utf-8", "replace"), seconds, getattr(usage, "ru_maxrss", 0)


def big_string_default(pattern_decorator, text):
    return HEADER + f'entity Item {{\n  id: uuid @id @generated\n  value: string = "{text}" {pattern_decorator}\n}}\n'


def alias_chain(n):
    lines = ["type T0 = string @maxLength(3)"] + [f"type T{i} = T{i - 1}" for i in range(1, n)]
    return HEADER + "\n".join(lines) + f'\n\nentity Item {{\n  id: uuid @id @generated\n  name: T{n - 1} = "abc"\n}}\n'


def alias_cycle(n):
    lines = [f"type T0 = T{n - 1}"] + [f"type T{i} = T{i - 1}" for i in range(1, n)]
    return HEADER + "\n".join(lines) + "\n"


def struct_chain(n):
    lines = [f"struct S{i} {{ next: S{i + 1} }}" for i in range(n - 1)] + [f"struct S{n - 1} {{ value: string }}"]
    return HEADER + "\n".join(lines) + "\n\nentity Item {\n  id: uuid @id @generated\n  first: S0\n}\n"


def entity_chain(n):
    lines = [f"entity E{i} {{\n  id: uuid @id @generated\n  next: E{i + 1} @onDelete(cascade)\n}}" for i in range(n - 1)]
    lines.append(f"entity E{n - 1} {{\n  id: uuid @id @generated\n}}")
    return HEADER + "\n".join(lines) + "\n\napi Main {\n  resource E0 { list, get, create, update, delete }\n}\n"


def workflow(n):
    states = ", ".join(f"s{i}" for i in range(n + 1))
    transitions = "\n".join(f"  s{i} -> s{i + 1} on step{i} by Clerk" for i in range(n))
    return (HEADER + f"role Clerk\n\nenum State {{ {states} }}\n\nentity Doc {{\n  id: uuid @id @generated\n"
            f"  status: State = s0\n}}\n\nworkflow Flow on Doc.status {{\n  initial s0\n{transitions}\n}}\n\n"
            "api Main {\n  resource Doc { list, get, create } with workflow Flow\n}\n")


def entities(n):
    blocks = [f"entity Record{i} {{\n  id: uuid @id @generated\n  name: string @minLength(1) @maxLength(80)\n"
              f"  code: string @pattern(\"^[A-Z]{{3}}[0-9]{{2}}$\")\n  count: int @min(0)\n  note: text?\n}}"
              for i in range(n)]
    return HEADER + "\n\n".join(blocks) + "\n"


# name: (blueprint text, [(arguments, exit code, diagnostic codes that must appear, stdout to a file)])
CASES = {
    "pattern-on-30kb-default": (big_string_default('@pattern("^a+$")', "a" * 30_000),
                                [(["check"], 0, [], False), (["build", "--target", "all", "--out", "out"], 0, [], False)]),
    "email-format-on-30kb-default": (big_string_default("@format(email)", "a" * 30_000),
                                     [(["check"], 1, ["BP2022"], False)]),
    "nested-quantifier-on-1mb-default": (big_string_default('@pattern("^(a+)+$")', "a" * 1_000_000 + "!"),
                                         [(["check"], 1, ["BP2022"], False)]),
    "pattern-outside-the-dialect": (big_string_default('@pattern("^a++$")', "aaa"), [(["check"], 1, ["BP2011"], False)]),
    "alias-chain-20000": (alias_chain(20_000), [(["check"], 1, ["BP2014"], False),
                                                (["build", "--target", "all", "--out", "out"], 1, ["BP2014"], False)]),
    "alias-cycle-20000": (alias_cycle(20_000), [(["check"], 1, ["BP2012"], False)]),
    "struct-chain-100000": (struct_chain(100_000), [(["check"], 0, [], False),
                                                    (["build", "--target", "typescript", "--out", "out"], 0, [], False)]),
    "entity-chain-20000": (entity_chain(20_000), [(["build", "--target", "typescript", "--out", "out"], 0, [], False)]),
    "numbers-out-of-range": (HEADER + "entity Item {\n  id: uuid @id @generated\n  a: float = 1e999\n"
                             "  b: float @min(1e999)\n  c: decimal = 5e99999999999999999999\n  d: int @max(1e30)\n}\n",
                             [(["check"], 1, ["BP1202"], False),
                              (["build", "--target", "all", "--out", "out"], 1, ["BP1202"], False)]),
    "names-no-file-system-holds": (HEADER + "entity Item {\n  id: uuid @id @generated\n}\n\nentity item {\n"
                                   "  id: uuid @id @generated\n}\n\nenum Con { a }\n\nstruct S" + "x" * 300 + " {\n  x: string\n}\n",
                                   [(["build", "--target", "all", "--out", "out"], 1, ["BP2015", "BP2016", "BP2017"], False)]),
    "workflow-100000-transitions": (workflow(100_000), [(["check"], 0, [], False),
                                                        (["ir", "--format", "json"], 0, [], True)]),
}


def run_case(bpc, name, temp):
    text, commands = CASES[name]
    directory = temp / name
    directory.mkdir()
    (directory / "input.bpl").write_text(text)
    failures = []
    for args, expected_exit, codes, capture in commands:
        status, stderr, seconds, _ = run(bpc, args + ["input.bpl"], directory,
                                         str(directory / "stdout") if capture else None)
        label = f"{name}: bpc {' '.join(args)}"
        print(f"{label}: exit {status}, {seconds:.2f} s, {len(text) / 1e6:.1f} MB input")
        if status is None or status < 0:
            failures.append(f"{label}: {'killed by signal ' + str(-status) if status else stderr}")
            continue
        if status != expected_exit:
            failures.append(f"{label}: exit {status}, expected {expected_exit}\n{stderr[-2000:]}")
        for code in codes:
            if code not in stderr:
                failures.append(f"{label}: no {code} in\n{stderr[-2000:]}")
        if len(stderr) > 200_000:
            failures.append(f"{label}: {len(stderr)} bytes of diagnostics")
    return failures


def check_json_memory(bpc, temp):
    """`ir --format json` streams: its peak memory is about that of the text dump."""
    directory = temp / "ir-json-memory"
    directory.mkdir()
    (directory / "input.bpl").write_text(entities(20_000))
    _, _, text_seconds, text_rss = run(bpc, ["ir", "input.bpl"], directory, str(directory / "ir.txt"))
    status, stderr, json_seconds, json_rss = run(bpc, ["ir", "--format", "json", "input.bpl"], directory,
                                                 str(directory / "ir.json"))
    size = (directory / "ir.json").stat().st_size
    print(f"ir-json-memory: text {text_rss / 1024:.0f} MiB {text_seconds:.2f} s, json {json_rss / 1024:.0f} MiB "
          f"{json_seconds:.2f} s for {size / 1e6:.0f} MB of JSON")
    if status != 0:
        return [f"ir --format json exited {status}\n{stderr[-2000:]}"]
    if text_rss and json_rss > 2 * text_rss:
        return [f"ir --format json peaked at {json_rss} KiB, more than twice the text dump's {text_rss} KiB"]
    return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bpc", required=True)
    parser.add_argument("cases", nargs="*")
    options = parser.parse_args()
    bpc = str(pathlib.Path(options.bpc).resolve())
    names = options.cases or list(CASES) + ["ir-json-memory"]
    failures = []
    with tempfile.TemporaryDirectory(prefix="bpc-hostile-") as temp_name:
        temp = pathlib.Path(temp_name)
        for name in names:
            failures += check_json_memory(bpc, temp) if name == "ir-json-memory" else run_case(bpc, name, temp)
    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(names)} cases, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
