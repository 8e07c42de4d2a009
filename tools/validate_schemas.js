#!/usr/bin/env node
// Validates a directory of generated JSON Schemas (draft 2020-12) with ajv 8 in strict mode, and
// optionally JSON instances against one of them.
//
// Usage: validate_schemas.js DIR [--instance SCHEMA_FILE_NAME FILE... [--invalid FILE...]]
//
// Every `*.schema.json` under DIR is checked against the 2020-12 meta-schema (validateSchema),
// then all are added together (their `$id`s are relative file names, so `$ref`s between them
// resolve) and each is compiled in strict mode: an unknown keyword, a keyword that does not apply
// to the declared type, an unresolvable `$ref` or an unknown format fails. With --instance, the
// files after the schema's file name must be valid against it, those after --invalid rejected.
// Formats are checked (ajv-formats is not installed, so the formats bpc emits are defined here).
// Prints `N passed, M failed`; exit 1 on any failure, 2 on a usage error.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv8/dist/2020');

const args = process.argv.slice(2);
if (args.length < 1 || args[0].startsWith('--')) {
  console.error('usage: validate_schemas.js DIR [--instance SCHEMA_FILE_NAME FILE... [--invalid FILE...]]');
  process.exit(2);
}
const dir = args[0];
let instanceSchema = null;
let valid = [];
let invalid = [];
const at = args.indexOf('--instance');
if (at >= 0) {
  instanceSchema = args[at + 1];
  const rest = args.slice(at + 2);
  const split = rest.indexOf('--invalid');
  valid = split < 0 ? rest : rest.slice(0, split);
  invalid = split < 0 ? [] : rest.slice(split + 1);
  if (!instanceSchema) {
    console.error('--instance needs a schema file name');
    process.exit(2);
  }
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;
const formats = {
  email: /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  'uri-reference': /^[^\s]*$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  date: DATE,
  time: TIME,
  'date-time': {
    validate: (s) => {
      const parts = s.split(/t|\s/i);
      return parts.length === 2 && DATE.test(parts[0]) && TIME.test(parts[1]);
    },
  },
  duration: /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/,
  hostname: /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i,
  ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
  ipv6: {
    validate: (s) => {
      try {
        return new URL(`http://[${s}]/`).hostname.length > 2;
      } catch (error) {
        return false;
      }
    },
  },
};

function schemaFiles(root) {
  const out = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) out.push(...schemaFiles(full));
    else if (entry.name.endsWith('.schema.json')) out.push(full);
  }
  return out.sort();
}

let passed = 0;
let failed = 0;
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, formats });
const files = schemaFiles(dir);
if (files.length === 0) {
  console.error(`${dir}: no *.schema.json files`);
  process.exit(2);
}
const schemas = [];
for (const file of files) {
  let schema;
  try {
    schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    console.log(`${file}: not JSON: ${error.message}`);
    failed++;
    continue;
  }
  if (!ajv.validateSchema(schema)) {
    console.log(`${file}: not a valid 2020-12 schema: ${ajv.errorsText(ajv.errors)}`);
    failed++;
    continue;
  }
  schemas.push({ file, schema });
}
for (const { file, schema } of schemas) {
  try {
    ajv.addSchema(schema);
  } catch (error) {
    console.log(`${file}: cannot add: ${error.message}`);
    failed++;
  }
}
for (const { file, schema } of schemas) {
  try {
    ajv.getSchema(schema.$id || file);
    passed++;
  } catch (error) {
    console.log(`${file}: does not compile: ${error.message}`);
    failed++;
  }
}

if (instanceSchema) {
  const validate = ajv.getSchema(instanceSchema);
  if (!validate) {
    console.error(`no schema with $id ${instanceSchema}`);
    process.exit(2);
  }
  const check = (file, expectValid) => {
    const document = JSON.parse(fs.readFileSync(file, 'utf8'));
    const ok = validate(document);
    if (ok === expectValid) {
      passed++;
    } else if (expectValid) {
      failed++;
      console.log(`${file}: does not match ${instanceSchema}`);
      for (const error of validate.errors.slice(0, 20)) console.log(`  ${error.instancePath || '/'} ${error.message}`);
    } else {
      failed++;
      console.log(`${file}: matches ${instanceSchema} but should not`);
    }
  };
  for (const file of valid) check(file, true);
  for (const file of invalid) check(file, false);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
