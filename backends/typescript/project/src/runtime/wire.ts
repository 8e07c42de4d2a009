// Field names on the wire and in memory. JSON may carry any key, but a JavaScript object cannot
// hold a property named `__proto__` the ordinary way (assigning it sets the prototype), and Zod
// builds its results by assignment. So records in memory use *internal* keys: `__proto__` and any
// key starting with `$` get one more `$` in front (`$__proto__`, `$$ref`); every other key is
// itself. Blueprint names never contain `$`, so the mapping is one-to-one and never collides.
// Requests are decoded at the boundary (every object, at any depth, rebuilt without a prototype,
// keys made internal) and responses encoded back.

export const internalKey = (wire: string): string => (wire === '__proto__' || wire.startsWith('$') ? `$${wire}` : wire);
export const wireKey = (internal: string): string => (internal.startsWith('$') ? internal.slice(1) : internal);

function mapKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, rename));
  if (value !== null && typeof value === 'object') {
    const copy = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) copy[rename(key)] = mapKeys(item, rename);
    return copy;
  }
  return value;
}

// JSON from a request as the service holds it: internal keys, objects without a prototype (so a
// field named `toString` that the input leaves out reads as absent, not as Object's method).
export const fromWire = (value: unknown): unknown => mapKeys(value, internalKey);
// A value with every object rebuilt without a prototype and its keys unchanged: a struct default
// (written with internal keys) as input to its schema, which must not see Object's members.
export const bare = (value: unknown): unknown => mapKeys(value, (key) => key);
// A value the service holds as JSON for a response or the outbox.
export const toWire = (value: unknown): unknown => mapKeys(value, wireKey);

// A field of a record, or undefined when the record has no such own property: a field named
// `constructor` is never Object's.
export const own = (record: object, field: string): unknown =>
  Object.hasOwn(record, field) ? (record as Record<string, unknown>)[field] : undefined;
