// What operating a generated service needs, around its APIs: `/live`, `/ready` and `/metrics`,
// and the Express middleware that gives every request its ids, refuses bodies over the size limit
// (413) and callers over their rate limits (429), answers CORS, and records each answer in the
// metrics and the log. The settings are settings.ts's; the contract is every target's
// (docs/operations.md in bpc).
//
// Order per request: CORS (when origins are configured); ids; the size limit by Content-Length;
// authentication (app.ts); the rate limits, per key (the bearer token, hashed, or the client
// address without one) and per tenant (the tenant of the token's principal), before the body is
// read; the body (express.json enforces the size limit while reading); then the routes. The probes and `/metrics` are never limited and are logged at DEBUG.
import { createHash } from 'node:crypto';

import cors from 'cors';
import type { Express, NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry } from 'prom-client';

import type { Principal } from './access.js';
import type { Outbox } from './events.js';
import { Logger, incomingId, newId, withCorrelationId } from './logs.js';
import { HttpProblem } from './problem.js';
import { type Decision, Gcra, rateLimitHeaders } from './rate-limit.js';
import type { Settings } from './settings.js';
import type { EntityDescriptor, Repository, Row, Store } from './store.js';

export const OPERATIONAL_PATHS: ReadonlySet<string> = new Set(['/live', '/ready', '/health', '/metrics']);

// Seconds; the default buckets of the Prometheus clients, plus 25 ms and 250 ms.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

// The application's Prometheus metrics, in a registry of its own (no global state).
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: "Time from a request's arrival to its answer",
    labelNames: ['method', 'route'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });
  readonly store = new Histogram({
    name: 'store_transaction_duration_seconds',
    help: 'Time a store transaction took',
    labelNames: ['outcome'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'http_rate_limited_total',
    help: 'Requests refused by a rate limit',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
}

// A store whose transactions are timed; everything else is the store's own.
export class MeteredStore implements Store {
  constructor(
    readonly inner: Store,
    private readonly metrics: Metrics,
  ) {}

  get outbox(): Outbox {
    return this.inner.outbox;
  }

  repository<T extends object = Row>(entity: EntityDescriptor): Repository<T> {
    return this.inner.repository<T>(entity);
  }

  transaction<R>(work: () => R): R {
    const end = this.metrics.store.startTimer();
    let outcome = 'rolled_back';
    try {
      const result = this.inner.transaction(work);
      outcome = 'committed';
      return result;
    } finally {
      end({ outcome });
    }
  }

  close(): void {
    this.inner.close();
  }
}

function tooLarge(limit: number): HttpProblem {
  return new HttpProblem(413, 'Content too large', `the request body is larger than ${String(limit)} bytes`);
}

const patterns = new Map<string, RegExp>();

// A route path (`/patients/:id`) as a pattern of the paths it matches.
function pattern(template: string): RegExp {
  let found = patterns.get(template);
  if (found === undefined) {
    const segments = template.split('/').map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    found = new RegExp('^' + segments.join('/') + '$');
    patterns.set(template, found);
  }
  return found;
}

// The template of the route that answered (`/api/v1/patients/:id`), or `unmatched`. A route of a
// router mounted on a prefix knows only its own part, and the prefix (req.baseUrl) is gone once
// the router is left (an error answered by the app's handler), so the prefix is the part of the
// request's path before the shortest tail the route matches.
function routeTemplate(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (typeof route?.path !== 'string') return 'unmatched';
  const template = route.path;
  const path = req.originalUrl.split('?')[0] ?? '';
  const tail = pattern(template);
  for (let i = 0; i < path.length; i++) if (path[i] === '/' && tail.test(path.slice(i))) return path.slice(0, i) + template;
  return template;
}

// Adds what runs before the body is read: CORS, ids, the metrics and log line of every answer, and
// the size limit by Content-Length.
export function installOperations(app: Express, settings: Settings, metrics: Metrics, logger: Logger): void {
  if (settings.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: settings.corsOrigins.includes('*') ? '*' : [...settings.corsOrigins],
        methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'X-Correlation-Id'],
        exposedHeaders: ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After', 'X-Request-Id', 'X-Correlation-Id'],
        maxAge: 600,
      }),
    );
  }
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const requestId = incomingId(req.get('x-request-id')) ?? newId();
    const correlationId = incomingId(req.get('x-correlation-id')) ?? requestId;
    res.set({ 'X-Request-Id': requestId, 'X-Correlation-Id': correlationId });
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      const route = routeTemplate(req);
      metrics.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.latency.observe({ method: req.method, route }, seconds);
      withCorrelationId(correlationId, () => {
        logger.log(OPERATIONAL_PATHS.has(req.path) ? 'DEBUG' : 'INFO', 'bpc.access', `${req.method} ${route} ${String(res.statusCode)}`, {
          request_id: requestId,
          method: req.method,
          route,
          status: res.statusCode,
          duration_ms: Math.round(seconds * 1e6) / 1000,
        });
      });
    });
    res.locals['correlationId'] = correlationId;
    const length = req.get('content-length');
    if (length !== undefined && /^[0-9]+$/.test(length) && Number(length) > settings.maxBodyBytes) {
      throw tooLarge(settings.maxBodyBytes);
    }
    next();
  });
}

// The size limit's problem, for the body parser's refusal too.
export function bodyTooLarge(settings: Settings): HttpProblem {
  return tooLarge(settings.maxBodyBytes);
}

// Runs the rest of the request with its correlation id current (after the body is read: the
// parser's callbacks run in the socket's context, not the request's).
export function correlate(_req: Request, res: Response, next: NextFunction): void {
  withCorrelationId(res.locals['correlationId'] as string, next);
}

// Adds the rate limits (after authentication, which finds the caller's tenant) and the probes.
export function installLimitsAndProbes(app: Express, settings: Settings, metrics: Metrics, store: Store): void {
  const perKey = settings.rateLimitPerKey === undefined ? undefined : new Gcra(settings.rateLimitPerKey);
  const perTenant = settings.rateLimitPerTenant === undefined ? undefined : new Gcra(settings.rateLimitPerTenant);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (OPERATIONAL_PATHS.has(req.path) || (perKey === undefined && perTenant === undefined)) {
      next();
      return;
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
    const decisions: Decision[] = [];
    if (perKey !== undefined) {
      const key = bearer === undefined ? `address:${req.ip ?? 'unknown'}` : `token:${createHash('sha256').update(bearer).digest('hex')}`;
      decisions.push(perKey.check(key));
    }
    const principal = res.locals['principal'] as Principal | undefined;
    if (perTenant !== undefined && decisions.every((d) => d.allowed) && principal?.tenant !== undefined) {
      decisions.push(perTenant.check(`tenant:${principal.tenant}`));
    }
    const refused = decisions.find((d) => !d.allowed);
    const shown = refused ?? decisions.reduce<Decision | undefined>((a, d) => (a === undefined || d.remaining < a.remaining ? d : a), undefined);
    if (shown !== undefined) res.set(rateLimitHeaders(shown));
    if (refused !== undefined) {
      metrics.rateLimited.inc({ limit: decisions.indexOf(refused) === 0 && perKey !== undefined ? 'key' : 'tenant' });
      throw new HttpProblem(429, 'Too many requests', "this caller's rate limit is used up; retry later");
    }
    next();
  });
  app.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', (_req, res) => {
    try {
      store.transaction(() => undefined);
    } catch {
      throw new HttpProblem(503, 'Not ready', 'the store cannot be reached');
    }
    res.json({ status: 'ready' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
