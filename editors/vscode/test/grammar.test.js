"use strict";
// (a) The TextMate grammar, through vscode-textmate and vscode-oniguruma as VS Code runs it:
// every example and every corpus file tokenizes without an error, and known tokens get the
// scopes themes color them by.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");
const oniguruma = require("vscode-oniguruma");
const { tokenize, loadGrammar, grammarPath } = require("./tokenize.js");
const { repositoryRoot, filesUnder, readJson } = require("./common.js");

const examples = filesUnder(path.join(repositoryRoot, "examples"), ".bpl");
const corpus = ["valid", "invalid"].flatMap((kind) => {
  const directory = path.join(repositoryRoot, "tests", "corpus", kind);
  return fs.existsSync(directory) ? filesUnder(directory, ".bpl") : [];
});

/** Finds `needle` on the first line containing `lineText` (its `occurrence`-th token with that text). */
function tokenOn(lines, lineText, needle, occurrence = 0) {
  const line = lines.find((candidate) => candidate.text.includes(lineText));
  assert.ok(line, `no line contains ${JSON.stringify(lineText)}`);
  const matches = line.tokens.filter((token) => token.text === needle);
  assert.ok(
    matches.length > occurrence,
    `line ${line.line} (${JSON.stringify(line.text)}) has no token ${JSON.stringify(needle)}; tokens: ` +
      JSON.stringify(line.tokens.map((token) => token.text)),
  );
  return { line, token: matches[occurrence] };
}

/** Asserts that the token has a scope equal to `scope` or starting with `scope.`. */
function assertScope(lines, lineText, needle, scope, occurrence = 0) {
  const { line, token } = tokenOn(lines, lineText, needle, occurrence);
  const found = token.scopes.some((candidate) => candidate === scope || candidate.startsWith(`${scope}.`));
  assert.ok(
    found,
    `line ${line.line}: ${JSON.stringify(needle)} should have scope ${scope}, has ${token.scopes.join(" ")}`,
  );
}

function assertNoScope(lines, lineText, needle, scope, occurrence = 0) {
  const { line, token } = tokenOn(lines, lineText, needle, occurrence);
  const found = token.scopes.find((candidate) => candidate === scope || candidate.startsWith(`${scope}.`));
  assert.equal(found, undefined, `line ${line.line}: ${JSON.stringify(needle)} should not have scope ${scope}`);
}

async function tokenizeFile(file) {
  return tokenize(fs.readFileSync(file, "utf8"));
}

test("the grammar's regular expressions all compile with Oniguruma", async () => {
  await loadGrammar(); // loads the WebAssembly engine
  const grammar = readJson(grammarPath);
  const keys = new Set(Object.keys(grammar.repository));
  let count = 0;
  const visit = (node, where) => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => visit(child, `${where}[${index}]`));
      return;
    }
    if (node === null || typeof node !== "object") {
      return;
    }
    for (const key of ["match", "begin", "end", "while"]) {
      if (typeof node[key] === "string") {
        // End patterns may hold back-references, which only compile once substituted.
        if (!/\\[0-9]/.test(node[key])) {
          assert.doesNotThrow(() => new oniguruma.OnigScanner([node[key]]), `${where}.${key}: ${node[key]}`);
        }
        count++;
      }
    }
    if (typeof node.include === "string" && node.include.startsWith("#")) {
      assert.ok(keys.has(node.include.slice(1)), `${where}: include ${node.include} names no repository rule`);
    }
    for (const [key, child] of Object.entries(node)) {
      visit(child, `${where}.${key}`);
    }
  };
  visit(grammar, "grammar");
  assert.ok(count > 50, `only ${count} patterns found`);
  assert.equal(grammar.scopeName, "source.blueprint");
});

