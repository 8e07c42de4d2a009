#!/usr/bin/env python3
"""Writes a multi-file blueprint workspace of about LINES lines, for the re-check benchmark.

    gen_workspace.py OUT_DIR [--lines 50000] [--files 50]

OUT_DIR/main.bpl holds the header and imports every module; each OUT_DIR/modules/mNN.bpl is a
slice of one product: aliases with constraints, enums, a struct, entities with decorated fields
and relations to entities of the module before it, a workflow and an API with resources and an
operation. Everything checks clean, so a re-check runs every phase. Deterministic.
"""

import argparse
import pathlib


def module(index: int, entities: int) -> str:
    m = f"M{index}"
    lines = [f"// Module {index} of the generated workspace.", ""]
    lines += [f"type {m}Email = string @format(email) @maxLength(254)",
              f"type {m}Money = decimal @precision(12, 2) @min(0)",
              f"type {m}Code = string @minLength(2) @maxLength(12) @pattern(\"^[A-Z0-9-]+$\")", ""]
    lines += [f"enum {m}Status {{ draft, active, archived }}", ""]
    lines += [f"/// An address used by module {index}.",
              f"struct {m}Address {{",
              "  line1: string @minLength(1)",
              "  city: string",
              "  country: string @pattern(\"^[A-Z]{2}$\")",
              "}", ""]
    for e in range(entities):
        name = f"{m}E{e}"
        lines += [f"/// Entity {e} of module {index}.",
                  f"entity {name} {{",
                  "  id: uuid @id @generated",
                  f"  code: {m}Code @unique",
                  "  name: string @minLength(1) @maxLength(120) @index",
                  f"  email: {m}Email?",
                  f"  price: {m}Money = 0",
                  "  quantity: int = 1 @min(0) @max(100000)",
                  f"  status: {m}Status = draft",
                  f"  address: {m}Address?",
                  "  tags: list<string> = []",
                  "  createdAt: datetime @generated"]
        if e > 0:
            lines.append(f"  parent: {m}E{e - 1}?")
        elif index > 0:
            lines.append(f"  upstream: M{index - 1}E0?")
        lines += ["}", ""]
    lines += [f"workflow {m}Lifecycle on {m}E0.status {{",
              "  draft -> active on activate",
              "  active -> archived on archive",
              "}", ""]
    lines += [f"api {m}Api at \"/api/m{index}\" {{"]
    for e in range(entities):
        suffix = " with workflow " + f"{m}Lifecycle" if e == 0 else ""
        lines.append(f"  resource {m}E{e} {{ list, get, create, update, delete }}{suffix}")
    lines += [f"  operation search{m}(query: string @minLength(2), limit: int = 20 @max(100)) -> list<{m}E0>",
              f"    @http(GET, \"/m{index}/search\")",
              "}", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--lines", type=int, default=50000)
    parser.add_argument("--files", type=int, default=50)
    options = parser.parse_args()
    out = pathlib.Path(options.out)
    (out / "modules").mkdir(parents=True, exist_ok=True)
    # About 15 lines per entity plus 35 per module.
    per_file = max(1, (options.lines // options.files - 35) // 15)
    total = 0
    imports = []
    for index in range(options.files):
        text = module(index, per_file)
        (out / "modules" / f"m{index:02d}.bpl").write_text(text + "\n")
        total += text.count("\n") + 1
        imports.append(f"import \"modules/m{index:02d}.bpl\"")
    main_text = "\n".join(["blueprint Workspace {", "  version \"1.0.0\"", "  platform api", "}", "",
                           "role Admin", "policy {", "  allow Admin to *", "}", ""] + imports) + "\n"
    (out / "main.bpl").write_text(main_text)
    total += main_text.count("\n")
    print(total)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
