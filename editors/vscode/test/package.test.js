"use strict";
// (d) `vsce package` makes the .vsix without a warning or a question, holding what VS Code loads
// (the bundled client with vscode-languageclient inside, the grammar, the snippets, the language
// configuration) and nothing else (sources, tests, node_modules, source maps).
const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { test } = require("node:test");
const zlib = require("node:zlib");
const { extensionRoot, readJson } = require("./common.js");

/** The names of the files in a zip archive (from its central directory). */
function zipEntries(file) {
  const data = fs.readFileSync(file);
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file} is not a zip archive`);
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(data.readUInt32LE(at), 0x02014b50, "central directory entry");
    const method = data.readUInt16LE(at + 10);
    const compressedSize = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const localHeader = data.readUInt32LE(at + 42);
    const name = data.toString("utf8", at + 46, at + 46 + nameLength);
    const read = () => {
      const start = localHeader + 30 + data.readUInt16LE(localHeader + 26) + data.readUInt16LE(localHeader + 28);
      const raw = data.subarray(start, start + compressedSize);
      return method === 8 ? zlib.inflateRawSync(raw) : raw;
    };
    entries.set(name, read);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

test("vsce package makes the .vsix, with no warning", { timeout: 300_000 }, () => {
  const manifest = readJson(path.join(extensionRoot, "package.json"));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bpc-vscode-package-"));
  try {
    const vsix = path.join(out, `${manifest.name}-${manifest.version}.vsix`);
    const vsce = path.join(extensionRoot, "node_modules", "@vscode", "vsce", "vsce");
    // `npm run package` with the .vsix written elsewhere; stdin closed, so a question fails
    // rather than waits.
    const result = spawnSync(
      "npm",
      ["run", "--silent", "package", "--", "--out", vsix],
      { cwd: extensionRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 280_000 },
    );
    const output = `${result.stdout}${result.stderr}`;
    assert.ok(fs.existsSync(vsce), "node_modules/@vscode/vsce: run npm ci");
    assert.equal(result.status, 0, `npm run package failed:\n${output}`);
    assert.doesNotMatch(output, /WARNING|Do you want to continue/i, output);
    assert.ok(fs.existsSync(vsix), `${vsix} was not written:\n${output}`);

    const size = fs.statSync(vsix).size;
    assert.ok(size < 1024 * 1024, `the .vsix is ${size} bytes; .vscodeignore should keep it under 1 MiB`);
    const entries = zipEntries(vsix);
    const names = [...entries.keys()];
    for (const expected of [
      "extension.vsixmanifest",
      "extension/package.json",
      "extension/readme.md",
      "extension/LICENSE.txt",
      "extension/out/extension.js",
      "extension/syntaxes/blueprint.tmLanguage.json",
      "extension/schemas/bpc.schema.json",
      "extension/snippets/blueprint.json",
      "extension/language-configuration.json",
    ]) {
      assert.ok(
        names.some((name) => name.toLowerCase() === expected.toLowerCase()),
        `the .vsix holds ${expected}; it has:\n${names.join("\n")}`,
      );
    }
    for (const name of names) {
      assert.doesNotMatch(
        name,
        /^extension\/(src|test|node_modules)\/|\.map$|\.ts$|tsconfig\.json$|\.vsix$|\.gitignore$/,
        `the .vsix should not hold ${name}`,
      );
    }
    // The packaged manifest is the one in the repository.
    const packaged = JSON.parse(entries.get("extension/package.json")().toString("utf8"));
    assert.equal(packaged.name, manifest.name);
    assert.equal(packaged.main, "./out/extension.js");
    // The client is one bundled file: vscode-languageclient inside, only `vscode` (and Node's
    // own modules) left to require.
    const client = entries.get("extension/out/extension.js")().toString("utf8");
    const required = new Set([...client.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]));
    const external = [...required].filter((name) => name !== "vscode" && !name.startsWith("node:") &&
      !require("node:module").builtinModules.includes(name));
    assert.deepEqual(external, [], "out/extension.js requires only vscode and Node's modules");
    assert.ok(required.has("vscode"));
    assert.match(client, /--stdio|textDocument\/semanticTokens/, "vscode-languageclient is bundled");
    console.log(`# ${path.basename(vsix)}: ${size} bytes, ${names.length} files`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
