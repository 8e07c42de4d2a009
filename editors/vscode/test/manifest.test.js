"use strict";
// (b) package.json's contributions point at files that exist and parse: the grammar, the
// snippets, the language configuration; the settings, commands and activation the client uses.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");
const { extensionRoot, repositoryRoot, readJson, findBpc } = require("./common.js");

const manifest = readJson(path.join(extensionRoot, "package.json"));
const contributes = manifest.contributes;
const resolve = (relative) => path.join(extensionRoot, relative);

test("package.json: identity, engine, entry point, dependencies", () => {
  assert.equal(manifest.name, "bpc-blueprint");
  assert.equal(manifest.publisher, "bpc");
  assert.equal(manifest.displayName, "Blueprint (bpc)");
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  assert.equal(typeof manifest.license, "string");
  assert.ok(fs.existsSync(resolve("LICENSE")), "LICENSE");
  assert.ok(fs.existsSync(resolve("README.md")), "README.md");
  const engine = manifest.engines.vscode.match(/^\^(\d+)\.(\d+)\.(\d+)$/);
  assert.ok(engine, `engines.vscode ${manifest.engines.vscode} is a caret range`);
  // @types/vscode may not describe a newer API than the oldest VS Code the engine range allows.
  const types = manifest.devDependencies["@types/vscode"].split(".").map(Number);
  const oldest = engine.slice(1, 4).map(Number);
  assert.ok(types[0] === oldest[0] && types[1] <= oldest[1], "@types/vscode is not newer than engines.vscode");
  assert.deepEqual(manifest.activationEvents, ["onLanguage:blueprint", "workspaceContains:**/bpc.json"]);
  // main is the client: src/extension.ts, type-checked by tsc (strict) and bundled with its
  // dependencies into out/extension.js by esbuild before packaging.
  assert.equal(manifest.main, "./out/extension.js");
  assert.ok(fs.existsSync(resolve("src/extension.ts")));
  const tsconfig = readJson(resolve("tsconfig.json"));
  assert.equal(tsconfig.compilerOptions.strict, true);
  assert.equal(tsconfig.compilerOptions.noEmit, true);
  assert.match(manifest.scripts["vscode:prepublish"], /npm run typecheck && npm run bundle/);
  assert.match(manifest.scripts.bundle, /esbuild src\/extension\.ts --bundle --outfile=out\/extension\.js --external:vscode/);
  assert.match(manifest.scripts.package, /^vsce package --no-dependencies/);
  // Every dependency is pinned, and the lock file holds the same versions.
  const lock = readJson(resolve("package-lock.json"));
  for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
    assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned`);
    assert.equal(lock.packages[`node_modules/${name}`]?.version, version, `package-lock.json has ${name}@${version}`);
  }
  assert.ok(manifest.dependencies["vscode-languageclient"], "the client uses vscode-languageclient");
});

test("package.json: the blueprint language and its configuration", () => {
  const [language] = contributes.languages;
  assert.equal(contributes.languages.length, 1);
  assert.equal(language.id, "blueprint");
  assert.deepEqual(language.extensions, [".bpl"]);
  assert.ok(language.aliases.includes("Blueprint"));
  const configuration = readJson(resolve(language.configuration));
  assert.equal(configuration.comments.lineComment, "//");
  assert.deepEqual(configuration.comments.blockComment, ["/*", "*/"]);
  for (const key of ["brackets", "surroundingPairs"]) {
    for (const pair of configuration[key]) {
      assert.ok(Array.isArray(pair) && pair.length === 2, `${key}: ${JSON.stringify(pair)}`);
    }
  }
  for (const pair of configuration.autoClosingPairs) {
    assert.equal(typeof pair.open, "string");
    assert.equal(typeof pair.close, "string");
  }
  const patterns = [
    configuration.wordPattern,
    configuration.folding.markers.start,
    configuration.folding.markers.end,
    configuration.indentationRules.increaseIndentPattern,
    configuration.indentationRules.decreaseIndentPattern,
    ...configuration.onEnterRules.flatMap((rule) => [rule.beforeText, rule.afterText].filter(Boolean)),
  ];
  for (const pattern of patterns) {
    assert.doesNotThrow(() => new RegExp(pattern), pattern);
  }
  const word = new RegExp(`^(?:${configuration.wordPattern})$`);
  for (const sample of ["Patient", "createdAt", "_x1", "2.5e-3", "-12"]) {
    assert.match(sample, word);
  }
  assert.doesNotMatch("list<string>", word);
  // Indentation: a line opening a block indents the next, a closing brace outdents.
  const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
  assert.match("entity Patient {", increase);
  assert.doesNotMatch("enum Status { a, b }", increase);
  assert.doesNotMatch("// {", increase);
  assert.match("  }", decrease);
});

test("package.json: the grammar", () => {
  const [grammar] = contributes.grammars;
  assert.equal(grammar.language, "blueprint");
  assert.equal(grammar.scopeName, "source.blueprint");
  const file = resolve(grammar.path);
  assert.ok(fs.existsSync(file), grammar.path);
  const raw = readJson(file);
  assert.equal(raw.scopeName, grammar.scopeName);
  assert.ok(Array.isArray(raw.patterns) && raw.patterns.length > 0);
});

test("package.json: the snippets", () => {
  const [snippets] = contributes.snippets;
  assert.equal(snippets.language, "blueprint");
  const file = resolve(snippets.path);
  assert.ok(fs.existsSync(file), snippets.path);
  const all = readJson(file);
  assert.ok(Object.keys(all).length >= 12);
  for (const [name, snippet] of Object.entries(all)) {
    const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
    for (const prefix of prefixes) {
      assert.match(prefix, /^[a-z][a-z-]*$/, `${name}: prefix ${prefix}`);
    }
    assert.ok(Array.isArray(snippet.body) && snippet.body.every((line) => typeof line === "string"), name);
    assert.equal(typeof snippet.description, "string", name);
    const keys = Object.keys(snippet).filter((key) => !["prefix", "body", "description"].includes(key));
    assert.deepEqual(keys, [], `${name}: unknown keys`);
  }
  // The brief's list: every kind of declaration has a snippet.
  const prefixes = new Set(Object.values(all).flatMap((snippet) => [snippet.prefix].flat()));
  for (const prefix of ["blueprint", "entity", "field", "enum", "struct", "event", "api", "resource", "operation",
    "workflow", "transition", "policy", "role", "target"]) {
    assert.ok(prefixes.has(prefix), `a snippet with prefix ${prefix}`);
  }
});

test("package.json: settings and commands the client reads", () => {
  const properties = contributes.configuration.properties;
  assert.equal(properties["bpc.path"].type, "string");
  assert.equal(properties["bpc.path"].default, "bpc");
  assert.equal(properties["bpc.importPaths"].type, "array");
  assert.deepEqual(properties["bpc.importPaths"].default, []);
  assert.equal(properties["bpc.importPaths"].items.type, "string");
  assert.deepEqual(properties["bpc.trace.server"].enum, ["off", "messages", "verbose"]);
  const source = fs.readFileSync(resolve("src/extension.ts"), "utf8");
  for (const setting of ["path", "importPaths"]) {
    assert.ok(source.includes(`"${setting}"`), `src/extension.ts reads bpc.${setting}`);
  }
  // The client's id makes vscode-languageclient read `<id>.trace.server`.
  assert.match(source, /new LanguageClient\(\s*"bpc"/);
  assert.match(source, /args: \["lsp"\]/);
  assert.match(source, /scheme: "file", language: languageId/);
  assert.match(source, /scheme: "untitled", language: languageId/);
  for (const command of contributes.commands) {
    assert.ok(source.includes(`"${command.command}"`), `src/extension.ts registers ${command.command}`);
  }
  // The commands the server's code lenses carry (lsp/code_lens.cpp) run here.
  const lenses = fs.readFileSync(path.join(repositoryRoot, "lsp", "code_lens.cpp"), "utf8");
  const lensCommands = [...lenses.matchAll(/\{"command", "(bpc\.[A-Za-z]+)"\}/g)].map((match) => match[1]);
  assert.ok(lensCommands.length > 0, "lsp/code_lens.cpp names its command");
  for (const command of lensCommands) {
    assert.match(source, new RegExp(`registerCommand\\("${command.replace(".", "\\.")}"`), `src/extension.ts registers ${command}`);
  }
});

test("package.json: the project file's schema knows what bpc knows", () => {
  assert.deepEqual(contributes.jsonValidation, [{ fileMatch: "bpc.json", url: "./schemas/bpc.schema.json" }]);
  const schema = readJson(resolve("schemas/bpc.schema.json"));
  assert.equal(schema.type, "object");
  assert.equal(schema.additionalProperties, false);
  // The settings driver/project.cpp reads (its kSettings table), no more and no fewer.
  const source = fs.readFileSync(path.join(repositoryRoot, "driver", "project.cpp"), "utf8");
  const table = source.match(/kSettings = \{([^}]*)\}/);
  assert.ok(table, "driver/project.cpp declares kSettings");
  const settings = [...table[1].matchAll(/"([^"]+)"/g)].map((match) => match[1]);
  assert.deepEqual(Object.keys(schema.properties).sort(), settings.sort());
  // The targets: the backends bpc knows (`bpc check --help` lists them), and `all`.
  const bpc = findBpc();
  if (bpc !== undefined) {
    const help = require("node:child_process").execFileSync(bpc, ["check", "--help"], { encoding: "utf8" });
    const listed = help.match(/\{([a-z,]+)\}/);
    assert.ok(listed, `bpc check --help lists the targets:\n${help}`);
    assert.deepEqual([...schema.properties.targets.items.enum].sort(), listed[1].split(",").sort());
  }
});
