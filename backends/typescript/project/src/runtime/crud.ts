// The record operations every resource shares: referential integrity on writes (a reference must
// name an existing record: 409) and on deletes (`@onDelete`: restrict answers 409 unless the
// referring record goes too, cascade deletes the referring records, setNull clears the reference), unique violations as 409, and the
// response form of a record (without `@secret` fields).
import { nowDatetime } from './datetime.js';
import { HttpProblem, conflict, notFound } from './problem.js';
import { unscoped } from './scope.js';
import { type EntityDescriptor, type Id, type Reference, type Repository, type Row, type Store, UniqueViolation } from './store.js';
import { own, wireKey } from './wire.js';

export type Entities = ReadonlyMap<string, EntityDescriptor>;

function descriptor(entities: Entities, name: string): EntityDescriptor {
  const entity = entities.get(name);
  if (entity === undefined) throw new Error(`unknown entity ${name}`);
  return entity;
}

// 409 when a reference of `record` (a field given as `references` names it) names no existing
// record: the request is well formed, but what it refers to does not exist now.
export function checkReferences(
  store: Store,
  entities: Entities,
  references: readonly Pick<Reference, 'field' | 'target'>[],
  record: object,
): void {
  for (const reference of references) {
    const value = own(record, reference.field);
    if (value === undefined || value === null) continue;
    const target = store.repository(descriptor(entities, reference.target));
    for (const id of Array.isArray(value) ? value : [value]) {
      if (target.get(id as Id) === undefined) {
        const field = wireKey(reference.field);
        const detail = `${field}: no ${reference.target} has the id ${JSON.stringify(id)}`;
        throw new HttpProblem(409, 'Conflict', detail, [{ field, message: detail }]);
      }
    }
  }
}

// A record that must exist (a reference the store keeps valid).
export function mustGet<T extends object>(repository: Repository<T>, entity: EntityDescriptor, id: unknown): T {
  const record = repository.get(id as Id);
  if (record === undefined) throw new Error(`${entity.name} ${JSON.stringify(id)} is missing`);
  return record;
}

// The record a route's `{id}` addresses, or a 404 naming it.
export function getOrNotFound<T extends object>(repository: Repository<T>, entity: EntityDescriptor, id: Id): T {
  const record = repository.get(id);
  if (record === undefined) throw notFound(`${entity.name} ${JSON.stringify(id)}`);
  return record;
}

// Runs a write, turning a unique violation into 409 naming the field.
export function writing<R>(work: () => R): R {
  try {
    return work();
  } catch (error) {
    if (error instanceof UniqueViolation) {
      const fields = error.fields.map(wireKey);
      const detail =
        fields.length === 1
          ? `${fields.join('')}: another ${error.entity} already has this value`
          : `${fields.join(', ')}: another ${error.entity} already has these values together`;
      throw new HttpProblem(409, 'Conflict', detail, fields.map((field) => ({ field, message: detail })));
    }
    throw error;
  }
}

// A record a delete removed, with its entity's name (for its `deleted` event).
export interface Deleted {
  readonly entity: string;
  readonly record: Row;
}

