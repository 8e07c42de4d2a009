// The query of a list route, the same in every store: conditions on fields (equality, one of
// several enum values, range bounds), a text search, and an order. Values of a field order by
// its kind: numbers by value, decimals exactly (decimal.ts), datetimes by the instant they name
// (whatever their offset), dates and text by code point, `false` before `true`, enum values in
// declaration order. Records without a value never meet a range and sort last either way; ties
// are broken by id, so pages never overlap.
import { decimalOrderKey } from './decimal.js';

export type Scalar = string | number | boolean;

// How a field's values order: a kind, or an enum's values in declaration order.
export type OrderKind = 'number' | 'decimal' | 'date' | 'datetime' | 'text' | 'boolean' | readonly string[];

export type Bound = 'gte' | 'gt' | 'lte' | 'lt';

// How a field's values order, from an entity's table of order kinds (own members only: a field
// named `constructor` is not Object's).
export const kindOf = (order: Readonly<Record<string, OrderKind>>, field: string): OrderKind | undefined =>
  Object.hasOwn(order, field) ? order[field] : undefined;

export type Condition =
  | { readonly field: string; readonly op: 'eq'; readonly value: Scalar }
  | { readonly field: string; readonly op: 'in'; readonly values: readonly Scalar[] }
  | { readonly field: string; readonly op: 'has'; readonly value: Scalar } // a list field holds it
  | { readonly field: string; readonly op: 'absent' } // no value: null or missing
  | { readonly field: string; readonly op: Bound; readonly value: Scalar };

export interface SortKey {
  readonly field: string;
  readonly descending: boolean;
}

export interface Search {
  readonly fields: readonly string[];
  readonly text: string;
}

export interface ListQuery {
  readonly where: readonly Condition[];
  readonly search: Search | undefined;
  readonly order: readonly SortKey[];
  readonly limit: number;
  readonly offset: number;
}

const DATETIME = /^(\d{4}-\d\d-\d\d)[Tt](\d\d:\d\d)(?::(\d\d))?(?:\.(\d+))?([Zz]|[+-]\d\d:\d\d)$/;

// A datetime as a text that sorts by instant: seconds since 1970 (biased to stay positive) and the
// fraction's digits without trailing zeros.
function datetimeKey(text: string): string | undefined {
  const match = DATETIME.exec(text);
  if (match === null) return undefined;
  const [, date = '', minutes = '', seconds = '00', fraction = '', offset = 'Z'] = match;
  const millis = Date.parse(`${date}T${minutes}:${seconds}${offset.toUpperCase()}`);
  if (Number.isNaN(millis)) return undefined;
  return `${String(millis / 1000 + 1e12).padStart(13, '0')}.${fraction.replace(/0+$/, '')}`;
}

// A stored scalar as text.
const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);

// The value a field's values compare by (numbers as numbers, the rest as text), or null for no value.
export function orderKey(kind: OrderKind, value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof kind !== 'string') return kind.indexOf(textOf(value));
  switch (kind) {
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return value === true || value === 1 ? 1 : 0;
    case 'decimal':
      return decimalOrderKey(textOf(value)) ?? textOf(value);
    case 'datetime':
      return datetimeKey(textOf(value)) ?? textOf(value);
    case 'date':
    case 'text':
      return textOf(value);
  }
}

// Text in code point order (as SQLite and UTF-8 compare), not UTF-16 unit order.
function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

// -1, 0 or 1 for two keys of one kind; null (no value) comes after every value.
export function compareKeys(a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return Math.sign(compareText(String(a), String(b)));
}

// Whether `value` contains `text`, ignoring case (JavaScript's lower-case mapping).
export function containsText(value: unknown, text: string): boolean {
  return typeof value === 'string' && value.toLowerCase().includes(text.toLowerCase());
}

// Whether a stored value meets a condition, given its field's order kind (if it has one).
export function meets(condition: Condition, value: unknown, kind: OrderKind | undefined): boolean {
  if (condition.op === 'absent') return value === undefined || value === null;
  if (condition.op === 'in') return condition.values.includes(value as Scalar);
  if (condition.op === 'has') return Array.isArray(value) && value.includes(condition.value);
  if (value === undefined || value === null) return false;
  if (kind === undefined) return condition.op === 'eq' && value === condition.value;
  const order = compareKeys(orderKey(kind, value), orderKey(kind, condition.value));
  switch (condition.op) {
    case 'eq': return order === 0;
    case 'gte': return order >= 0;
    case 'gt': return order > 0;
    case 'lte': return order <= 0;
    case 'lt': return order < 0;
  }
}

// The conditions of the given entries whose value the request gave (read as own properties of
// the parsed query, so a field named `constructor` is never Object's).
export function conditions(entries: readonly (readonly [string, 'eq' | 'in' | 'has' | Bound, unknown])[]): Condition[] {
  const out: Condition[] = [];
  for (const [field, op, value] of entries) {
    if (value === undefined || value === null) continue;
    if (op === 'in') out.push({ field, op, values: (Array.isArray(value) ? value : [value]) as Scalar[] });
    else out.push({ field, op, value: value as Scalar });
  }
  return out;
}

// The search of a `q` parameter over the entity's searchable fields, when the request gives one.
export function searchFor(fields: readonly string[], text: unknown): Search | undefined {
  return typeof text === 'string' ? { fields, text } : undefined;
}

// The sort keys of a `sort` parameter (`-price,name`), already validated against the entity's
// keys; a key given twice counts once, where it first appears.
export function sortOrder(sort: unknown, internal: (wire: string) => string): SortKey[] {
  if (typeof sort !== 'string' || sort === '') return [];
  const out: SortKey[] = [];
  for (const part of sort.split(',')) {
    const descending = part.startsWith('-');
    const field = internal(descending ? part.slice(1) : part);
    if (!out.some((key) => key.field === field)) out.push({ field, descending });
  }
  return out;
}
