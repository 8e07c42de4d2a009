// Errors as RFC 9457 problem details (application/problem+json). Every failure a handler reports
// is an HttpProblem; the error middleware in app.ts writes it.
import type { z } from 'zod';

import { wireKey } from './wire.js';

export interface FieldError {
  field: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: readonly FieldError[],
    // Response headers that go with the problem (`WWW-Authenticate` with a 401).
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? title);
  }

  toJSON(): Record<string, unknown> {
    const body: Record<string, unknown> = { type: 'about:blank', title: this.title, status: this.status };
    if (this.detail !== undefined) body['detail'] = this.detail;
    if (this.errors !== undefined) body['errors'] = this.errors;
    return body;
  }
}

// The dotted path of an issue, in wire names: `address.city`, `tags.2`; the whole input is
// `(body)` etc.
function pathText(path: readonly PropertyKey[], where: string): string {
  return path.length === 0 ? `(${where})` : path.map((key) => (typeof key === 'string' ? wireKey(key) : String(key))).join('.');
}

// 400 naming every field that failed validation, in `detail` and in `errors`.
export function invalid(error: z.ZodError, where: string): HttpProblem {
  const errors = error.issues.map((issue) => ({ field: pathText(issue.path, where), message: issue.message }));
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new HttpProblem(400, 'Invalid request', detail, errors);
}

export const notFound = (what: string): HttpProblem => new HttpProblem(404, 'Not found', `${what} does not exist`);
export const conflict = (detail: string): HttpProblem => new HttpProblem(409, 'Conflict', detail);
export const unauthorized = (): HttpProblem =>
  new HttpProblem(401, 'Unauthorized', 'a valid bearer token is required', undefined, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (detail = "none of the caller's roles may do this"): HttpProblem =>
  new HttpProblem(403, 'Forbidden', detail);
export const notImplemented = (operation: string): HttpProblem =>
  new HttpProblem(501, 'Not implemented', `operation ${operation} has no implementation yet`);
