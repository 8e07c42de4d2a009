#!/usr/bin/env python3
"""Conformance test: the Tree-sitter grammar (grammar/tree-sitter-blueprint/) against bpc.

Four checks, all of which must pass:

1. `tree-sitter test` in the grammar directory: the corpus in test/corpus/ passes.
2. The committed generated parser is up to date: `tree-sitter generate` in a temporary copy of
   the grammar directory writes src/parser.c, src/grammar.json, src/node-types.json and
   src/tree_sitter/*.h byte for byte as committed. Regenerate with
       cd grammar/tree-sitter-blueprint && ../../tools/cargo/bin/tree-sitter generate
3. Same verdicts as bpc over every .bpl file under tests/corpus/valid, tests/corpus/invalid,
   examples/ and tests/golden/ (recursively; tests/golden's .bpl files are plain blueprints
   whose first lines hold `// ARGS:` comments, and the .bpi files beside them, which the golden
   tests import, are plain blueprints too, so they are checked as well; the .out files are not
   blueprints and are skipped). For each file `bpc parse --format json FILE` gives the verdict
   (exit 0: clean, 1: syntax errors, with the first error's position in the diagnostics) and
   one batched `tree-sitter parse --quiet --paths LIST` gives the files whose tree holds an
   ERROR or MISSING node, with the position of the first such node.
     - A file bpc parses cleanly must give a tree with no ERROR and no MISSING node.
     - A file bpc rejects must give a tree with an ERROR or MISSING node, and the first one must
       be NEAR bpc's first error.
   bpc's limits are not grammar: a file that bpc rejects only with limit errors (nesting deeper
   than bpc allows, a file, token or declaration too large: LIMIT_CODES) is grammatical, and
   Tree-sitter, which has no such limits, must parse it cleanly.
   NEAR: the first ERROR/MISSING node starts at most 3 lines before or after the line of bpc's
   first error (bpc's lines are 1-based, Tree-sitter's rows 0-based; the comparison is made on
   1-based lines). Error recovery differs between the two parsers (Tree-sitter may wrap the
   tokens it skipped in an ERROR node that starts a little earlier, bpc names the first token it
   cannot use), so the same line is not required, but an error reported far away is a
   disagreement.
4. Every query file in queries/ is valid: `tree-sitter query` runs each over the examples.

Usage:
    treesitter_conformance.py --bpc PATH --tree-sitter PATH --grammar DIR [--root DIR] [-v]

--root is the repository (default: two directories above this script). Prints a summary (files
checked, agreements) and exits 0 when everything agrees, 1 on any disagreement or failed check
(each listed), 2 when a tool is missing or cannot run.
"""

import argparse
import concurrent.futures
import filecmp
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

NEAR_LINES = 3
# bpc's implementation limits (FileTooLarge, TokenTooLong, TooManyTokens, NestingTooDeep,
# DeclarationTooLarge): errors about the size of a file, not about its syntax.
LIMIT_CODES = {"BP1002", "BP1009", "BP1010", "BP1109", "BP1111"}
DEFAULT_ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
SOURCE_DIRS = ["tests/corpus/valid", "tests/corpus/invalid", "examples", "tests/golden"]
SOURCE_SUFFIXES = (".bpl", ".bpi")
GENERATED = ["src/parser.c", "src/grammar.json", "src/node-types.json"]
REGENERATE = "cd grammar/tree-sitter-blueprint && ../../tools/cargo/bin/tree-sitter generate"
# One line of `tree-sitter parse --quiet` per file whose tree holds an error:
#   PATH<spaces>\tParse: ... (ERROR [row, col] - [row, col])   or   (MISSING "x" [row, col] - ...)
QUIET_LINE = re.compile(
    r"^(?P<path>.*?)\s*\tParse:.*\((?P<kind>ERROR|MISSING)(?P<what>.*?) "
    r"\[(?P<row>\d+), (?P<column>\d+)\] - \[\d+, \d+\]\)\s*$")


class SetupError(Exception):
    """A tool is missing or fails in a way that says nothing about the grammar."""


def run(command, cwd=None, env=None, timeout=600):
    try:
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SetupError(f"cannot run {' '.join(map(str, command))}: {exc}") from exc


class TreeSitter:
    """The tree-sitter CLI, isolated from the user's configuration and parser cache, with the
    committed parser compiled once into a scratch directory."""

    def __init__(self, binary, grammar, scratch):
        self.binary = binary
        self.grammar = grammar
        self.scratch = scratch
        self.config = scratch / "config.json"
        self.config.write_text(json.dumps({"parser-directories": []}))
        self.env = dict(os.environ, TREE_SITTER_DIR=str(scratch), RUST_BACKTRACE="0",
                        TREE_SITTER_LIBDIR=str(scratch / "lib"), NO_COLOR="1")
        self.library = scratch / "blueprint.so"

    def __call__(self, *arguments, cwd=None):
        return run([str(self.binary), *map(str, arguments)], cwd=cwd or self.grammar,
                   env=self.env)

    def language(self):
        """The arguments that select the compiled parser, after the config file."""
        return ["--config-path", self.config, "--lib-path", self.library,
                "--lang-name", "blueprint"]

    def build(self):
        result = self("build", "--output", self.library, self.grammar)
        if result.returncode != 0 or not self.library.exists():
            raise SetupError(f"tree-sitter build failed:\n{result.stdout}{result.stderr}")