test("every example and corpus file tokenizes without an error", async () => {
  assert.ok(examples.length >= 5, "examples/ holds the .bpl files");
  for (const file of [...examples, ...corpus]) {
    const lines = await tokenizeFile(file);
    const text = fs.readFileSync(file, "utf8");
    assert.equal(lines.length, text.split(/\r\n|\n/).length, file);
    for (const { line, text: lineText, tokens } of lines) {
      // Tokens cover each line exactly, with no gap and no overlap.
      let at = 0;
      for (const token of tokens) {
        assert.equal(token.start, at, `${file}:${line}: tokens leave a gap`);
        at = token.end;
      }
      assert.ok(at >= lineText.length, `${file}:${line}: tokens stop before the end of the line`);
    }
  }
});

test("the examples have no token an error scope marks (they are valid blueprints)", async () => {
  for (const file of [...examples.filter((file) => !file.includes(`${path.sep}errors${path.sep}`)),
    ...corpus.filter((file) => file.includes(`${path.sep}valid${path.sep}`))]) {
    for (const { line, tokens } of await tokenizeFile(file)) {
      for (const token of tokens) {
        const invalid = token.scopes.find((scope) => scope.startsWith("invalid."));
        assert.equal(invalid, undefined, `${file}:${line}: ${JSON.stringify(token.text)} is ${invalid}`);
      }
    }
  }
});

