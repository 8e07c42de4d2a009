// Structured logs, one JSON object per line on standard error, and the ids that tie them together.
//
// Every request has a request id (its `X-Request-Id` when that is a sane token, else a new one)
// and a correlation id (its `X-Correlation-Id`, else the request id); both are answered in the
// response headers, written in the request's log line, and the correlation id goes into every
// event the request publishes (events.ts reads `currentCorrelationId`, kept per request by
// AsyncLocalStorage).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

import type { LogLevel } from './settings.js';

const correlation = new AsyncLocalStorage<string>();
const SANE_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;
const RANK: Readonly<Record<LogLevel, number>> = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40 };

// An id a caller sent, if it is safe to log and echo (at most 128 token characters).
export function incomingId(value: string | undefined): string | undefined {
  return value !== undefined && SANE_ID.test(value) ? value : undefined;
}

export function newId(): string {
  return randomUUID().replaceAll('-', '');
}

// Runs `work` (and everything it starts) with `id` as the current correlation id.
export function withCorrelationId<R>(id: string, work: () => R): R {
  return correlation.run(id, work);
}

export function currentCorrelationId(): string | undefined {
  return correlation.getStore();
}

// Writes JSON lines at or above a level; `write` is where they go (standard error by default).
export class Logger {
  constructor(
    private readonly level: LogLevel,
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
  ) {}

  log(level: LogLevel, logger: string, message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    if (RANK[level] < RANK[this.level]) return;
    const id = currentCorrelationId();
    const line = {
      time: new Date().toISOString(),
      level: level.toLowerCase(),
      logger,
      message,
      ...(id === undefined ? {} : { correlation_id: id }),
      ...fields,
    };
    this.write(JSON.stringify(line) + '\n');
  }
}
