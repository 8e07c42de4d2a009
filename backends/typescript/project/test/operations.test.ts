// What every generated service does to be operated, whatever its blueprint: the probes,
// Prometheus metrics, request and correlation ids (in headers, logs and events), JSON logs,
// request size limits, rate limits per key and per tenant, CORS, and the settings
// (runtime/settings.ts).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';

import { createApp } from '../src/app.js';
import type { Principal } from '../src/runtime/access.js';
import { Logger } from '../src/runtime/logs.js';
import { MemoryStore } from '../src/runtime/memory-store.js';
import { ConfigError, formatRate, loadSettings } from '../src/runtime/settings.js';
import { creators, roleTokens } from './fixtures.js';
import { scratchFile } from './scratch.js';
import { Service } from './service.js';

// The value of one sample in a Prometheus exposition (0 when it is not there); labels in any order.
function metric(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number {
  const wanted = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const pairs = [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']);
    pairs.sort(([a = ''], [b = '']) => a.localeCompare(b));
    if (JSON.stringify(pairs) === JSON.stringify(wanted)) return Number(match[3]);
  }
  return 0;
}

// An app with the settings of `environ`, tokens of the given tenants, and its log lines kept.
async function serve(
  environ: Record<string, string>,
  tenants: Readonly<Record<string, string | undefined>> = {},
): Promise<{ base: string; lines: string[]; close: () => Promise<void> }> {
  const settings = loadSettings(environ, 0);
  const role = [...roleTokens.keys()][0];
  const principals = new Map<string, Principal>(
    Object.entries(tenants).map(([token, tenant]) => [
      token,
      { subject: token, roles: role === undefined ? [] : [role], ...(tenant === undefined ? {} : { tenant }) },
    ]),
  );
  const lines: string[] = [];
  const logger = new Logger('DEBUG', (line) => lines.push(line));
  const { app } = createApp({ store: new MemoryStore(), verifier: { verify: (token) => principals.get(token) }, settings, logger });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${String(port)}`,
    lines,
    close: async () => {
      server.close();
      await once(server, 'close');
    },
  };
}

void describe('operations', () => {
  let service: Service;
  before(async () => {
    service = await Service.start();
  });
  after(() => service.close());

  void test('the probes answer', async () => {
    assert.deepEqual((await service.call('GET', '/live')).body, { status: 'ok' });
    const ready = await service.call('GET', '/ready');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body, { status: 'ready' });
  });

  void test('metrics count requests by route and status, and time store transactions', async () => {
    const before = await (await fetch(`${service.base}/metrics`)).text();
    await service.call('GET', '/health');
    await service.call('GET', '/health');
    await service.call('GET', '/no/such/route');
    await service.call('GET', '/ready');
    const response = await fetch(`${service.base}/metrics`);
    assert.equal(response.status, 200);
    assert.ok(response.headers.get('content-type')?.startsWith('text/plain'));
    const text = await response.text();
    const grew = (name: string, labels: Record<string, string>): number => metric(text, name, labels) - metric(before, name, labels);
    assert.equal(grew('http_requests_total', { method: 'GET', route: '/health', status: '200' }), 2);
    assert.equal(grew('http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }), 1);
    assert.equal(grew('http_request_duration_seconds_count', { method: 'GET', route: '/health' }), 2);
    assert.equal(grew('http_request_duration_seconds_bucket', { le: '+Inf', method: 'GET', route: '/health' }), 2);
    assert.equal(grew('store_transaction_duration_seconds_count', { outcome: 'committed' }), 1);
  });

  void test('request ids are answered, and kept when sane', async () => {
    const made = await fetch(`${service.base}/health`);
    assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);
    assert.equal(made.headers.get('x-correlation-id'), made.headers.get('x-request-id'));
    const given = await fetch(`${service.base}/health`, { headers: { 'X-Request-Id': 'req-1', 'X-Correlation-Id': 'flow-7' } });
    assert.equal(given.headers.get('x-request-id'), 'req-1');
    assert.equal(given.headers.get('x-correlation-id'), 'flow-7');
    const hostile = await fetch(`${service.base}/health`, { headers: { 'X-Request-Id': 'a b"<script>' + 'x'.repeat(200) } });
    assert.match(hostile.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);
  });

  void test('events carry the correlation id, and the route is counted by its template', async (t) => {
    const creatable = [...creators.entries()].find(([, creator]) => creator.route !== undefined);
    if (creatable === undefined) {
      t.skip('no entity has a create route');
      return;
    }
    const [entity, creator] = creatable;
    const route = creator.route;
    assert.ok(route);
    const body = await service.body(entity);
    const published = service.published.length;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'X-Correlation-Id': 'order-flow-42' };
    if (route.role !== '') headers['authorization'] = `Bearer ${roleTokens.get(route.role) ?? ''}`;
    const response = await fetch(service.base + route.path, { method: 'POST', headers, body: JSON.stringify(body) });
    assert.equal(response.status, 201, await response.text());
    const raised = service.published.slice(published);
    assert.ok(raised.some((event) => event.name === `${entity}.created`), JSON.stringify(raised.map((e) => e.name)));
    assert.ok(raised.every((event) => event.correlationId === 'order-flow-42'));
    if (route.role !== '') {
      // Refused before the route's own code runs: counted under the same template.
      const refused = await fetch(service.base + route.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(refused.status, 401);
    }
    const text = await (await fetch(`${service.base}/metrics`)).text();
    const template = route.path.replace(/\{(\w+)\}/g, ':$1');
    assert.ok(metric(text, 'http_requests_total', { method: 'POST', route: template, status: '201' }) >= 1, text);
    if (route.role !== '') assert.ok(metric(text, 'http_requests_total', { method: 'POST', route: template, status: '401' }) >= 1, text);
  });
});

void describe('operations with settings', () => {
  void test('access log lines are JSON with the ids', async () => {
    const served = await serve({});
    await fetch(`${served.base}/openapi.json`, { headers: { 'X-Request-Id': 'req-9', 'X-Correlation-Id': 'flow-9' } });
    await served.close();
    const lines = served.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l['logger'] === 'bpc.access');
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.ok(line);
    assert.equal(line['level'], 'info');
    assert.equal(line['request_id'], 'req-9');
    assert.equal(line['correlation_id'], 'flow-9');
    assert.equal(line['route'], '/openapi.json');
    assert.equal(line['status'], 200);
  });

  void test('bodies over the limit are refused', async () => {
    const served = await serve({ MAX_BODY_BYTES: '64' });
    try {
      const big = await fetch(`${served.base}/openapi.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x'.repeat(80) }),
      });
      assert.equal(big.status, 413);
      assert.equal(big.headers.get('content-type')?.startsWith('application/problem+json'), true);
      const chunked = await fetch(`${served.base}/openapi.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Blob([JSON.stringify({ text: 'x'.repeat(80) })]).stream(),
        duplex: 'half',
      });
      assert.equal(chunked.status, 413);
    } finally {
      await served.close();
    }
  });

  void test('rate limit per key', async () => {
    const served = await serve({ RATE_LIMIT_PER_KEY: '3/minute' }, { k1: undefined, k2: undefined });
    try {
      const call = (token: string, path = '/openapi.json'): Promise<Response> =>
        fetch(served.base + path, { headers: { authorization: `Bearer ${token}` } });
      const remaining: (string | null)[] = [];
      for (let i = 0; i < 3; i++) {
        const reply = await call('k1');
        assert.equal(reply.status, 200);
        assert.equal(reply.headers.get('ratelimit-limit'), '3');
        remaining.push(reply.headers.get('ratelimit-remaining'));
      }
      assert.deepEqual(remaining, ['2', '1', '0']);
      const refused = await call('k1');
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('content-type')?.startsWith('application/problem+json'), true);
      const retry = Number(refused.headers.get('retry-after'));
      assert.ok(retry >= 1 && retry <= 20, String(retry));
      assert.equal((await call('k2')).status, 200);
      assert.equal((await call('k1', '/health')).status, 200);
      const text = await (await fetch(`${served.base}/metrics`)).text();
      assert.equal(metric(text, 'http_rate_limited_total', { limit: 'key' }), 1);
    } finally {
      await served.close();
    }
  });

  void test('rate limit per tenant', async () => {
    const served = await serve({ RATE_LIMIT_PER_TENANT: '2/hour' }, { a1: 'acme', a2: 'acme', b1: 'blue' });
    try {
      const call = (token: string): Promise<Response> => fetch(`${served.base}/openapi.json`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal((await call('a1')).status, 200);
      assert.equal((await call('a2')).status, 200);
      const refused = await call('a1');
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 60);
      assert.equal((await call('b1')).status, 200);
    } finally {
      await served.close();
    }
  });

  void test('CORS allows only the configured origins', async () => {
    const served = await serve({ CORS_ORIGINS: 'https://app.example' });
    try {
      const preflight = await fetch(`${served.base}/openapi.json`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' },
      });
      assert.ok(preflight.status === 204 || preflight.status === 200, String(preflight.status));
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://app.example');
      const other = await fetch(`${served.base}/openapi.json`, { headers: { Origin: 'https://evil.example' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    } finally {
      await served.close();
    }
    const plain = await serve({});
    try {
      const reply = await fetch(`${plain.base}/health`, { headers: { Origin: 'https://app.example' } });
      assert.equal(reply.headers.get('access-control-allow-origin'), null);
    } finally {
      await plain.close();
    }
  });

  void test('settings come from the file and the environment', () => {
    const config = scratchFile('service.toml', 'port = 9000\nlog_level = "warning"\ncors_origins = ["https://a.example"]\n');
    const settings = loadSettings({ BPC_CONFIG: config, PORT: '9100' }, 3000);
    assert.equal(settings.port, 9100);
    assert.equal(settings.logLevel, 'WARNING');
    assert.deepEqual(settings.corsOrigins, ['https://a.example']);
    assert.equal(settings.rateLimitPerKey, undefined);
    const production = loadSettings({ BPC_ENV: 'production' }, 3000);
    assert.equal(production.rateLimitPerKey === undefined ? '' : formatRate(production.rateLimitPerKey), '600/minute');
    assert.equal(production.logLevel, 'INFO');
  });

  void test('bad settings are refused', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ BPC_ENV: 'production', BPC_DEV_TOKENS: 'alice=Admin' }, /refused in production/],
      [{ BPC_ENV: 'staging' }, /development or production/],
      [{ PORT: '70000' }, /port/],
      [{ RATE_LIMIT_PER_KEY: 'lots' }, /rate_limit_per_key/],
      [{ CORS_ORIGINS: 'app.example' }, /cors_origins/],
      [{ BPC_CONFIG: '/no/such/file.toml' }, /cannot read/],
    ];
    for (const [environ, complaint] of cases) {
      assert.throws(() => loadSettings(environ, 3000), (error: unknown) => error instanceof ConfigError && complaint.test(error.message));
    }
    const config = scratchFile('service.toml', 'prot = 8080\n');
    assert.throws(() => loadSettings({ BPC_CONFIG: config }, 3000), /unknown setting 'prot'/);
  });
});
