"use strict";
// Tokenizes Blueprint text with the extension's TextMate grammar, as VS Code does: vscode-textmate
// on the Oniguruma regular expression engine (vscode-oniguruma's WebAssembly build).
const fs = require("node:fs");
const path = require("node:path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const extensionRoot = path.resolve(__dirname, "..");
const grammarPath = path.join(extensionRoot, "syntaxes", "blueprint.tmLanguage.json");

let registryPromise;

function registry() {
  registryPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName) => {
        if (scopeName !== "source.blueprint") {
          return null;
        }
        return vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath);
      },
    });
  })();
  return registryPromise;
}

/** The grammar, loaded once. */
async function loadGrammar() {
  const grammar = await (await registry()).loadGrammar("source.blueprint");
  if (grammar === null) {
    throw new Error(`cannot load ${grammarPath}`);
  }
  return grammar;
}

/**
 * Tokenizes `text` line by line, carrying the rule stack across lines as VS Code does. Returns
 * one entry per line: { line, text, tokens: [{ text, start, end, scopes }] }. Throws (with the
 * line number) when the tokenizer does, or when it stops early (a regular expression too slow).
 */
async function tokenize(text) {
  const grammar = await loadGrammar();
  const lines = text.split(/\r\n|\n/);
  let ruleStack = vsctm.INITIAL;
  const result = [];
  lines.forEach((lineText, index) => {
    let lineTokens;
    try {
      lineTokens = grammar.tokenizeLine(lineText, ruleStack, 1000);
    } catch (error) {
      throw new Error(`line ${index + 1}: the tokenizer threw: ${error.message}`);
    }
    if (lineTokens.stoppedEarly) {
      throw new Error(`line ${index + 1}: tokenizing took over a second`);
    }
    const tokens = lineTokens.tokens.map((token) => ({
      text: lineText.slice(token.startIndex, token.endIndex),
      start: token.startIndex,
      end: token.endIndex,
      scopes: token.scopes,
    }));
    result.push({ line: index + 1, text: lineText, tokens });
    ruleStack = lineTokens.ruleStack;
  });
  return result;
}

module.exports = { tokenize, loadGrammar, grammarPath, extensionRoot };

// `node test/tokenize.js FILE [LINE...]`: prints each token's text and innermost scopes.
if (require.main === module) {
  (async () => {
    const [file, ...wanted] = process.argv.slice(2);
    const lines = await tokenize(fs.readFileSync(file, "utf8"));
    for (const { line, text, tokens } of lines) {
      if (wanted.length > 0 && !wanted.includes(String(line))) {
        continue;
      }
      console.log(`${line}: ${text}`);
      for (const token of tokens) {
        if (token.text.trim() === "") {
          continue;
        }
        console.log(`    ${JSON.stringify(token.text).padEnd(28)} ${token.scopes.slice(1).join(" ")}`);
      }
    }
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