test("examples/clinic.bpl: scopes of known tokens", async () => {
  const lines = await tokenizeFile(path.join(repositoryRoot, "examples", "clinic.bpl"));
  // Comments: line, doc.
  assertScope(lines, "// Clinic: appointment booking", "//", "comment.line.double-slash");
  assertNoScope(lines, "// Clinic: appointment booking", "//", "comment.line.triple-slash.documentation");
  assertScope(lines, "/// An e-mail address.", " An e-mail address.", "comment.line.triple-slash.documentation");
  assertScope(lines, "// a relation: a reference", " a relation: a reference to another entity", "comment.line.double-slash");
  // The header.
  assertScope(lines, "blueprint Clinic {", "blueprint", "keyword.declaration.header");
  assertScope(lines, "blueprint Clinic {", "Clinic", "entity.name.namespace");
  assertScope(lines, 'version "1.4.0"', "version", "support.type.property-name");
  assertScope(lines, 'version "1.4.0"', "1.4.0", "string.quoted.double");
  assertScope(lines, "platform fullstack", "fullstack", "variable.other.constant");
  // Types and decorators.
  assertScope(lines, "type Email = string", "type", "keyword.declaration.type");
  assertScope(lines, "type Email = string", "Email", "entity.name.type.alias");
  assertScope(lines, "type Email = string", "=", "keyword.operator.assignment");
  assertScope(lines, "type Email = string", "string", "support.type.primitive");
  assertScope(lines, "type Email = string", "@", "punctuation.definition.decorator", 1);
  assertScope(lines, "type Email = string", "maxLength", "entity.name.function.decorator");
  assertScope(lines, "type Email = string", "maxLength", "meta.decorator");
  assertScope(lines, "type Email = string", "254", "constant.numeric.integer");
  assertScope(lines, "type Email = string", "email", "variable.other.constant");
  assertScope(lines, "enum AppointmentStatus {", "enum", "keyword.declaration.enum");
  assertScope(lines, "enum AppointmentStatus {", "AppointmentStatus", "entity.name.type.enum");
  assertScope(lines, "enum AppointmentStatus {", "confirmed", "variable.other.enummember");
  assertScope(lines, "struct Address {", "struct", "keyword.declaration.struct");
  assertScope(lines, "struct Address {", "Address", "entity.name.type.struct");
  // An entity and its fields.
  assertScope(lines, "entity Patient {", "entity", "keyword.declaration.entity");
  assertScope(lines, "entity Patient {", "Patient", "entity.name.type.entity");
  assertScope(lines, "email: Email @unique", "email", "variable.other.property");
  assertScope(lines, "email: Email @unique", ":", "punctuation.separator.colon");
  assertScope(lines, "email: Email @unique", "Email", "entity.name.type");
  assertScope(lines, "email: Email @unique", "unique", "entity.name.function.decorator");
  assertScope(lines, "id: uuid @id @generated", "uuid", "support.type.primitive");
  assertScope(lines, "phone: string? @pattern", "?", "keyword.operator.optional");
  assertScope(lines, "phone: string? @pattern", "\\\\", "constant.character.escape");
  assertScope(lines, "phone: string? @pattern", "pattern", "entity.name.function.decorator");
  assertScope(lines, "tags: list<string> = []", "list", "support.type.builtin");
  assertScope(lines, "tags: list<string> = []", "<", "punctuation.definition.typeparameters.begin");
  assertScope(lines, "tags: list<string> = []", "string", "support.type.primitive");
  assertScope(lines, "tags: list<string> = []", "[", "punctuation.section.brackets.begin");
  assertScope(lines, "appointments: list<Appointment>", "Appointment", "entity.name.type");
  assertScope(lines, "fee: Money = 0", "=", "keyword.operator.assignment");
  assertScope(lines, "fee: Money = 0", "0", "constant.numeric.integer");
  assertScope(lines, "status: AppointmentStatus = requested", "requested", "variable.other.constant");
  assertScope(lines, "at: datetime", "at", "variable.other.property");
  // Events, roles and policies.
  assertScope(lines, "event AppointmentConfirmed {", "event", "keyword.declaration.event");
  assertScope(lines, "event AppointmentConfirmed {", "AppointmentConfirmed", "entity.name.type.event");
  assertScope(lines, "event AppointmentConfirmed {", "appointment", "variable.other.property");
  assertScope(lines, "role Admin", "role", "keyword.declaration.role");
  assertScope(lines, "role Admin", "Admin", "entity.name.type.role");
  assertScope(lines, "policy {", "policy", "keyword.declaration.policy");
  assertScope(lines, "allow Admin to *", "allow", "keyword.other.allow");
  assertScope(lines, "allow Admin to *", "Admin", "entity.name.type.role");
  assertScope(lines, "allow Admin to *", "to", "keyword.other.to");
  assertScope(lines, "allow Admin to *", "*", "keyword.operator.wildcard");
  assertScope(lines, "allow Receptionist to [read", "read", "support.function.action");
  assertScope(lines, "allow Receptionist to [read", "on", "keyword.other.on");
  // The workflow.
  assertScope(lines, "workflow Booking on", "workflow", "keyword.declaration.workflow");
  assertScope(lines, "workflow Booking on", "Booking", "entity.name.type.workflow");
  assertScope(lines, "workflow Booking on", "on", "keyword.other.on");
  assertScope(lines, "workflow Booking on", "status", "variable.other.property");
  assertScope(lines, "initial requested", "initial", "keyword.other.initial");
  assertScope(lines, "initial requested", "requested", "variable.other.enummember");
  assertScope(lines, "guard slotIsFree", "guard", "keyword.other.guard");
  assertScope(lines, "requested -> confirmed on confirm", "->", "keyword.operator.arrow");
  assertScope(lines, "requested -> confirmed on confirm", "confirmed", "variable.other.enummember");
  assertScope(lines, "requested -> confirmed on confirm", "confirm", "entity.name.function.trigger");
  assertScope(lines, "requested -> confirmed on confirm", "by", "keyword.other.by");
  assertScope(lines, "requested -> confirmed on confirm", "when", "keyword.other.when");
  assertScope(lines, "requested -> confirmed on confirm", "slotIsFree", "entity.name.function.guard");
  assertScope(lines, "requested -> confirmed on confirm", "emits", "keyword.other.emits");
  assertScope(lines, "requested -> confirmed on confirm", "AppointmentConfirmed", "entity.name.type.event");
  assertScope(lines, "on cancel(reason: string)", "reason", "variable.parameter");
  // The API.
  assertScope(lines, 'api ClinicApi at "/api/v1"', "api", "keyword.declaration.api");
  assertScope(lines, 'api ClinicApi at "/api/v1"', "ClinicApi", "entity.name.type.api");
  assertScope(lines, 'api ClinicApi at "/api/v1"', "at", "keyword.other.at");
  assertScope(lines, 'api ClinicApi at "/api/v1"', "/api/v1", "string.quoted.double");
  assertScope(lines, "resource Patient {", "resource", "keyword.declaration.resource");
  assertScope(lines, "resource Patient {", "Patient", "entity.name.type.entity");
  assertScope(lines, "resource Patient {", "delete", "support.function.action");
  assertScope(lines, "} with workflow Booking", "with", "keyword.other.with");
  assertScope(lines, "} with workflow Booking", "Booking", "entity.name.type.workflow");
  assertScope(lines, "operation searchPatients(", "operation", "keyword.declaration.operation");
  assertScope(lines, "operation searchPatients(", "searchPatients", "entity.name.function.operation");
  assertScope(lines, "operation searchPatients(", "query", "variable.parameter");
  assertScope(lines, "operation searchPatients(", "->", "keyword.operator.arrow");
  assertScope(lines, "operation searchPatients(", "list", "support.type.builtin");
  assertScope(lines, "operation searchPatients(", "Patient", "entity.name.type");
  assertScope(lines, '@http(GET, "/patients/search")', "http", "entity.name.function.decorator");
  assertScope(lines, '@http(GET, "/patients/search")', "by", "keyword.other.by");
  assertScope(lines, '@http(GET, "/patients/search")', "Receptionist", "entity.name.type.role");
  // Intents and targets.
  assertScope(lines, 'intent feature "Online booking"', "intent", "keyword.declaration.intent");
  assertScope(lines, 'intent feature "Online booking"', "priority", "keyword.other.priority");
  assertScope(lines, "uses ClinicApi, Booking", "uses", "support.type.property-name");
  assertScope(lines, 'target typescript { package "@clinic/api" }', "target", "keyword.declaration.target");
  assertScope(lines, 'target typescript { package "@clinic/api" }', "typescript", "entity.name.section.target");
  assertScope(lines, 'target typescript { package "@clinic/api" }', "package", "support.type.property-name");
});