// Deletes a record and applies every `@onDelete` rule of the references to it, as one operation:
// first the records the delete removes (the addressed one, and by `cascade` every record whose
// reference to a removed one cascades, recursively); then a `restrict` reference from any record
// that is not itself removed refuses the whole delete (409), so a restrict reference does not
// block a cascade that removes the referring record too; then the records are removed and the
// references of the others cleared (`setNull`, and the ids in lists). Returns every removed
// record, the addressed one first. The addressed record must be one the caller sees (`store` may
// be scoped, scope.ts); the rules reach every record, whoever's.
// A soft delete (`@deletedAt`) only sets that field: the record stays, hidden, with whatever refers
// to it, and no `@onDelete` rule applies.
export function deleteRecord(store: Store, entities: Entities, entity: EntityDescriptor, id: Id): Deleted[] {
  const repository = store.repository(entity);
  if (entity.softDelete !== null) {
    const record = touch(entity, { ...getOrNotFound(repository, entity, id), [entity.softDelete]: nowDatetime() });
    repository.replace(record);
    return [{ entity: entity.name, record }];
  }
  const removed = [{ entity, id, record: getOrNotFound(repository, entity, id) }];
  const everything = unscoped(store);
  // Who refers to each entity, found once.
  const referencesTo = new Map<string, { source: EntityDescriptor; reference: Reference }[]>();
  for (const source of entities.values()) {
    for (const reference of source.references) {
      referencesTo.set(reference.target, [...(referencesTo.get(reference.target) ?? []), { source, reference }]);
    }
  }
  const key = (name: string, recordId: Id): string => `${name}\u0000${String(recordId)}`;
  const removing = new Set([key(entity.name, id)]);
  for (let next = 0; next < removed.length; ++next) {
    const current = removed[next];
    if (current === undefined) break;
    for (const { source, reference } of referencesTo.get(current.entity.name) ?? []) {
      if (reference.onDelete !== 'cascade' || reference.many) continue;
      for (const referring of everything.repository(source).referencing(reference.field, false, current.id)) {
        const referringId = referring[source.idField] as Id;
        if (removing.has(key(source.name, referringId))) continue;
        removing.add(key(source.name, referringId));
        removed.push({ entity: source, id: referringId, record: referring });
      }
    }
  }
  for (const current of removed) {
    for (const { source, reference } of referencesTo.get(current.entity.name) ?? []) {
      if (reference.onDelete !== 'restrict') continue;
      for (const referring of everything.repository(source).referencing(reference.field, reference.many, current.id)) {
        const referringId = referring[source.idField] as Id;
        if (removing.has(key(source.name, referringId))) continue;
        throw conflict(
          `${source.name} ${JSON.stringify(referringId)} refers to this ${current.entity.name} through ${wireKey(reference.field)}`,
        );
      }
    }
  }
  for (const current of removed) everything.repository(current.entity).delete(current.id);
  for (const current of removed) {
    for (const { source, reference } of referencesTo.get(current.entity.name) ?? []) {
      if (reference.onDelete === 'restrict' || (reference.onDelete === 'cascade' && !reference.many)) continue;
      const sources = everything.repository(source);
      for (const referring of sources.referencing(reference.field, reference.many, current.id)) {
        const value = own(referring, reference.field);
        sources.replace(
          touch(source, { ...referring, [reference.field]: Array.isArray(value) ? value.filter((v) => v !== current.id) : null }),
        );
      }
    }
  }
  return removed.map(({ entity: removedEntity, record }) => ({ entity: removedEntity.name, record }));
}

// Brings back a soft-deleted record (`repository` must see deleted records: ScopedStore's
// `deleted`): 404 when there is no such record, 409 when it is not deleted.
export function restoreRecord<T extends object>(repository: Repository<T>, entity: EntityDescriptor, id: Id): T {
  const field = entity.softDelete;
  if (field === null) throw new Error(`${entity.name} records are deleted for good`);
  const current = getOrNotFound(repository, entity, id);
  const deletedAt = own(current, field);
  if (deletedAt === undefined || deletedAt === null) throw conflict(`${entity.name} ${JSON.stringify(id)} is not deleted`);
  const restored = touch(entity, { ...current, [field]: null });
  repository.replace(restored);
  return restored;
}

// A record as responses show it, the same from every store: every stored field in declaration
// order (`null` when it has no value), without its `@secret` fields.
export function present<T extends object>(entity: EntityDescriptor, record: T): T {
  const shown = entity.stored.filter((field) => !entity.secret.includes(field.key));
  return Object.fromEntries(shown.map((field) => [field.key, own(record, field.key) ?? null])) as T;
}

// A record a delete removed, as its `deleted` event carries it: without its `@secret` fields.
export function presentRemoved(entities: Entities, removed: Deleted): Row {
  return present(descriptor(entities, removed.entity), removed.record);
}

// An update's record: the current one with each field the request gives replaced (a field left
// out is unchanged; `null` clears an optional one). The changes' type names only the fields an
// update takes, so it is checked key by key (a record field named `constructor` that updates do
// not take must not be compared with Object's).
export function merged<T extends object, C extends { readonly [K in keyof C]: K extends keyof T ? T[K] | undefined : never }>(
  current: T,
  changes: C,
): T {
  const out = { ...current };
  for (const key of Object.keys(changes) as (keyof C & keyof T)[]) {
    const value = changes[key] as T[keyof C & keyof T] | undefined;
    if (value !== undefined) out[key] = value;
  }
  return out;
}

// A record about to be written, with its `@updatedAt` fields set to the current time.
export function touch<T extends object>(entity: EntityDescriptor, record: T): T {
  if (entity.touched.length === 0) return record;
  const now = nowDatetime();
  return { ...record, ...Object.fromEntries(entity.touched.map((field) => [field, now])) };
}
