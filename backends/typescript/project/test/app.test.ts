// What every generated service answers besides its APIs: /health, /openapi.json, 404 for unknown
// routes and 400 for malformed JSON, all as the blueprint-independent part of the tests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { openApiDocuments } from '../src/openapi.js';
import { Service, object } from './service.js';

void describe('the service', () => {
  let service: Service;
  before(async () => {
    service = await Service.start();
  });
  after(() => service.close());

  void test('/health answers ok', async () => {
    const reply = await service.call('GET', '/health');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { status: 'ok' });
  });

  void test('/openapi.json serves the OpenAPI documents', async () => {
    const names = Object.keys(openApiDocuments);
    const reply = await service.call('GET', '/openapi.json');
    assert.equal(reply.status, 200);
    if (names.length === 1) {
      assert.equal(object(reply)['openapi'], '3.1.0');
      assert.deepEqual(reply.body, openApiDocuments[names[0] ?? '']);
      return;
    }
    for (const name of names) {
      const documents = object(reply)['documents'] as Record<string, string>;
      const document = await service.call('GET', documents[name] ?? '');
      assert.equal(document.status, 200);
      assert.deepEqual(document.body, openApiDocuments[name]);
    }
  });

  void test('an unknown route is 404 problem+json', async () => {
    const reply = await service.call('GET', '/no/such/route');
    assert.equal(reply.status, 404);
    assert.equal(object(reply)['status'], 404);
  });

  void test('a malformed JSON body is 400 problem+json', async () => {
    const response = await fetch(`${service.base}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"unclosed": ',
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('content-type')?.startsWith('application/problem+json'), true);
  });
});