def check_corpus(tree_sitter, failures):
    """Check 1: `tree-sitter test` passes."""
    result = tree_sitter("test", *tree_sitter.language())
    output = result.stdout + result.stderr
    if result.returncode != 0:
        failures.append(f"tree-sitter test failed (exit {result.returncode}):\n{output}")
        return "failed"
    passed = len(re.findall(r"✓", output))
    return f"passed ({passed} cases)"


def check_generated(tree_sitter, grammar, scratch, failures):
    """Check 2: the committed generated files are what `tree-sitter generate` writes now."""
    copy = scratch / "generate"
    shutil.copytree(grammar, copy, ignore=shutil.ignore_patterns(
        "parser.c", "grammar.json", "node-types.json", "tree_sitter", "build", "*.so", "*.dylib",
        "node_modules", "target", ".git"))
    result = tree_sitter("generate", cwd=copy)
    if result.returncode != 0:
        failures.append(f"tree-sitter generate failed in a copy of {grammar}:\n"
                        f"{result.stdout}{result.stderr}")
        return "failed"
    names = list(GENERATED)
    headers = copy / "src" / "tree_sitter"
    if headers.is_dir():
        names += sorted(f"src/tree_sitter/{p.name}" for p in headers.iterdir())
    stale = [name for name in names
             if not (grammar / name).is_file()
             or not filecmp.cmp(grammar / name, copy / name, shallow=False)]
    if stale:
        failures.append(f"the generated parser is out of date ({', '.join(stale)} differ from "
                        f"what `tree-sitter generate` writes); regenerate with:\n    {REGENERATE}")
        return "out of date"
    return f"up to date ({len(names)} files)"


def source_files(root):
    files = []
    for directory in SOURCE_DIRS:
        base = root / directory
        if base.is_dir():
            files += [p for p in base.rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file()]
    return sorted(files)


def bpc_verdict(bpc, path):
    """(clean, first error line or None, message) of `bpc parse` on one file; a file with only
    limit errors (LIMIT_CODES) is clean, with the limits in the message."""
    result = run([bpc, "parse", "--format", "json", "--color", "never", str(path)], timeout=60)
    if result.returncode == 0:
        return True, None, ""
    if result.returncode != 1:
        raise SetupError(f"bpc parse {path} exited with status {result.returncode}:\n"
                         f"{result.stderr}")
    try:
        diagnostics = json.loads(result.stdout)["diagnostics"]
    except (ValueError, KeyError) as exc:
        raise SetupError(f"bpc parse {path}: unreadable JSON diagnostics: {exc}") from exc
    errors = [d for d in diagnostics if d.get("severity") == "error"]
    syntax = [d for d in errors if d.get("code") not in LIMIT_CODES]
    if errors and not syntax:
        return True, None, ", ".join(sorted({f"{d['code']} {d['message']}" for d in errors}))
    errors = [d for d in syntax if d.get("span")]
    if not errors:
        return False, None, "rejected without a located error"
    first = min(errors, key=lambda d: d["span"]["start"]["offset"])
    start = first["span"]["start"]
    return False, start["line"], f"{start['line']}:{start['column']}: {first['message']}"


def tree_sitter_errors(tree_sitter, files, scratch):
    """{path: (1-based line, description)} of the first ERROR/MISSING node of each file whose
    tree holds one, from one `tree-sitter parse --quiet` over every file."""
    listing = scratch / "paths.txt"
    listing.write_text("".join(f"{p}\n" for p in files))
    result = tree_sitter("parse", *tree_sitter.language(), "--quiet", "--paths", listing)
    # Exit 1 means some tree holds an error; anything else is a failure to parse at all.
    if result.returncode not in (0, 1):
        raise SetupError(f"tree-sitter parse exited with status {result.returncode}:\n"
                         f"{result.stdout}{result.stderr}")
    errors = {}
    for line in result.stdout.splitlines():
        if not line.strip():
            continue
        match = QUIET_LINE.match(line)
        if not match:
            raise SetupError(f"tree-sitter parse: unexpected output line: {line!r}")
        row, column = int(match["row"]), int(match["column"])
        errors[match["path"]] = (row + 1, f"{row + 1}:{column + 1}: "
                                          f"{match['kind']}{match['what']}")
    return errors


