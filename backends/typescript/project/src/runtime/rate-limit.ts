// Rate limits by the generic cell rate algorithm (GCRA), one theoretical arrival time per key.
//
// A limit of N requests per period P lets a key make N requests at once and then one every P/N
// seconds: each request moves the key's theoretical arrival time on by P/N, and a request that
// would put it more than P ahead of now is refused. The headers follow the IETF draft on
// rate-limit headers: `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds until
// the key's whole quota is back) and, on a refusal, `Retry-After`. The times live in memory, per
// process; keys whose quota is whole again are forgotten once there are more than `maxKeys`.
import type { RateLimit } from './settings.js';

export interface Decision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  readonly reset: number; // seconds until the quota is whole again
  readonly retryAfter: number; // seconds until a refused request may pass
}

export function rateLimitHeaders(decision: Decision): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(Math.ceil(decision.reset)),
  };
  if (!decision.allowed) headers['Retry-After'] = String(Math.max(1, Math.ceil(decision.retryAfter)));
  return headers;
}

export class Gcra {
  private readonly interval: number;
  private readonly arrivals = new Map<string, number>();

  constructor(
    readonly limit: RateLimit,
    private readonly clock: () => number = () => performance.now() / 1000,
    private readonly maxKeys = 100_000,
  ) {
    this.interval = limit.period / limit.requests;
  }

  // Counts a request of `key`, if the limit lets it pass, and says what it decided.
  check(key: string): Decision {
    const now = this.clock();
    const period = this.limit.period;
    const arrival = Math.max(this.arrivals.get(key) ?? now, now);
    const next = arrival + this.interval;
    if (next - now > period + 1e-9) {
      return { allowed: false, limit: this.limit.requests, remaining: 0, reset: arrival - now, retryAfter: next - now - period };
    }
    this.arrivals.delete(key); // re-inserted last: the map stays in order of use
    this.arrivals.set(key, next);
    if (this.arrivals.size > this.maxKeys) this.forgetWhole(now);
    const remaining = Math.floor((period - (next - now)) / this.interval + 1e-9);
    return { allowed: true, limit: this.limit.requests, remaining, reset: next - now, retryAfter: 0 };
  }

  private forgetWhole(now: number): void {
    for (const [key, arrival] of this.arrivals) if (arrival <= now) this.arrivals.delete(key);
    for (const key of this.arrivals.keys()) {
      if (this.arrivals.size <= this.maxKeys) break;
      this.arrivals.delete(key); // every key is busy: the least recently used go
    }
  }
}
