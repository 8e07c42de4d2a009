"use strict";
// The extension's tests, run with node (no VS Code needed): `npm test`, or
// `node test/run.js [--bpc PATH]` (or the BPC environment variable) to name the bpc that judges
// the snippets. Each file registers node:test tests; node reports them and sets the exit code.
const path = require("node:path");

const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === "--bpc" && i + 1 < args.length) {
    process.env.BPC = path.resolve(args[++i]);
  } else if (arg.startsWith("--bpc=")) {
    process.env.BPC = path.resolve(arg.slice("--bpc=".length));
  } else if (arg === "--help" || arg === "-h") {
    console.log("usage: node test/run.js [--bpc PATH]   (or BPC=PATH; default: ../../build/cli/bpc, then bpc on PATH)");
    process.exit(0);
  } else {
    console.error(`unknown argument: ${arg}`);
    process.exit(2);
  }
}

const fs = require("node:fs");
if (!fs.existsSync(path.join(__dirname, "..", "node_modules", "vscode-textmate"))) {
  console.error("editors/vscode/node_modules is missing: run scripts/bootstrap.sh (or npm ci in editors/vscode)");
  process.exit(1);
}

require("./manifest.test.js");
require("./grammar.test.js");
require("./snippets.test.js");
require("./package.test.js");
