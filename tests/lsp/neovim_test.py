#!/usr/bin/env python3
"""`bpc lsp` driven by a real editor: Neovim (Debian 12's 0.7, headless) and its built-in LSP
client open a file, get its diagnostics, see them go when the error is fixed by typing, go to a
definition in an imported file, rename across both files with Neovim's own rename, format the
document and hover (tests/lsp/neovim_session.lua does the editor's part).

    neovim_test.py --bpc build/cli/bpc [--nvim nvim]
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent

TYPES = """/// An e-mail address.
type Email = string @format(email) @maxLength(254)

entity Customer {
  id: uuid @id @generated
  email: Email @unique
}
"""

SHOP = """blueprint Shop { version "1.0.0" }
import "types.bpl"
enum Size {small,   large}

entity Order {
  id: uuid @id @generated
  customer: Custommer
  contact: Email
  size: Size = small
}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bpc", required=True)
    parser.add_argument("--nvim", default="nvim")
    args = parser.parse_args()
    nvim = shutil.which(args.nvim)
    if nvim is None:
        print("no Neovim (%s): scripts/bootstrap.sh installs Debian's neovim" % args.nvim)
        return 1
    with tempfile.TemporaryDirectory(prefix="bpc-nvim-") as directory:
        root = pathlib.Path(directory).resolve()
        (root / "types.bpl").write_text(TYPES)
        (root / "shop.bpl").write_text(SHOP)
        result_path = root / "result.json"
        environment = dict(os.environ, BPC=os.path.abspath(args.bpc), BPC_NVIM_ROOT=str(root),
                           BPC_NVIM_RESULT=str(result_path), XDG_STATE_HOME=str(root / "state"),
                           XDG_DATA_HOME=str(root / "data"), XDG_CONFIG_HOME=str(root / "config"))
        completed = subprocess.run([nvim, "--headless", "--clean", "-n", "-c", "luafile " + str(HERE / "neovim_session.lua")],
                                   env=environment, capture_output=True, text=True, timeout=120)
        if not result_path.exists():
            print("Neovim wrote no result (exit %d):\n%s%s" % (completed.returncode, completed.stdout, completed.stderr))
            return 1
        results = json.loads(result_path.read_text())

    failures = []

    def expect(condition, what):
        if not condition:
            failures.append(what)

    expect("error" not in results, "the session failed: %s" % results.get("error"))
    expect(results.get("initialized") is True, "the client did not initialize")
    diagnostics = results.get("diagnostics") or []
    expect(any(d.get("code") == "BP2002" and "Custommer" in d.get("message", "") and d.get("line") == 6
               and d.get("col") == 12 for d in diagnostics),
           "no BP2002 diagnostic for `Custommer` at 7:13: %s" % diagnostics)
    expect(results.get("diagnostics_after_fix") == 0, "diagnostics stayed after the fix: %s" % results.get("diagnostics_after_fix"))
    expect(results.get("definition") == {"file": "types.bpl", "line": 3, "character": 7},
           "definition: %s" % results.get("definition"))
    rename = results.get("rename") or {}
    expect(rename.get("here") == "  customer: Buyer", "rename here: %r" % rename.get("here"))
    expect("entity Buyer {" in rename.get("there", ""), "rename in types.bpl: %r" % rename.get("there"))
    expect("enum Size { small, large }" in (results.get("formatted") or ""), "formatting: %r" % results.get("formatted"))
    hover = results.get("hover") or ""
    expect("type Email = string @format(email) @maxLength(254)" in hover and "An e-mail address." in hover,
           "hover: %r" % hover)
    print("steps: %s" % ", ".join(results.get("steps", [])))
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
