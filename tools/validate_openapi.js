#!/usr/bin/env node
// Validates OpenAPI documents.
//
// Usage: validate_openapi.js FILE... [--invalid FILE...]
// Each file is checked with @seriousme/openapi-schema-validator (the official OpenAPI 3.1 JSON
// Schema, with every `$ref` resolved), then every schema in it (component schemas and the inline
// schemas of parameters, request bodies and responses) is compiled with ajv 8 in JSON Schema
// 2020-12 strict mode, so an unknown keyword, a keyword that does not apply to its type, an
// unknown format or an unresolvable `$ref` fails. Files before --invalid must pass; files after
// it must be rejected (to show the checks check something). Prints `N passed, M failed`; exit 1 on
// any failure, 2 on a usage error.
'use strict';
const fs = require('fs');
const Ajv2020 = require('ajv8/dist/2020');

const args = process.argv.slice(2);
const split = args.indexOf('--invalid');
const valid = split < 0 ? args : args.slice(0, split);
const invalid = split < 0 ? [] : args.slice(split + 1);
if (valid.length + invalid.length === 0) {
  console.error('usage: validate_openapi.js FILE... [--invalid FILE...]');
  process.exit(2);
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;
const formats = {
  email: /^[^\s@]+@[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  'uri-reference': /^[^\s]*$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  date: DATE,
  time: TIME,
  'date-time': { validate: (s) => s.split(/t|\s/i).length === 2 },
  duration: /^P/,
  hostname: /^[a-z0-9.-]+$/i,
  ipv4: /^[0-9.]+$/,
  ipv6: /^[0-9a-f:.]+$/i,
};

const pointer = (parts) => '#/' + parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

// JSON pointers (as arrays) of every schema the document holds outside components.schemas.
function inlineSchemas(doc) {
  const found = [];
  for (const [route, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== 'object' || op === null) continue;
      (op.parameters || []).forEach((p, i) => {
        if (p.schema) found.push(['paths', route, method, 'parameters', i, 'schema']);
      });
      for (const [type, media] of Object.entries((op.requestBody && op.requestBody.content) || {})) {
        if (media.schema) found.push(['paths', route, method, 'requestBody', 'content', type, 'schema']);
      }
      for (const [code, response] of Object.entries(op.responses || {})) {
        for (const [type, media] of Object.entries(response.content || {})) {
          if (media.schema) found.push(['paths', route, method, 'responses', code, 'content', type, 'schema']);
        }
      }
    }
  }
  return found;
}

function compileSchemas(doc) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, formats });
  // The document itself is the root the `#/components/...` references resolve in; its
  // OpenAPI-only members are declared as (ignored) keywords.
  for (const keyword of ['openapi', 'info', 'servers', 'tags', 'paths', 'components', 'security',
    'webhooks', 'externalDocs', 'jsonSchemaDialect']) {
    ajv.addKeyword(keyword);
  }
  ajv.addSchema({ ...doc, $id: 'urn:openapi:document' });
  const errors = [];
  const targets = Object.keys((doc.components && doc.components.schemas) || {}).map((name) => ['components', 'schemas', name]);
  for (const target of [...targets, ...inlineSchemas(doc)]) {
    const ref = `urn:openapi:document${pointer(target)}`;
    try {
      ajv.compile({ $ref: ref });
    } catch (error) {
      errors.push(`${pointer(target)}: ${error.message}`);
    }
  }
  return errors;
}

async function main() {
  const { Validator } = await import('@seriousme/openapi-schema-validator');
  let passed = 0;
  let failed = 0;
  async function check(file, expectValid) {
    let problems = [];
    let doc;
    try {
      doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`not JSON: ${error.message}`);
    }
    if (doc !== undefined) {
      const validator = new Validator();
      const result = await validator.validate(doc);
      if (!result.valid) {
        problems.push(`not a valid OpenAPI document: ${JSON.stringify(result.errors).slice(0, 2000)}`);
      } else if (validator.version !== '3.1') {
        problems.push(`OpenAPI version ${validator.version}, expected 3.1`);
      } else {
        try {
          validator.resolveRefs();
        } catch (error) {
          problems.push(`unresolvable $ref: ${error.message}`);
        }
        problems = problems.concat(compileSchemas(doc));
      }
    }
    const ok = problems.length === 0;
    if (ok === expectValid) {
      passed++;
    } else {
      failed++;
      if (expectValid) {
        for (const problem of problems) console.log(`${file}: ${problem}`);
      } else {
        console.log(`${file}: accepted, but should have been rejected`);
      }
    }
  }
  for (const file of valid) await check(file, true);
  for (const file of invalid) await check(file, false);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
