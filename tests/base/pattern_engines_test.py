#!/usr/bin/env python3
"""The `@pattern` dialect means the same in every engine (base/pattern.h).

Random patterns of the dialect (and the patterns of the well-known formats and of decimals) are
translated by bpc for each engine; RE2 (as the compiler matches), Python's `re` and JavaScript's
`RegExp` with the `u` flag (node) must all compile them and agree on every one of a set of texts
chosen where engines differ: line breaks, U+2028, non-ASCII digits and spaces, astral characters,
combining marks, NUL.

    pattern_engines_test.py --tool build/tests/base/bpc_pattern_tool [--count N] [--seed S]
"""

import argparse
import json
import random
import re
import subprocess
import sys

TEXTS = [
    "", "a", "b", "ab", "abc", "aab", "a-b", "a$b", "a/b", "a.b", "a b", "A", "Z", "_", "0", "9", "42",
    "\n", "\r", "a\n", "\na", "a\r\n", "a\nb", "\u2028", "a\u2029b", "\v", "\f", "\t", " ",
    "\u00a0", "\u3000", "\ufeff", "\u0663", "\uff11", "é", "e\u0301", "😀", "😀😀", "a😀b", "ß", "İ",
    "\u0000", "a\u0000b", "[", "]", "^", "-", "x@y.z", "user@example.com", "2024-01-31", "12.50", "-5",
    "aaaaaaa!", "AbC9_", "é😀\n",
]

ATOMS = [
    "a", "b", "c", "A", "0", "9", "é", "😀", "-", "/", " ", ".", "\\d", "\\D", "\\w", "\\W", "\\s", "\\S",
    "\\.", "\\-", "\\$", "\\^", "\\[", "\\]", "\\\\", "\\/", "\\n", "\\r", "\\t", "\\(", "\\)", "\\{", "\\}",
    "\\|", "\\?", "\\*", "\\+", "[abc]", "[^a]", "[a-z]", "[^\\s@]", "[\\d.]", "[\\w-]", "[-a]", "[😀-🙏]",
    "[^\\n]", "[\\^\\]]", "[a^]", "[é]", "[\\s]", "[\\-\\$]",
]
QUANTIFIERS = ["", "", "", "*", "+", "?", "{2}", "{0,1}", "{1,}", "{2,3}"]


def random_pattern(rng, depth=0):
    pieces = []
    if depth == 0 and rng.random() < 0.4:
        pieces.append("^")
    for _ in range(rng.randint(0, 4)):
        if depth < 3 and rng.random() < 0.15:
            inner = "|".join(random_pattern(rng, depth + 1) for _ in range(rng.randint(1, 3)))
            atom = ("(?:" if rng.random() < 0.5 else "(") + inner + ")"
        else:
            atom = rng.choice(ATOMS)
        pieces.append(atom + rng.choice(QUANTIFIERS))
    if depth == 0 and rng.random() < 0.4:
        pieces.append("$")
    return "".join(pieces)


NODE = r"""
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = input.patterns.map((p) => {
  try {
    const re = new RegExp(p, 'u');
    return input.texts.map((t) => re.test(t));
  } catch (e) {
    return String(e);
  }
});
process.stdout.write(JSON.stringify(out));
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=9485)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    formats = json.loads(subprocess.run([options.tool, "--formats"], check=True, capture_output=True).stdout)
    patterns = formats + [random_pattern(rng) for _ in range(options.count)]
    result = subprocess.run([options.tool], input=json.dumps({"patterns": patterns, "texts": TEXTS}).encode(),
                            check=True, capture_output=True)
    entries = json.loads(result.stdout)
    failures = []
    valid = [e for e in entries if e["error"] is None]
    for e in entries:
        if e["error"] is not None:
            failures.append(f"bpc rejects {e['pattern']!r}, which the generator meant to be in the dialect: {e['error']}")
        elif not e["compiled"]:
            failures.append(f"RE2 cannot compile {e['pattern']!r} (as {e['re2']!r})")
    node = subprocess.run(["node", "-e", NODE], input=json.dumps({
        "patterns": [e["ecmascript"] for e in valid], "texts": TEXTS}).encode(), capture_output=True)
    if node.returncode != 0:
        print(node.stderr.decode())
        return 1
    js = json.loads(node.stdout)
    for e, js_matches in zip(valid, js):
        try:
            compiled = re.compile(e["python"])
            py = [compiled.search(t) is not None for t in TEXTS]
        except re.error as error:
            failures.append(f"Python cannot compile {e['pattern']!r} (as {e['python']!r}): {error}")
            continue
        if isinstance(js_matches, str):
            failures.append(f"JavaScript cannot compile {e['pattern']!r} (as {e['ecmascript']!r}): {js_matches}")
            continue
        for text, a, b, c in zip(TEXTS, e["matches"], py, js_matches):
            if not (a == b == c):
                failures.append(f"{e['pattern']!r} on {text!r}: RE2 {a}, Python {b} ({e['python']!r}), "
                                f"JavaScript {c} ({e['ecmascript']!r})")
    for failure in failures[:30]:
        print("FAIL:", failure)
    checks = len(valid) * len(TEXTS)
    print(f"{len(patterns)} patterns x {len(TEXTS)} texts: {checks} verdicts, {len(failures)} disagreements")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
