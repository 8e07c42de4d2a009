#!/usr/bin/env node
// Validates JSON documents against a JSON Schema (draft 2020-12) with ajv 8, in strict mode (so a
// schema with an unknown keyword or a typo in a keyword fails to compile instead of accepting
// everything).
//
// Usage: validate_json_schema.js SCHEMA FILE... [--invalid FILE...]
// Files before --invalid must be valid; files after it must be rejected (to show that the schema
// actually checks what it claims to). Prints `N passed, M failed`; exit 1 on any failure, 2 on a
// usage error or a schema that does not compile.
'use strict';
const fs = require('fs');
const Ajv2020 = require('ajv8/dist/2020');

const args = process.argv.slice(2);
if (args.length < 2) {
  console.error('usage: validate_json_schema.js SCHEMA FILE... [--invalid FILE...]');
  process.exit(2);
}
const [schemaPath, ...rest] = args;
const split = rest.indexOf('--invalid');
const valid = split < 0 ? rest : rest.slice(0, split);
const invalid = split < 0 ? [] : rest.slice(split + 1);

let validate;
try {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
} catch (error) {
  console.error(`${schemaPath}: schema does not compile: ${error.message}`);
  process.exit(2);
}

let passed = 0;
let failed = 0;
function check(file, expectValid) {
  let document;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    console.log(`${file}: not JSON: ${error.message}`);
    failed++;
    return;
  }
  const ok = validate(document);
  if (ok === expectValid) {
    passed++;
  } else if (expectValid) {
    failed++;
    console.log(`${file}: does not match ${schemaPath}`);
    for (const error of validate.errors.slice(0, 20)) {
      console.log(`  ${error.instancePath || '/'} ${error.message}`);
    }
  } else {
    failed++;
    console.log(`${file}: matches ${schemaPath} but should not`);
  }
}
for (const file of valid) check(file, true);
for (const file of invalid) check(file, false);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
