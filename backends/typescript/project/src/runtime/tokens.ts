// Bearer tokens for real: a verifier of JSON Web Tokens signed by an identity provider (jose).
//
// A token is accepted when its signature checks against a key of the provider's JWKS (a file, or
// a URL whose set is fetched, cached for five minutes, and fetched again for a key id not seen
// yet, at most once per cooldown), its algorithm is an asymmetric one the key is for (never
// `none`, never HMAC: a public key must not double as a shared secret), and its `iss`, `aud`,
// `exp` (and `nbf`, `iat` when present) hold, with 30 seconds of leeway; `sub` is required. The
// principal's roles come from a claim (`roles` by default; a dotted path such as
// `realm_access.roles` reaches into objects; a list of names or one space-separated string), its
// tenant from another (`tenant` by default). Any other token is not valid: `verify` answers
// undefined, and the route answers 401.
import { readFileSync } from 'node:fs';

import { type JSONWebKeySet, type JWTVerifyGetKey, createLocalJWKSet, createRemoteJWKSet, jwtVerify } from 'jose';

import { type Principal, type TokenVerifier, staticTokenVerifier } from './access.js';
import { ConfigError, type Settings } from './settings.js';

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface JwtOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly jwks: string; // a JWKS file, or its URL
  readonly rolesClaim?: string;
  readonly tenantClaim?: string;
  readonly leeway?: number; // seconds
  readonly refreshCooldown?: number; // seconds between fetches for unknown key ids
}

function claim(payload: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function roles(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter((role) => role !== '');
  if (Array.isArray(value)) return value.filter((role): role is string => typeof role === 'string' && role !== '');
  return [];
}

export function jwtVerifier(options: JwtOptions): TokenVerifier {
  const keys: JWTVerifyGetKey = /^https?:\/\//.test(options.jwks)
    ? createRemoteJWKSet(new URL(options.jwks), {
        cacheMaxAge: 300_000,
        cooldownDuration: (options.refreshCooldown ?? 30) * 1000,
        timeoutDuration: 5000,
      })
    : createLocalJWKSet(JSON.parse(readFileSync(options.jwks, 'utf8')) as JSONWebKeySet);
  const rolesClaim = options.rolesClaim ?? 'roles';
  const tenantClaim = options.tenantClaim ?? 'tenant';
  return {
    async verify(token: string): Promise<Principal | undefined> {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ALGORITHMS,
          clockTolerance: options.leeway ?? 30,
          requiredClaims: ['exp', 'sub'],
        });
        const subject = payload.sub;
        if (subject === undefined || subject === '') return undefined;
        const tenant = claim(payload, tenantClaim);
        return {
          subject,
          roles: roles(claim(payload, rolesClaim)),
          ...(typeof tenant === 'string' || typeof tenant === 'number' ? { tenant: String(tenant) } : {}),
        };
      } catch {
        return undefined;
      }
    },
  };
}

// The first principal any of the verifiers finds.
export function chainVerifier(verifiers: readonly TokenVerifier[]): TokenVerifier {
  return {
    async verify(token: string): Promise<Principal | undefined> {
      for (const verifier of verifiers) {
        const principal = await verifier.verify(token);
        if (principal !== undefined) return principal;
      }
      return undefined;
    },
  };
}

// The verifier the settings ask for: JWTs when an issuer is configured, development tokens when
// given (development only: settings.ts refuses them in production), both in that order.
export function verifierFor(settings: Settings): TokenVerifier {
  const verifiers: TokenVerifier[] = [];
  if (settings.jwtIssuer !== undefined) {
    try {
      verifiers.push(
        jwtVerifier({
          issuer: settings.jwtIssuer,
          audience: settings.jwtAudience ?? '',
          jwks: settings.jwks ?? '',
          rolesClaim: settings.jwtRolesClaim,
          tenantClaim: settings.jwtTenantClaim,
        }),
      );
    } catch (error) {
      throw new ConfigError(`jwks: cannot use ${settings.jwks ?? ''}: ${(error as Error).message}`);
    }
  }
  if (settings.devTokens !== undefined) verifiers.push(staticTokenVerifier(settings.devTokens));
  const [only] = verifiers;
  return verifiers.length === 1 && only !== undefined ? only : chainVerifier(verifiers);
}
