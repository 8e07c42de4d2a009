// The service's configuration: environment variables over an optional TOML file, over defaults.
//
// `BPC_CONFIG=path.toml` names the file; its keys are the settings' names (`port = 8080`,
// `cors_origins = ["https://app.example"]`, `rate_limit_per_key = "600/minute"`). A variable that
// is set and not empty wins over the file. `environment` ("development" or "production") chooses
// the defaults of what is not set: production rate-limits every key and tenant, logs at INFO, and
// refuses development tokens (BPC_DEV_TOKENS) outright. Every problem is a ConfigError that names
// the setting, thrown before the service starts. The settings are those of every target
// (docs/operations.md in bpc), with `database` (an SQLite file or a PostgreSQL URL) and
// `migrations` (the folder of migration scripts) for this project's store.
import { readFileSync } from 'node:fs';

import { parse } from 'smol-toml';

export interface RateLimit {
  readonly requests: number;
  readonly period: number; // seconds
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

export interface Settings {
  readonly environment: 'development' | 'production';
  readonly host: string; // '' listens on every address
  readonly port: number;
  // An SQLite file or a `postgresql://` URL (sql-store.ts); undefined keeps records in memory.
  readonly database: string | undefined;
  readonly migrations: string | undefined; // undefined: the project's migrations/
  readonly devTokens: string | undefined;
  // JSON Web Tokens (tokens.ts): the issuer and audience they must name, the provider's keys (a
  // JWKS file, or its URL), and the claims that hold the roles and the tenant.
  readonly jwtIssuer: string | undefined;
  readonly jwtAudience: string | undefined;
  readonly jwks: string | undefined;
  readonly jwtRolesClaim: string;
  readonly jwtTenantClaim: string;
  readonly corsOrigins: readonly string[];
  readonly maxBodyBytes: number;
  readonly rateLimitPerKey: RateLimit | undefined;
  readonly rateLimitPerTenant: RateLimit | undefined;
  readonly logLevel: LogLevel;
}

export class ConfigError extends Error {}

// Each setting's name (in the file) and the variable that sets it.
const VARIABLES = {
  environment: 'BPC_ENV',
  host: 'HOST',
  port: 'PORT',
  database: 'DATABASE',
  migrations: 'BPC_MIGRATIONS',
  dev_tokens: 'BPC_DEV_TOKENS',
  jwt_issuer: 'JWT_ISSUER',
  jwt_audience: 'JWT_AUDIENCE',
  jwks: 'JWKS',
  jwt_roles_claim: 'JWT_ROLES_CLAIM',
  jwt_tenant_claim: 'JWT_TENANT_CLAIM',
  cors_origins: 'CORS_ORIGINS',
  max_body_bytes: 'MAX_BODY_BYTES',
  rate_limit_per_key: 'RATE_LIMIT_PER_KEY',
  rate_limit_per_tenant: 'RATE_LIMIT_PER_TENANT',
  log_level: 'LOG_LEVEL',
} as const;
type Name = keyof typeof VARIABLES;

const PERIODS: Readonly<Record<string, number>> = { second: 1, minute: 60, hour: 3600, day: 86400 };
const LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR'];

export function developmentSettings(port: number): Settings {
  return {
    environment: 'development',
    host: '',
    port,
    database: undefined,
    migrations: undefined,
    devTokens: undefined,
    jwtIssuer: undefined,
    jwtAudience: undefined,
    jwks: undefined,
    jwtRolesClaim: 'roles',
    jwtTenantClaim: 'tenant',
    corsOrigins: [],
    maxBodyBytes: 1_048_576,
    rateLimitPerKey: undefined,
    rateLimitPerTenant: undefined,
    logLevel: 'DEBUG',
  };
}

// `600/minute`: a count, `/`, and second, minute, hour or day.
export function parseRate(text: string): RateLimit {
  const match = /^([1-9][0-9]{0,8})\/(second|minute|hour|day)$/.exec(text.trim());
  const period = match?.[2] === undefined ? undefined : PERIODS[match[2]];
  if (match?.[1] === undefined || period === undefined) throw new ConfigError(`'${text}' is not a rate such as 600/minute`);
  return { requests: Number(match[1]), period };
}

export function formatRate(rate: RateLimit): string {
  const unit = Object.keys(PERIODS).find((name) => PERIODS[name] === rate.period) ?? `${String(rate.period)}s`;
  return `${String(rate.requests)}/${unit}`;
}

function text(name: Name, value: unknown): string {
  if (typeof value !== 'string') throw new ConfigError(`${name} must be text, not ${JSON.stringify(value)}`);
  return value.trim();
}

function integer(name: Name, value: unknown, low: number, high: number): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[0-9]+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < low || number > high) {
    throw new ConfigError(`${name} must be a whole number from ${String(low)} to ${String(high)}, not ${JSON.stringify(value)}`);
  }
  return number;
}

