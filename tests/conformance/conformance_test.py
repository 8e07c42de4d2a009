#!/usr/bin/env python3
"""Conformance test: bpc's hand-written parser against the normative ANTLR grammar.

For every file in CORPUS/valid/ and CORPUS/invalid/ this checks

    ANTLR verdict == bpc verdict == expected verdict

where the expected verdict is `accept` for valid/ and `reject` for invalid/. The ANTLR verdicts
come from one run of `bpc_antlr_parse FILE...` (built from grammar/Blueprint.g4); the bpc verdict
of a file is the exit status of `bpc parse FILE`: 0 accepts, 1 rejects, and anything else (a
crash, a timeout, another status) fails the test.

Usage:
    conformance_test.py --bpc PATH --antlr PATH --corpus DIR [--jobs N] [--timeout S] [-v]

Without --bpc only the ANTLR verdicts are checked (useful while the grammar or corpus changes).
Exits 0 when every file agrees, 1 on any mismatch or failure, 2 on a usage or setup error.
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

MIN_CORPUS_FILES = 150
FILE_NAME = re.compile(r"^[0-9]{3}-[a-z0-9]+(-[a-z0-9]+)*\.bpl$")
EXPECTED = {"valid": "accept", "invalid": "reject"}


def collect_corpus(corpus):
    """Returns [(path, expected verdict)] sorted, and a list of problems with the corpus itself."""
    files = []
    problems = []
    for sub, verdict in EXPECTED.items():
        directory = os.path.join(corpus, sub)
        if not os.path.isdir(directory):
            problems.append(f"missing corpus directory {directory}")
            continue
        for entry in sorted(os.listdir(directory)):
            path = os.path.join(directory, entry)
            if not entry.endswith(".bpl"):
                continue
            if not FILE_NAME.match(entry):
                problems.append(f"{sub}/{entry}: name is not NNN-short-name.bpl")
            with open(path, "rb") as fh:
                data = fh.read()
            if b"\0" in data:
                problems.append(f"{sub}/{entry}: contains a NUL byte (belongs in a unit test)")
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                problems.append(f"{sub}/{entry}: not valid UTF-8 (belongs in a unit test)")
            files.append((path, verdict))
    numbers = {}
    for path, _ in files:
        key = (os.path.basename(os.path.dirname(path)), os.path.basename(path)[:3])
        if key in numbers:
            problems.append(f"{key[0]}/{os.path.basename(path)}: number {key[1]} is also used by "
                            f"{os.path.basename(numbers[key])}")
        numbers[key] = path
    return files, problems


def antlr_verdicts(antlr, paths, timeout):
    """Runs bpc_antlr_parse once over every file; returns {path: verdict} or raises RuntimeError."""
    try:
        proc = subprocess.run([antlr] + paths, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"cannot run {antlr}: {exc}") from exc
    if proc.returncode != 0:
        raise RuntimeError(f"{antlr} exited with status {proc.returncode}:\n{proc.stderr}")
    verdicts = {}
    for line in proc.stdout.splitlines():
        verdict, sep, path = line.partition("\t")
        if not sep or verdict not in ("accept", "reject"):
            raise RuntimeError(f"{antlr}: unexpected output line: {line!r}")
        verdicts[path] = verdict
    missing = [p for p in paths if p not in verdicts]
    if missing:
        raise RuntimeError(f"{antlr} gave no verdict for {len(missing)} file(s), e.g. {missing[0]}")
    return verdicts


def bpc_verdict(bpc, path, timeout):
    """Returns (verdict or None, detail). None means the run failed (crash, timeout, odd status)."""
    try:
        proc = subprocess.run([bpc, "parse", path], capture_output=True, text=True,
                              errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout}s"
    except OSError as exc:
        return None, f"cannot run: {exc}"
    first = next((l.strip() for l in (proc.stderr + proc.stdout).splitlines() if l.strip()), "")
    if proc.returncode == 0:
        return "accept", first
    if proc.returncode == 1:
        return "reject", first
    if proc.returncode < 0:
        return None, f"killed by signal {-proc.returncode}" + (f"; {first}" if first else "")
    return None, f"exit status {proc.returncode}" + (f"; {first}" if first else "")


def print_table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    widths[-1] = 0  # the last column (detail) is not padded
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths))
    print(line.rstrip())
    print("  ".join("-" * max(w, len(h)) for h, w in zip(header, widths)))
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bpc", help="the bpc driver (runs `bpc parse FILE`)")
    ap.add_argument("--antlr", required=True, help="bpc_antlr_parse")
    ap.add_argument("--corpus", required=True, help="tests/corpus (holds valid/ and invalid/)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="bpc processes to run at once")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per bpc run")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every file's verdicts")
    args = ap.parse_args()

    corpus = os.path.abspath(args.corpus)
    files, problems = collect_corpus(corpus)
    if len(files) < MIN_CORPUS_FILES:
        problems.append(f"the corpus has {len(files)} files; at least {MIN_CORPUS_FILES} expected")
    paths = [p for p, _ in files]
    if not paths:
        print("conformance: no corpus files found under " + corpus, file=sys.stderr)
        return 2

    try:
        antlr = antlr_verdicts(args.antlr, paths, timeout=max(120.0, args.timeout * 10))
    except RuntimeError as exc:
        print(f"conformance: {exc}", file=sys.stderr)
        return 2

    bpc = {}
    if args.bpc:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {p: pool.submit(bpc_verdict, args.bpc, p, args.timeout) for p in paths}
            bpc = {p: f.result() for p, f in futures.items()}

    rows = []
    counts = {"agree": 0, "mismatch": 0, "failure": 0}
    for path, expected in files:
        rel = os.path.relpath(path, corpus)
        a = antlr[path]
        b, detail = bpc.get(path, ("-", ""))
        if args.bpc and b is None:
            status = "failure"
        elif a != expected or (args.bpc and b != expected):
            status = "mismatch"
        else:
            status = "agree"
        counts[status] += 1
        if status != "agree" or args.verbose:
            rows.append((status.upper() if status != "agree" else "ok", rel, expected, a,
                         b if b is not None else "FAIL", detail if status != "agree" else ""))

    if rows:
        print_table(rows, ("status", "file", "expected", "antlr", "bpc", "bpc says"))
        print()
    for p in problems:
        print(f"corpus problem: {p}")
    n_valid = sum(1 for _, e in files if e == "accept")
    print(f"conformance: {len(files)} files ({n_valid} valid, {len(files) - n_valid} invalid); "
          f"{counts['agree']} agree, {counts['mismatch']} mismatch, {counts['failure']} bpc failures"
          + ("" if args.bpc else " (bpc not run: ANTLR only)"))
    antlr_wrong = sum(1 for p, e in files if antlr[p] != e)
    if antlr_wrong:
        print(f"conformance: the ANTLR grammar disagrees with the corpus on {antlr_wrong} file(s): "
              "fix the corpus file (or report a grammar bug)")
    ok = counts["mismatch"] == 0 and counts["failure"] == 0 and not problems
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
