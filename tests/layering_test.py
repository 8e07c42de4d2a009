#!/usr/bin/env python3
"""Holds bpc's layers to their dependency direction (docs/design/architecture.md).

Every `#include "dir/..."` of bpc's own headers in a layer's sources must name the layer itself
or a layer below it. Backends, in particular, read the IR and never the checker (`ir/lowering/`),
and nothing below the driver includes `driver/` or `cli/`. The build compiles every layer into
one library, so this test is what makes a wrong-way include fail.

    layering_test.py [ROOT]     exit 1 and list each wrong-way include
    layering_test.py --self-test  a made-up tree with one wrong-way include must be caught
"""

import pathlib
import re
import sys

# Layer -> the layers it may include (itself included). `ir/lowering/` is the checker: a layer of
# its own between the IR and the passes.
ALLOWED = {
    "base": {"base"},
    "frontend": {"base", "frontend"},
    "ir": {"base", "frontend", "ir"},
    "checker": {"base", "frontend", "ir", "checker"},
    "passes": {"base", "frontend", "ir", "passes"},
    "backends": {"base", "frontend", "ir", "passes", "backends"},
    "driver": {"base", "frontend", "ir", "checker", "passes", "backends", "driver"},
    "cli": {"base", "frontend", "ir", "checker", "passes", "backends", "driver", "cli"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/([^"]*)"', re.MULTILINE)


def layer_of(relative: str) -> str:
    if relative.startswith("ir/lowering/"):
        return "checker"
    return relative.split("/", 1)[0]


def self_test() -> int:
    import tempfile
    with tempfile.TemporaryDirectory() as scratch:
        root = pathlib.Path(scratch)
        (root / "backends").mkdir()
        (root / "backends" / "bad.cpp").write_text('#include "ir/ir.h"\n#include "ir/lowering/lowerer.h"\n')
        (root / "ir").mkdir()
        (root / "ir" / "fine.cpp").write_text('#include "frontend/lex/token.h"\n')
        problems = check(root)
    if problems != ['backends/bad.cpp: includes "ir/lowering/lowerer.h" (backends may not depend on checker)']:
        print("self-test failed:", problems)
        return 1
    print("layering self-test: the wrong-way include was caught")
    return 0


def main() -> int:
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    problems = check(root)
    for problem in problems:
        print(problem)
    print(f"layering: {len(problems)} wrong-way includes")
    return 1 if problems else 0


def check(root: pathlib.Path) -> list:
    problems = []
    for layer in ALLOWED:
        directory = root / ("ir" if layer == "checker" else layer)
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if path.suffix not in (".h", ".cpp"):
                continue
            relative = path.relative_to(root).as_posix()
            source_layer = layer_of(relative)
            if source_layer != layer:
                continue
            for match in INCLUDE.finditer(path.read_text(encoding="utf-8")):
                target = layer_of(f"{match.group(1)}/{match.group(2)}")
                if target in ALLOWED and target not in ALLOWED[source_layer]:
                    problems.append(f"{relative}: includes \"{match.group(1)}/{match.group(2)}\" "
                                    f"({source_layer} may not depend on {target})")
    return problems


if __name__ == "__main__":
    sys.exit(main())