function origins(value: unknown): string[] {
  const items: unknown = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || !items.every((item): item is string => typeof item === 'string')) {
    throw new ConfigError(`cors_origins must be a list of origins, not ${JSON.stringify(value)}`);
  }
  const list = items.map((item) => item.trim().replace(/\/$/, '')).filter((item) => item !== '');
  for (const origin of list) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(`cors_origins: '${origin}' is not an origin such as https://app.example`);
    }
  }
  return list;
}

function rate(name: Name, value: unknown): RateLimit | undefined {
  const given = text(name, value);
  if (given === '' || given === 'off') return undefined;
  try {
    return parseRate(given);
  } catch (error) {
    throw new ConfigError(`${name}: ${(error as Error).message}`);
  }
}

function readFile(path: string): Record<string, unknown> {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`BPC_CONFIG: cannot read ${path}: ${(error as Error).message}`);
  }
  let values: Record<string, unknown>;
  try {
    values = parse(source);
  } catch (error) {
    throw new ConfigError(`BPC_CONFIG: ${path} is not TOML: ${(error as Error).message}`);
  }
  for (const key of Object.keys(values)) {
    if (!Object.hasOwn(VARIABLES, key)) {
      throw new ConfigError(`${path}: unknown setting '${key}' (the settings: ${Object.keys(VARIABLES).join(', ')})`);
    }
  }
  return values;
}

// The settings from the environment (and the file BPC_CONFIG names); `port` is the default port.
export function loadSettings(environ: Readonly<Record<string, string | undefined>>, port: number): Settings {
  const raw = new Map<Name, unknown>();
  const config = environ['BPC_CONFIG'] ?? '';
  if (config !== '') for (const [key, value] of Object.entries(readFile(config))) raw.set(key as Name, value);
  for (const [key, variable] of Object.entries(VARIABLES) as [Name, string][]) {
    const value = environ[variable];
    if (value !== undefined && value !== '') raw.set(key, value);
  }
  const environment = raw.has('environment') ? text('environment', raw.get('environment')) : 'development';
  if (environment !== 'development' && environment !== 'production') {
    throw new ConfigError(`environment must be development or production, not '${environment}'`);
  }
  const production = environment === 'production';
  const base = developmentSettings(port);
  const level = raw.has('log_level') ? text('log_level', raw.get('log_level')).toUpperCase() : production ? 'INFO' : base.logLevel;
  if (!LEVELS.includes(level as LogLevel)) throw new ConfigError(`log_level must be one of ${LEVELS.join(', ')}, not '${level}'`);
  const optional = (name: Name): string | undefined => {
    const value = raw.has(name) ? text(name, raw.get(name)) : '';
    return value === '' ? undefined : value;
  };
  const settings: Settings = {
    environment,
    host: raw.has('host') ? text('host', raw.get('host')) : base.host,
    port: raw.has('port') ? integer('port', raw.get('port'), 1, 65535) : port,
    database: optional('database'),
    migrations: optional('migrations'),
    devTokens: optional('dev_tokens'),
    jwtIssuer: optional('jwt_issuer'),
    jwtAudience: optional('jwt_audience'),
    jwks: optional('jwks'),
    jwtRolesClaim: optional('jwt_roles_claim') ?? base.jwtRolesClaim,
    jwtTenantClaim: optional('jwt_tenant_claim') ?? base.jwtTenantClaim,
    corsOrigins: raw.has('cors_origins') ? origins(raw.get('cors_origins')) : base.corsOrigins,
    maxBodyBytes: raw.has('max_body_bytes') ? integer('max_body_bytes', raw.get('max_body_bytes'), 1, 2 ** 40) : base.maxBodyBytes,
    rateLimitPerKey: raw.has('rate_limit_per_key')
      ? rate('rate_limit_per_key', raw.get('rate_limit_per_key'))
      : production ? { requests: 600, period: 60 } : undefined,
    rateLimitPerTenant: raw.has('rate_limit_per_tenant')
      ? rate('rate_limit_per_tenant', raw.get('rate_limit_per_tenant'))
      : production ? { requests: 6000, period: 60 } : undefined,
    logLevel: level as LogLevel,
  };
  const jwt = [settings.jwtIssuer, settings.jwtAudience, settings.jwks];
  if (jwt.some((value) => value !== undefined) && !jwt.every((value) => value !== undefined)) {
    throw new ConfigError('jwt_issuer, jwt_audience and jwks go together: set all three, or none');
  }
  if (production && settings.jwks?.startsWith('http://') === true) {
    throw new ConfigError(`jwks: ${settings.jwks} is plain http; production fetches keys only over https`);
  }
  if (production && settings.devTokens !== undefined) {
    throw new ConfigError('development tokens (BPC_DEV_TOKENS) are refused in production: configure a real token verifier');
  }
  return settings;
}
