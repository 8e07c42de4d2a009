// A Store in process memory, for tests and development. Lists and unique checks scan the records
// (fine for thousands of records, not millions). Transactions keep an undo log.
import { MemoryOutbox } from './events.js';
import { type ListQuery, compareKeys, containsText, kindOf, meets, orderKey } from './query.js';
import { type EntityDescriptor, type Id, type Page, type Repository, type Row, type Store, UniqueViolation } from './store.js';
import { own } from './wire.js';

type Undo = () => void;

function compareIds(a: Id, b: Id): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

class MemoryRepository implements Repository {
  private readonly records = new Map<Id, Row>();

  constructor(private readonly entity: EntityDescriptor, private readonly log: (undo: Undo) => void) {}

  get(id: Id): Row | undefined {
    const record = this.records.get(id);
    return record === undefined ? undefined : structuredClone(record);
  }

  list(query: ListQuery): Page<Row> {
    const { order } = this.entity;
    const search = query.search;
    const matching = [...this.records.values()].filter(
      (record) =>
        query.where.every((condition) => meets(condition, own(record, condition.field), kindOf(order, condition.field))) &&
        (search === undefined || search.fields.some((field) => containsText(own(record, field), search.text))),
    );
    const keys = query.order.map((key) => ({ ...key, kind: kindOf(order, key.field) ?? 'text' }));
    matching.sort((a, b) => {
      for (const { field, descending, kind } of keys) {
        const x = orderKey(kind, own(a, field));
        const y = orderKey(kind, own(b, field));
        // Records without a value come last, in either direction.
        if (x === null || y === null) {
          if (x !== y) return x === null ? 1 : -1;
          continue;
        }
        const c = compareKeys(x, y);
        if (c !== 0) return descending ? -c : c;
      }
      return compareIds(this.idOf(a), this.idOf(b));
    });
    const items = matching.slice(query.offset, query.offset + query.limit).map((r) => structuredClone(r));
    return { items, total: matching.length };
  }

  insert(record: Row): void {
    this.checkUnique(record);
    const id = this.idOf(record);
    this.records.set(id, structuredClone(record));
    this.log(() => this.records.delete(id));
  }

  replace(record: Row): void {
    this.checkUnique(record);
    const id = this.idOf(record);
    const before = this.records.get(id);
    this.records.set(id, structuredClone(record));
    this.log(() => (before === undefined ? this.records.delete(id) : this.records.set(id, before)));
  }

  delete(id: Id): boolean {
    const before = this.records.get(id);
    if (before === undefined) return false;
    this.records.delete(id);
    this.log(() => this.records.set(id, before));
    return true;
  }

  referencing(field: string, many: boolean, id: Id): Row[] {
    return [...this.records.values()]
      .filter((record) => {
        const value = own(record, field);
        return many ? Array.isArray(value) && value.includes(id) : value === id;
      })
      .map((r) => structuredClone(r));
  }

  nextId(): number {
    let max = 0;
    for (const id of this.records.keys()) if (typeof id === 'number' && id > max) max = id;
    return max + 1;
  }

  private idOf(record: Row): Id {
    return own(record, this.entity.idField) as Id;
  }

  private checkUnique(record: Row): void {
    const id = this.idOf(record);
    for (const fields of this.entity.unique) {
      if (fields.some((field) => own(record, field) === undefined || own(record, field) === null)) continue;
      for (const other of this.records.values()) {
        if (this.idOf(other) !== id && fields.every((field) => own(other, field) === own(record, field))) {
          throw new UniqueViolation(this.entity.name, fields);
        }
      }
    }
  }
}

export class MemoryStore implements Store {
  readonly outbox = new MemoryOutbox();
  private readonly repositories = new Map<string, MemoryRepository>();
  private undoLog: Undo[] | undefined;

  repository<T extends object = Row>(entity: EntityDescriptor): Repository<T> {
    let repository = this.repositories.get(entity.name);
    if (repository === undefined) {
      repository = new MemoryRepository(entity, (undo) => this.undoLog?.push(undo));
      this.repositories.set(entity.name, repository);
    }
    return repository as unknown as Repository<T>;
  }

  transaction<R>(work: () => R): R {
    if (this.undoLog !== undefined) return work(); // nested: part of the outer transaction
    this.undoLog = [];
    try {
      const result = work();
      this.undoLog = undefined;
      return result;
    } catch (error) {
      const log = this.undoLog ?? [];
      this.undoLog = undefined;
      for (const undo of log.reverse()) undo();
      throw error;
    }
  }

  close(): void {}
}
