#!/usr/bin/env node
// Validates SARIF logs against the official SARIF 2.1.0 JSON schema (as shipped by Microsoft in
// @microsoft/jest-sarif), with ajv. Usage: validate_sarif.js FILE... ; exit 1 on any violation.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const schemaPath = path.join(__dirname, 'node_modules', '@microsoft', 'jest-sarif', 'lib',
                             'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
// The SARIF schema is written in JSON Schema draft-04, which ajv 6 supports through its bundled
// draft-04 meta-schema.
const ajv = new Ajv({ allErrors: true, schemaId: 'auto' });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(schema);

let failures = 0;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!validate(log)) {
    failures++;
    console.log(`${file}: not valid SARIF 2.1.0`);
    for (const error of validate.errors) console.log(`  ${error.dataPath} ${error.message}`);
  }
}
console.log(`${process.argv.length - 2 - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
