// What every generated route does before and after its own work: authenticate the caller, check
// the operation's access rule, turn query strings and JSON bodies into validated values, and write
// results. Failures are thrown as HttpProblem; Express 5 passes them (also from async handlers) to
// the error middleware in app.ts.
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';

import { type Access, type Conditions, type Principal, type TokenVerifier, permits } from './access.js';
import { HttpProblem, forbidden, invalid, unauthorized } from './problem.js';
import { fromWire, own } from './wire.js';

export { own } from './wire.js';

// Validates JSON from a request (decoded by wire.ts) against a schema: 400 naming the fields.
export function parse<Schema extends z.ZodType>(schema: Schema, input: unknown, where: string): z.output<Schema> {
  const result = schema.safeParse(fromWire(input));
  if (!result.success) throw invalid(result.error, where);
  return result.data;
}

// How a query-string or path parameter converts before validation.
export type ParameterKind = 'string' | 'number' | 'boolean' | 'list';

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;

function convert(text: string, kind: ParameterKind): unknown {
  if (kind === 'number') return NUMBER.test(text) ? Number(text) : text;
  if (kind === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

// Query and path parameters as one object (wire keys, decoded by `parse`), converted by kind (an
// unconvertible value stays a string, so validation names it). A repeated parameter is a list.
// Names the operation does not declare are kept as they came, so its strict schema refuses them
// (400) instead of ignoring a misspelt filter.
export function parameters(sources: readonly object[], kinds: Readonly<Record<string, ParameterKind>>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const source of sources) {
    for (const name of Object.keys(source)) {
      const raw = own(source, name);
      if (raw === undefined) continue;
      const kind = own(kinds, name) as ParameterKind | undefined;
      if (kind === undefined) {
        out[name] = raw;
        continue;
      }
      const texts = (Array.isArray(raw) ? raw : [raw]).map(String);
      if (kind === 'list') out[name] = texts;
      else out[name] = convert(texts[texts.length - 1] ?? '', kind);
    }
  }
  return out;
}

// Reads `Authorization: Bearer <token>` into res.locals.principal (undefined when absent or invalid).
export function authenticate(verifier: TokenVerifier) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    res.locals['principal'] = match?.[1] === undefined ? undefined : await verifier.verify(match[1]);
    next();
  };
}

// The caller, after checking the operation's access rule: 401 without identity, 403 when refused.
export function authorize(
  res: Response,
  access: Access,
  operation: string,
  conditions: Conditions,
  id?: string | number,
): Principal {
  const principal = res.locals['principal'] as Principal | undefined;
  if (principal === undefined) throw unauthorized();
  const request = id === undefined ? { principal, operation } : { principal, operation, id };
  if (!permits(access, request, conditions)) throw forbidden();
  return principal;
}

// 415 unless a request that carries a body says it is JSON. A request without a body (none, or
// `Content-Length: 0`) passes: its operation's input schema decides.
export function requireJson(req: Request): void {
  const length = req.get('content-length');
  const hasBody = req.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
  if (hasBody && req.is('application/json') === false) {
    throw new HttpProblem(415, 'Unsupported media type', 'the request body must be application/json');
  }
}

// 405 for a method the route does not serve, with the methods it does in `Allow`.
export function methodNotAllowed(allowed: string): () => never {
  return () => {
    throw new HttpProblem(405, 'Method not allowed', `this route serves ${allowed}`, undefined, { Allow: allowed });
  };
}

// The JSON of a problem, for the error middleware.
export function sendProblem(res: Response, problem: HttpProblem): void {
  res.status(problem.status).set(problem.headers).type('application/problem+json').send(JSON.stringify(problem));
}
