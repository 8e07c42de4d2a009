// JSON Web Tokens (runtime/tokens.ts), with keys these tests make: what is accepted, what is
// refused (expired, another issuer or audience, an unknown key, `none`, HMAC signed with the
// public key, no subject), roles and tenants from their claims, keys fetched from a JWKS URL on a
// loopback server (and fetched again for a new key id), and the service answering such tokens.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';

import { type CryptoKey, type JWK, SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';

import { createApp } from '../src/app.js';
import { Logger } from '../src/runtime/logs.js';
import { MemoryStore } from '../src/runtime/memory-store.js';
import { ConfigError, loadSettings } from '../src/runtime/settings.js';
import { jwtVerifier } from '../src/runtime/tokens.js';
import { creators } from './fixtures.js';
import { scratchFile } from './scratch.js';

const ISSUER = 'https://id.example/realm';
const AUDIENCE = 'bpc-service';

interface Keys {
  rsa: CryptoKey;
  rsaPublic: CryptoKey;
  ec: CryptoKey;
  jwks: { keys: JWK[] };
}

async function makeKeys(): Promise<Keys> {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const jwks = {
    keys: [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ],
  };
  return { rsa: rsa.privateKey, rsaPublic: rsa.publicKey, ec: ec.privateKey, jwks };
}

async function token(
  key: CryptoKey,
  claims: Record<string, unknown> = {},
  header: { kid: string; alg: string } = { kid: 'rsa-1', alg: 'RS256' },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { iss: ISSUER, aud: AUDIENCE, sub: 'user-1', iat: now, exp: now + 300, ...claims };
  for (const [name, value] of Object.entries(payload)) if (value === null) Reflect.deleteProperty(payload, name);
  return new SignJWT(payload).setProtectedHeader(header).sign(key);
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function jwksFile(keys: Keys): string {
  return scratchFile('jwks.json', JSON.stringify(keys.jwks));
}

void describe('JSON Web Tokens', () => {
  void test('a valid token names its subject, roles and tenant', async () => {
    const keys = await makeKeys();
    const verifier = jwtVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: jwksFile(keys) });
    const principal = await verifier.verify(await token(keys.rsa, { roles: ['Admin', 'Member'], tenant: 'acme' }));
    assert.deepEqual(principal, { subject: 'user-1', roles: ['Admin', 'Member'], tenant: 'acme' });
    const elliptic = await verifier.verify(await token(keys.ec, { roles: 'Admin Member' }, { kid: 'ec-1', alg: 'ES256' }));
    assert.deepEqual(elliptic, { subject: 'user-1', roles: ['Admin', 'Member'] });
  });

  void test('tokens that do not hold are refused', async () => {
    const keys = await makeKeys();
    const verifier = jwtVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: jwksFile(keys) });
    const cases: Record<string, Record<string, unknown>> = {
      expired: { exp: 1_000_000 },
      'not yet valid': { nbf: 4_000_000_000 },
      issuer: { iss: 'https://other.example' },
      audience: { aud: 'another-service' },
      'no subject': { sub: null },
      'no expiry': { exp: null },
    };
    for (const [name, claims] of Object.entries(cases)) {
      assert.equal(await verifier.verify(await token(keys.rsa, claims)), undefined, name);
    }
  });

  void test('forged tokens are refused', async () => {
    const keys = await makeKeys();
    const verifier = jwtVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: jwksFile(keys) });
    const stranger = await generateKeyPair('ES256');
    assert.equal(await verifier.verify(await token(stranger.privateKey, {}, { kid: 'ec-1', alg: 'ES256' })), undefined);
    assert.equal(await verifier.verify(await token(keys.rsa, {}, { kid: 'rsa-9', alg: 'RS256' })), undefined);
    const claims = { iss: ISSUER, aud: AUDIENCE, sub: 'x', exp: Math.floor(Date.now() / 1000) + 60 };
    const unsigned = `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.`;
    assert.equal(await verifier.verify(unsigned), undefined);
    // The public key used as an HMAC secret.
    const input = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'rsa-1' }))}.${base64url(JSON.stringify(claims))}`;
    const secret = await exportSPKI(keys.rsaPublic);
    const confused = `${input}.${base64url(createHmac('sha256', secret).update(input).digest())}`;
    assert.equal(await verifier.verify(confused), undefined);
    assert.equal(await verifier.verify('not.a.token'), undefined);
  });

  void test('roles and tenant come from the configured claims', async () => {
    const keys = await makeKeys();
    const verifier = jwtVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: jwksFile(keys), rolesClaim: 'realm_access.roles', tenantClaim: 'org' });
    const principal = await verifier.verify(await token(keys.rsa, { realm_access: { roles: ['Admin', 7] }, org: 'blue', roles: ['Ignored'] }));
    assert.deepEqual(principal, { subject: 'user-1', roles: ['Admin'], tenant: 'blue' });
  });

  void test('keys are fetched from a JWKS URL, and again for a new key id', async () => {
    const keys = await makeKeys();
    let fetched = 0;
    const server: Server = createServer((_req, res) => {
      fetched += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys.jwks));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const verifier = jwtVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: `http://127.0.0.1:${String(port)}/jwks.json`, refreshCooldown: 0 });
      assert.notEqual(await verifier.verify(await token(keys.rsa)), undefined);
      assert.notEqual(await verifier.verify(await token(keys.rsa)), undefined);
      assert.equal(fetched, 1);
      const rotated = await generateKeyPair('ES256', { extractable: true });
      keys.jwks.keys.push({ ...(await exportJWK(rotated.publicKey)), kid: 'ec-2', alg: 'ES256', use: 'sig' });
      assert.notEqual(await verifier.verify(await token(rotated.privateKey, {}, { kid: 'ec-2', alg: 'ES256' })), undefined);
      assert.equal(fetched, 2);
    } finally {
      server.close();
      await once(server, 'close');
    }
  });

  void test('the service answers JSON Web Tokens', async (t) => {
    const route = [...creators.values()].find((creator) => creator.route !== undefined && creator.route.role !== '')?.route;
    if (route === undefined) {
      t.skip('no create route needs a role');
      return;
    }
    const keys = await makeKeys();
    const verifier = jwtVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: jwksFile(keys) });
    const { app } = createApp({ store: new MemoryStore(), verifier, logger: new Logger('ERROR') });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const status = async (bearer: string): Promise<number> => {
        const response = await fetch(`http://127.0.0.1:${String(port)}${route.path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: '{}',
        });
        return response.status;
      };
      assert.notEqual(await status(await token(keys.rsa, { roles: [route.role] })), 401); // accepted: the body is judged next
      assert.equal(await status(await token(keys.rsa, { roles: [] })), 403);
      assert.equal(await status(await token(keys.rsa, { roles: [route.role], exp: 1_000_000 })), 401);
    } finally {
      server.close();
      await once(server, 'close');
    }
  });

  void test('JWT settings go together, and production fetches keys over https', () => {
    assert.throws(() => loadSettings({ JWT_ISSUER: ISSUER }, 3000), /go together/);
    const production = { BPC_ENV: 'production', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE };
    assert.throws(
      () => loadSettings({ ...production, JWKS: 'http://id.example/jwks.json' }, 3000),
      (error: unknown) => error instanceof ConfigError && /https/.test(error.message),
    );
    assert.equal(loadSettings({ ...production, JWKS: 'https://id.example/jwks.json' }, 3000).jwks, 'https://id.example/jwks.json');
  });
});