test("other examples: mixins, keys, sets, handlers, enum wire values", async () => {
  const crm = await tokenizeFile(path.join(repositoryRoot, "examples", "crm", "crm.bpl"));
  assertScope(crm, "mixin Timestamps {", "mixin", "keyword.declaration.mixin");
  assertScope(crm, "mixin Timestamps {", "Timestamps", "entity.name.type.mixin");
  assertScope(crm, "entity Deal with Timestamps {", "with", "keyword.other.with");
  assertScope(crm, "entity Deal with Timestamps {", "Timestamps", "entity.name.type.mixin");
  assertScope(crm, 'small @value("1-50")', "value", "entity.name.function.decorator");
  assertScope(crm, 'small @value("1-50")', "small", "variable.other.enummember");
  assertScope(crm, "sets lossReason = reason", "sets", "keyword.other.sets");
  assertScope(crm, "sets lossReason = reason", "lossReason", "variable.other.property");
  assertScope(crm, "sets lossReason = reason", "reason", "variable.parameter");
  assertScope(crm, 'locales [en, "en-GB", de]', "en-GB", "string.quoted.double");

  const inventory = await tokenizeFile(path.join(repositoryRoot, "examples", "inventory", "inventory.bpl"));
  assertScope(inventory, "unique (sku, warehouse)", "unique", "keyword.other.unique");
  assertScope(inventory, "unique (sku, warehouse)", "warehouse", "variable.other.property");
  assertScope(inventory, "orderedAt = now", "now", "constant.language");

  const tracker = await tokenizeFile(path.join(repositoryRoot, "examples", "tracker", "tracker.bpl"));
  assertScope(tracker, "organization: Organization @tenant", "tenant", "entity.name.function.decorator");
  assertScope(tracker, "handler startOnComment on CommentAdded", "handler", "keyword.declaration.handler");
  assertScope(tracker, "handler startOnComment on CommentAdded", "startOnComment", "entity.name.function.handler");
  assertScope(tracker, "handler startOnComment on CommentAdded", "CommentAdded", "entity.name.type.event");
  assertScope(tracker, "handler startOnComment on CommentAdded", "triggers", "keyword.other.triggers");
  assertScope(tracker, "handler startOnComment on CommentAdded", "start", "entity.name.function.trigger");
  assertScope(tracker, "handler startOnComment on CommentAdded", "issue", "variable.other.property");
  assertScope(tracker, "sets resolvedAt = null", "null", "constant.language");
});