def check_sources(bpc, tree_sitter, root, scratch, jobs, verbose, failures):
    """Check 3: Tree-sitter and bpc agree on every source file."""
    files = source_files(root)
    if not files:
        failures.append(f"no .bpl files under {', '.join(SOURCE_DIRS)} of {root}")
        return 0, 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        verdicts = dict(zip(files, pool.map(lambda p: bpc_verdict(bpc, p), files)))
    ts_errors = tree_sitter_errors(tree_sitter, files, scratch)
    agreements = 0
    counts = {"clean": 0, "rejected": 0, "limits": 0}
    for path in files:
        relative = path.relative_to(root)
        clean, bpc_line, bpc_message = verdicts[path]
        counts["clean" if clean else "rejected"] += 1
        if clean and bpc_message:
            counts["limits"] += 1
        ts_error = ts_errors.get(str(path))
        if clean and ts_error:
            limits = f" (but for its limits: {bpc_message})" if bpc_message else ""
            failures.append(f"{relative}: bpc parses it cleanly{limits}, Tree-sitter has "
                            f"{ts_error[1]}")
        elif not clean and not ts_error:
            failures.append(f"{relative}: bpc rejects it ({bpc_message}), Tree-sitter's tree "
                            f"has no ERROR or MISSING node")
        elif not clean and bpc_line is not None and abs(ts_error[0] - bpc_line) > NEAR_LINES:
            failures.append(f"{relative}: both reject it, but Tree-sitter's first error "
                            f"({ts_error[1]}) is more than {NEAR_LINES} lines from bpc's "
                            f"({bpc_message})")
        else:
            agreements += 1
            if verbose:
                print(f"  agree  {relative}: "
                      f"{'clean' if clean else f'bpc {bpc_message} / tree-sitter {ts_error[1]}'}")
    print(f"  {len(files)} files: {counts['clean']} clean for bpc ({counts['limits']} of them "
          f"rejected only for bpc's limits), {counts['rejected']} with syntax errors")
    return len(files), agreements


def check_queries(tree_sitter, grammar, root, failures):
    """Check 4: every query file compiles against the grammar and runs over the examples."""
    queries = sorted((grammar / "queries").glob("*.scm"))
    if not queries:
        failures.append(f"no query files in {grammar / 'queries'}")
        return "none"
    examples = sorted((root / "examples").rglob("*.bpl"))
    for query in queries:
        result = tree_sitter("query", *tree_sitter.language(), "--quiet", query, *examples)
        if result.returncode != 0 or "error" in result.stderr.lower():
            failures.append(f"tree-sitter query {query} failed "
                            f"(exit {result.returncode}):\n{result.stdout}{result.stderr}")
    return f"{len(queries)} query files over {len(examples)} examples"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpc", required=True, help="the bpc binary")
    parser.add_argument("--tree-sitter", required=True, help="the tree-sitter CLI")
    parser.add_argument("--grammar", required=True, help="grammar/tree-sitter-blueprint")
    parser.add_argument("--root", default=str(DEFAULT_ROOT), help="the repository")
    parser.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    parser.add_argument("-v", "--verbose", action="store_true")
    options = parser.parse_args()

    tree_sitter_binary = pathlib.Path(options.tree_sitter).resolve()
    if not os.access(tree_sitter_binary, os.X_OK):
        print(f"treesitter_conformance: no tree-sitter CLI at {tree_sitter_binary}; run "
              f"scripts/bootstrap.sh to install it (cargo install tree-sitter-cli into "
              f"tools/cargo)", file=sys.stderr)
        return 2
    bpc = str(pathlib.Path(options.bpc).resolve())
    if not os.access(bpc, os.X_OK):
        print(f"treesitter_conformance: no bpc at {options.bpc}", file=sys.stderr)
        return 2
    grammar = pathlib.Path(options.grammar).resolve()
    root = pathlib.Path(options.root).resolve()
    if not (grammar / "grammar.js").is_file():
        print(f"treesitter_conformance: no grammar.js in {grammar}", file=sys.stderr)
        return 2

    started = time.monotonic()
    failures = []
    with tempfile.TemporaryDirectory(prefix="bpc-treesitter-") as directory:
        scratch = pathlib.Path(directory)
        tree_sitter = TreeSitter(tree_sitter_binary, grammar, scratch)
        try:
            tree_sitter.build()
            print(f"tree-sitter test: {check_corpus(tree_sitter, failures)}")
            print(f"generated parser: {check_generated(tree_sitter, grammar, scratch, failures)}")
            print("bpc and tree-sitter verdicts:")
            checked, agreements = check_sources(bpc, tree_sitter, root, scratch,
                                                options.jobs, options.verbose, failures)
            print(f"  {agreements} of {checked} agree (near: first error within "
                  f"{NEAR_LINES} lines)")
            print(f"queries: {check_queries(tree_sitter, grammar, root, failures)}")
        except SetupError as error:
            print(f"treesitter_conformance: {error}", file=sys.stderr)
            return 2
    elapsed = time.monotonic() - started
    if failures:
        print(f"\nFAILED: {len(failures)} problem(s) ({elapsed:.1f} s):")
        for failure in failures:
            print(f"- {failure}")
        return 1
    print(f"\nOK ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
