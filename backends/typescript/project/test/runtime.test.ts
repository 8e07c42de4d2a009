// The runtime's delete semantics, on a model of its own (the same in every project): a delete
// removes what cascades from it in one operation, a `restrict` reference refuses it only from a
// record that stays, `setNull` and lists are cleared, and every removed record is returned (the
// routes raise a `deleted` event for each). Every store.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { type Deleted, deleteRecord } from '../src/runtime/crud.js';
import { HttpProblem } from '../src/runtime/problem.js';
import type { EntityDescriptor, Reference, Store } from '../src/runtime/store.js';
import { openTestStore, storeKinds, tablesFor } from './stores.js';

function entity(name: string, references: Reference[] = []): EntityDescriptor {
  const stored = ['id', ...references.map((r) => r.field)].map((key) => ({ key, column: key, kind: 'text' as const, link: false }));
  return {
    name, table: `t_${name.toLowerCase()}`, idField: 'id', idKind: 'string', unique: [], order: {}, references, secret: [], touched: [],
    scope: [], softDelete: null, stored, constraints: {},
  };
}

// Customer <- Order (cascade) <- Payment (cascade); Payment -> Customer (restrict); Note -> Order
// (setNull); Tagging -> Order in a list (restrict by default, cleared when the order goes with it).
const customer = entity('Customer');
const order = entity('Order', [{ field: 'customer', target: 'Customer', many: false, onDelete: 'cascade' }]);
const payment = entity('Payment', [
  { field: 'customer', target: 'Customer', many: false, onDelete: 'restrict' },
  { field: 'order', target: 'Order', many: false, onDelete: 'cascade' },
]);
const note = entity('Note', [{ field: 'order', target: 'Order', many: false, onDelete: 'setNull' }]);
// Payment before Order: the restrict reference is met before the cascade that removes its record.
const entities = new Map([customer, payment, order, note].map((e) => [e.name, e]));

function seeded(store: Store): void {
  store.repository(customer).insert({ id: 'c1' });
  store.repository(customer).insert({ id: 'c2' });
  store.repository(order).insert({ id: 'o1', customer: 'c1' });
  store.repository(payment).insert({ id: 'p1', customer: 'c1', order: 'o1' });
  store.repository(note).insert({ id: 'n1', order: 'o1' });
}

const names = (deleted: Deleted[]): string[] => deleted.map((d) => `${d.entity} ${String(d.record['id'])}`);

for (const kind of storeKinds) {
  const open = (): Store => openTestStore(kind, tablesFor([customer, payment, order, note]));

  void test(`${kind}: a restrict reference does not block a cascade that removes its record too`, () => {
    const store = open();
    seeded(store);
    const deleted = store.transaction(() => deleteRecord(store, entities, customer, 'c1'));
    assert.deepEqual(names(deleted), ['Customer c1', 'Order o1', 'Payment p1']);
    assert.equal(store.repository(payment).get('p1'), undefined);
    assert.equal(store.repository(note).get('n1')?.['order'], null);
    store.close();
  });

  void test(`${kind}: a restrict reference from a record that stays refuses the delete, and nothing changes`, () => {
    const store = open();
    seeded(store);
    store.repository(payment).insert({ id: 'p2', customer: 'c1', order: null });
    assert.throws(
      () => store.transaction(() => deleteRecord(store, entities, customer, 'c1')),
      (error: unknown) => error instanceof HttpProblem && error.status === 409,
    );
    assert.notEqual(store.repository(order).get('o1'), undefined);
    assert.notEqual(store.repository(customer).get('c1'), undefined);
    store.close();
  });
}
