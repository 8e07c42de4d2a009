"use strict";
// (c) Every snippet, expanded with its defaults, is a blueprint bpc accepts: `bpc check` exits 0
// on a file made of the snippet placed where it belongs (at the top level, in an entity, an API,
// a workflow or a policy) among the declarations its defaults name. A snippet adds no warning
// either (naming conventions, unreachable states...), unless its placement allows that code.
const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { test } = require("node:test");
const { expand } = require("./snippet-expand.js");
const { extensionRoot, readJson, findBpc } = require("./common.js");

// The declarations the snippets' defaults refer to, each with a name so that a snippet declaring
// the same name replaces it. `{{slot}}` marks where a snippet placed inside a declaration goes.
const world = [
  ["header", 'blueprint Shop {\n  version "0.1.0"\n}'],
  ["Admin", "role Admin"],
  ["Member", "role Member"],
  ["Organization", "entity Organization { id: uuid @id @generated }"],
  ["Customer", "entity Customer {\n  id: uuid @id @generated\n  name: string\n  {{customer}}\n}"],
  ["Order", "entity Order {\n  id: uuid @id @generated\n  customer: Customer\n  total: decimal = 0\n}"],
  ["OrderPlaced", "event OrderPlaced { order: Order }"],
  ["Timestamps", "mixin Timestamps {\n  createdAt: datetime @generated\n  updatedAt: datetime @updatedAt\n}"],
  ["Stamped", "entity Stamped with Timestamps { id: uuid @id @generated }"],
  ["DocumentStatus", "enum DocumentStatus { draft, submitted, approved }"],
  ["Document", "entity Document {\n  id: uuid @id @generated\n  status: DocumentStatus = draft\n}"],
  [
    "Approval",
    "workflow Approval on Document.status {\n  draft -> submitted on send by Member\n  submitted -> approved on approve by Admin\n  {{workflow}}\n}",
  ],
  ["Host", "entity Host {\n  id: uuid @id @generated\n  {{entity}}\n}"],
  ["Keyed", "entity Keyed {\n  id: uuid @id @generated\n  organization: Organization\n  name: string\n  {{key}}\n}"],
  ["HostApi", 'api HostApi at "/host" {\n  {{api}}\n}'],
  ["Rules", "policy Rules {\n  {{policy}}\n}"],
];

// Where each snippet goes (default: the top level) and the world declarations it replaces.
const placement = {
  "Blueprint header": { replaces: ["header"] },
  "Import": { files: { "common.bpl": "role Shared\n" } },
  "Entity": { replaces: ["Customer", "Order", "OrderPlaced"] },
  // A mixin alone is included by no entity yet (BP2403).
  "Mixin": { replaces: ["Timestamps", "Stamped"], allowWarnings: ["BP2403"] },
  "Event": { replaces: ["OrderPlaced"] },
  "Role": { replaces: ["Admin"] },
  "Workflow": { replaces: ["Approval"] },
  "Field": { slot: "entity" },
  "Optional field": { slot: "entity" },
  "Field with default": { slot: "entity" },
  "List field": { slot: "entity" },
  "Reference": { slot: "entity" },
  "Timestamps": { slot: "entity" },
  "Inverse relation": { slot: "customer" },
  "Unique key": { slot: "key" },
  "Index": { slot: "key" },
  "Transition": { slot: "workflow" },
  "Resource": { slot: "api" },
  "Resource with workflow": { slot: "api" },
  "Operation": { slot: "api" },
  "Policy rule": { slot: "policy" },
};

const snippets = readJson(path.join(extensionRoot, "snippets", "blueprint.json"));
const bpc = findBpc();

function compose(snippetText, { slot, replaces = [] } = {}) {
  const parts = world
    .filter(([name]) => !replaces.includes(name))
    .map(([, text]) => text.replace(/\{\{(\w+)\}\}/g, (_, name) => (name === slot ? snippetText : "")));
  if (slot === undefined) {
    parts.push(snippetText);
  } else {
    assert.ok(world.some(([, text]) => text.includes(`{{${slot}}}`)), `no slot ${slot}`);
  }
  return `${parts.join("\n\n")}\n`;
}

function check(directory, text, files = {}) {
  fs.mkdirSync(directory, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(directory, name), content);
  }
  const file = path.join(directory, "snippet.bpl");
  fs.writeFileSync(file, text);
  const result = spawnSync(bpc, ["check", file], { encoding: "utf8", timeout: 60_000 });
  if (result.error) {
    throw result.error;
  }
  const output = `${result.stdout}${result.stderr}`;
  const warnings = [...output.matchAll(/^warning\[(BP\d+)\]: (.*)$/gm)].map((match) => ({ code: match[1], line: match[0] }));
  return { file, status: result.status, output, warnings };
}

test("bpc is available to judge the snippets", () => {
  assert.ok(bpc !== undefined, "no bpc: pass --bpc PATH or set BPC (or build bpc into build/cli/bpc)");
  assert.ok(fs.existsSync(bpc), `${bpc} does not exist`);
});

test("every snippet, expanded with its defaults, passes bpc check", { skip: bpc === undefined }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "bpc-vscode-snippets-"));
  try {
    // The world alone is a valid blueprint, so a failure below is the snippet's.
    const base = check(path.join(root, "world"), compose(""));
    assert.equal(base.status, 0, `the test's own declarations fail bpc check:\n${base.output}`);
    assert.deepEqual(base.warnings, [], `the test's own declarations get warnings:\n${base.output}`);

    const failures = [];
    const names = Object.keys(snippets);
    for (const name of Object.keys(placement)) {
      assert.ok(names.includes(name), `placement names a snippet that does not exist: ${name}`);
    }
    names.forEach((name, index) => {
      const text = expand(snippets[name].body);
      const where = placement[name] ?? {};
      const result = check(path.join(root, String(index)), compose(text, where), where.files);
      const warnings = result.warnings.filter((warning) => !(where.allowWarnings ?? []).includes(warning.code));
      if (result.status !== 0 || warnings.length > 0) {
        failures.push(`snippet "${name}" (exit ${result.status}):\n${text}\n--- bpc check ${result.file}:\n${result.output}`);
      }
    });
    assert.deepEqual(failures, [], failures.join("\n\n"));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("the snippet expander follows VS Code's snippet syntax", () => {
  assert.equal(expand(["a ${1:x} $1 ${2|p,q|} $2 $0 \\$ {\\}}"]), "a x x p p  $ {}}");
  assert.equal(expand(['"${1:/a/{id\\}/b}"']), '"/a/{id}/b"');
  assert.equal(expand(["${1:outer ${2:inner}} $2"]), "outer inner inner");
  assert.equal(expand(["\tx"]), "  x");
});
