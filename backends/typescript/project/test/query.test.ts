// The list query's semantics (runtime/query.ts), the same in every project and in every store:
// values order by their field's kind (decimals exactly, datetimes by instant whatever their
// offset, enums in declaration order, text by code point), records without a value sort last
// both ways, ranges and equality compare by that order, several enum values match any, and the
// search ignores case. The expected orders are written out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Condition, ListQuery, SortKey } from '../src/runtime/query.js';
import type { EntityDescriptor, Store } from '../src/runtime/store.js';
import { openTestStore, storeKinds, tablesFor } from './stores.js';

const item: EntityDescriptor = {
  name: 'Item',
  table: 't_item',
  idField: 'id',
  idKind: 'string',
  unique: [],
  order: { id: 'text', price: 'decimal', at: 'datetime', level: ['low', 'medium', 'high'], name: 'text', flag: 'boolean' },
  references: [],
  secret: [],
  touched: [],
  scope: [],
  softDelete: null,
  stored: [
    { key: 'id', column: 'id', kind: 'text', link: false },
    { key: 'price', column: 'price', kind: 'decimal', link: false },
    { key: 'at', column: 'at', kind: 'datetime', link: false },
    { key: 'level', column: 'level', kind: 'text', link: false },
    { key: 'name', column: 'name', kind: 'text', link: false },
    { key: 'flag', column: 'flag', kind: 'boolean', link: false },
  ],
  constraints: {},
};

const records = [
  { id: 'a', price: '10.5', at: '2024-01-01T10:00:00+02:00', level: 'high', name: 'b', flag: true },
  { id: 'b', price: '9.99', at: '2024-01-01T09:00:00Z', level: 'low', name: 'B', flag: false },
  { id: 'c', price: '-0.125', at: '2024-01-01T08:30:00.5Z', level: 'medium', name: '\u{1F600}', flag: null },
  { id: 'd', price: '-0.12', at: null, level: null, name: '\u{E000}', flag: true },
];

function ids(store: Store, query: Partial<ListQuery>): string[] {
  const page = store.repository(item).list({ where: [], search: undefined, order: [], limit: 100, offset: 0, ...query });
  return page.items.map((record) => String(record['id']));
}

const by = (field: string, descending = false): SortKey[] => [{ field, descending }];
const where = (...conditions: Condition[]): Partial<ListQuery> => ({ where: conditions });

for (const kind of storeKinds) {
  void test(`list queries order, filter and search as documented (${kind} store)`, () => {
    const store: Store = openTestStore(kind, tablesFor([item]));
    for (const record of records) store.repository(item).insert(record);
    assert.deepEqual(ids(store, {}), ['a', 'b', 'c', 'd']);
    assert.deepEqual(ids(store, { order: by('price') }), ['c', 'd', 'b', 'a']);
    assert.deepEqual(ids(store, { order: by('price', true) }), ['a', 'b', 'd', 'c']);
    assert.deepEqual(ids(store, { order: by('at') }), ['a', 'c', 'b', 'd']);
    assert.deepEqual(ids(store, { order: by('at', true) }), ['b', 'c', 'a', 'd']);
    assert.deepEqual(ids(store, { order: by('level') }), ['b', 'c', 'a', 'd']);
    assert.deepEqual(ids(store, { order: by('name') }), ['b', 'a', 'd', 'c']);
    assert.deepEqual(ids(store, { order: [...by('flag', true), ...by('price')] }), ['d', 'a', 'b', 'c']);
    assert.deepEqual(ids(store, { order: by('price'), limit: 2, offset: 1 }), ['d', 'b']);
    assert.deepEqual(ids(store, where({ field: 'price', op: 'gte', value: '-0.12' })), ['a', 'b', 'd']);
    assert.deepEqual(ids(store, where({ field: 'price', op: 'eq', value: '10.50' })), ['a']);
    assert.deepEqual(ids(store, where({ field: 'at', op: 'lt', value: '2024-01-01T10:00:00+01:00' })), ['a', 'c']);
    assert.deepEqual(ids(store, where({ field: 'at', op: 'lte', value: '2024-01-01T10:00:00+01:00' })), ['a', 'b', 'c']);
    assert.deepEqual(ids(store, where({ field: 'level', op: 'in', values: ['low', 'high'] })), ['a', 'b']);
    assert.deepEqual(ids(store, { search: { fields: ['name'], text: 'B' } }), ['a', 'b']);
    assert.equal(store.repository(item).list({ where: [], search: { fields: ['name'], text: 'x' }, order: [], limit: 1, offset: 0 }).total, 0);
    store.close();
  });
}
