"use strict";
const fs = require("node:fs");
const path = require("node:path");

const extensionRoot = path.resolve(__dirname, "..");
const repositoryRoot = path.resolve(extensionRoot, "..", "..");

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Every file under `directory` (recursively) whose name ends with `suffix`, sorted. */
function filesUnder(directory, suffix) {
  const found = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      found.push(...filesUnder(full, suffix));
    } else if (entry.name.endsWith(suffix)) {
      found.push(full);
    }
  }
  return found.sort();
}

/** The bpc to run: --bpc or BPC, else the build tree's, else `bpc` on PATH; undefined if none. */
function findBpc() {
  if (process.env.BPC) {
    return process.env.BPC;
  }
  const built = path.join(repositoryRoot, "build", "cli", "bpc");
  if (fs.existsSync(built)) {
    return built;
  }
  for (const directory of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(directory, "bpc");
    if (directory !== "" && fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

module.exports = { extensionRoot, repositoryRoot, readJson, filesUnder, findBpc };