test("lexical details: contextual keywords, comments, strings and numbers", async () => {
  const lines = await tokenize(
    [
      "//// ---- money ----",
      "/* block",
      "   comment */ enum EntryKind { type, event, role, initial }",
      "entity Entry {",
      "  id: uuid @id @generated",
      "  type: EntryKind = type",
      "  on: datetime",
      '  text: string = "Say \\"hi\\" \\u{1F44B}\\n" // trailing',
      '  bad: string = "\\q"',
      "  ratio: float = 2.5e-3",
      "  offset: int = -12 @min(-100) @max(100)",
      "  weights: map<string, float> = { morning: 1, evening: 0.5 }",
      "  nested: list<map<string, int>>?",
      "  width: int = 10px",
      "  index (type, on)",
      "}",
    ].join("\n"),
  );
  assertScope(lines, "//// ---- money", "////", "comment.line.double-slash");
  assertNoScope(lines, "//// ---- money", " ---- money ----", "comment.line.triple-slash.documentation");
  assertScope(lines, "/* block", "/*", "comment.block");
  assertScope(lines, "comment */ enum", "   comment ", "comment.block");
  assertScope(lines, "comment */ enum", "enum", "keyword.declaration.enum");
  assertScope(lines, "comment */ enum", "type", "variable.other.enummember");
  assertScope(lines, "type: EntryKind = type", "type", "variable.other.property");
  assertNoScope(lines, "type: EntryKind = type", "type", "keyword");
  assertScope(lines, "type: EntryKind = type", "type", "variable.other.constant", 1);
  assertScope(lines, "on: datetime", "on", "variable.other.property");
  assertScope(lines, "text: string", '\\"', "constant.character.escape");
  assertScope(lines, "text: string", "\\u{1F44B}", "constant.character.escape");
  assertScope(lines, "text: string", "\\n", "constant.character.escape");
  assertScope(lines, "text: string", " trailing", "comment.line.double-slash");
  assertScope(lines, 'bad: string = "\\q"', "\\q", "invalid.illegal.unknown-escape");
  assertScope(lines, "ratio: float = 2.5e-3", "2.5e-3", "constant.numeric.float");
  assertScope(lines, "offset: int = -12", "-", "keyword.operator.sign");
  assertScope(lines, "offset: int = -12", "12", "constant.numeric.integer");
  assertScope(lines, "offset: int = -12", "100", "constant.numeric.integer");
  assertScope(lines, "weights: map<string, float>", "map", "support.type.builtin");
  assertScope(lines, "weights: map<string, float>", "float", "support.type.primitive");
  assertScope(lines, "weights: map<string, float>", "morning", "support.type.property-name");
  assertScope(lines, "weights: map<string, float>", "0.5", "constant.numeric.float");
  assertScope(lines, "nested: list<map<string, int>>?", "int", "support.type.primitive");
  assertScope(lines, "nested: list<map<string, int>>?", "?", "keyword.operator.optional");
  assertScope(lines, "width: int = 10px", "10px", "invalid.illegal.malformed-number");
  assertScope(lines, "index (type, on)", "index", "keyword.other.index");
  assertScope(lines, "index (type, on)", "on", "variable.other.property");
});
