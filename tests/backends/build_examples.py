"""Shared by the end-to-end tests of the backends (`<backend>/<backend>_build_test.py`).

`build_every_example` runs `bpc build --target TARGET` on every blueprint under examples/ (not
examples/errors/) and, for each, requires:
  - the first build into a fresh directory to succeed, and its output to pass the backend's own
    validation (a callback running a real, independent validator);
  - a second build into another directory to give identical bytes (determinism);
  - a rebuild into the first directory to write nothing and touch no file (the writer compares).
"""

import pathlib
import re
import subprocess


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def count_from(lines, prefix, pattern):
    """The number `pattern` captures in the first line starting with `prefix` (0 when none does):
    how many tests a summary says were skipped."""
    for line in lines:
        match = re.match(pattern, line) if line.startswith(prefix) else None
        if match:
            return int(match.group(1))
    return 0


def markdown_layout_problems(text):
    """Where Markdown would not render as its source reads: a heading without a blank line before
    it, or a line of prose that joins the list item above it (a lazy continuation)."""
    problems = []
    lines = text.split("\n")
    fenced = False
    for number, (above, line) in enumerate(zip([""] + lines, lines), start=1):
        if line.startswith("```"):
            fenced = not fenced
        if fenced or not line:
            continue
        if line.startswith("#") and above.strip() and number > 1:
            problems.append(f"line {number}: a heading right after text: {line[:60]}")
        elif above.startswith("- ") and not line.startswith(("- ", "  ", "|")):
            problems.append(f"line {number}: joins the list item above: {line[:60]}")
    return problems


def read_tree(root: pathlib.Path):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def generated_files(root: pathlib.Path):
    """The files bpc generated under root, without its own bookkeeping (`.bpc-*`)."""
    return [p for p in sorted(root.rglob("*")) if p.is_file() and not p.name.startswith(".bpc-")]


def build_every_example(bpc, source: pathlib.Path, target: str, temp: pathlib.Path, validate):
    """`validate(name, output_dir)` returns (files validated, failure message or None).

    Returns (failures, files validated in all, {example name: its first output directory})."""
    blueprints = sorted(p for p in (source / "examples").rglob("*.bpl") if "errors" not in p.parts)
    failures = []
    checked = 0
    outputs = {}
    for index, blueprint in enumerate(blueprints):
        name = blueprint.relative_to(source).as_posix()
        first = temp / f"a{index}"
        second = temp / f"b{index}"
        build = [bpc, "build", str(blueprint), "--target", target]
        result = run(build + ["--out", str(first)])
        if result.returncode != 0:
            failures.append(f"{name}: bpc build exited {result.returncode}\n{result.stderr}")
            continue
        output = first / target
        count, failure = validate(name, output)
        checked += count
        if failure:
            failures.append(failure)

        result = run(build + ["--out", str(second)])
        if result.returncode != 0 or read_tree(output) != read_tree(second / target):
            failures.append(f"{name}: a second build into another directory differs")

        before = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
        result = run(build + ["--out", str(first)])
        expected = f"{target}: 0 written, {len(generated_files(output))} unchanged, 0 removed"
        if result.returncode != 0 or expected not in result.stdout:
            failures.append(f"{name}: regeneration: expected `{expected}`, got:\n{result.stdout}{result.stderr}")
        if {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()} != before:
            failures.append(f"{name}: regeneration touched files")
        outputs[name] = output
    if not blueprints:
        failures.append("no example blueprints found")
    return failures, checked, outputs
