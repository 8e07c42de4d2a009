"""A Store in process memory, for tests and development.

Lists and unique checks scan the records (fine for thousands of records, not millions).
Transactions keep an undo log; one lock serialises them.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections.abc import Callable
from typing import TypeVar

from .events import MemoryOutbox
from .query import ListQuery, compare, contains_text, meets, order_key
from .store import EntityDescriptor, Id, Page, Row, Rows, UniqueViolation

R = TypeVar("R")
Undo = Callable[[], None]


def _compare_ids(a: object, b: object) -> int:
    if isinstance(a, int) and isinstance(b, int):
        return (a > b) - (a < b)
    return (str(a) > str(b)) - (str(a) < str(b))


class MemoryRepository:
    """The records of one entity, by id."""

    def __init__(self, entity: EntityDescriptor, log: Callable[[Undo], None]) -> None:
        self._entity = entity
        self._log = log
        self._records: dict[Id, Row] = {}

    def _id_of(self, record: Row) -> Id:
        value = record[self._entity.id_field]
        if not isinstance(value, str | int):
            message = f"{self._entity.name} record without an id"
            raise TypeError(message)
        return value

    def get(self, record_id: Id) -> Row | None:
        record = self._records.get(record_id)
        return None if record is None else copy.deepcopy(record)

    def list(self, query: ListQuery) -> Page:
        order = self._entity.order
        search = query.search
        matching = [
            record
            for record in self._records.values()
            if all(meets(c, record.get(c.field), order.get(c.field)) for c in query.where)
            and (search is None or any(contains_text(record.get(f), search.text) for f in search.fields))
        ]

        def ordered(a: Row, b: Row) -> int:
            for key in query.order:
                kind = order.get(key.field, "text")
                x = order_key(kind, a.get(key.field))
                y = order_key(kind, b.get(key.field))
                # Records without a value come last, in either direction.
                if x is None or y is None:
                    if (x is None) != (y is None):
                        return 1 if x is None else -1
                    continue
                c = compare(x, y)
                if c != 0:
                    return -c if key.descending else c
            return _compare_ids(self._id_of(a), self._id_of(b))

        matching.sort(key=functools.cmp_to_key(ordered))
        items = [copy.deepcopy(r) for r in matching[query.offset : query.offset + query.limit]]
        return Page(items, len(matching))

    def insert(self, record: Row) -> None:
        self._check_unique(record)
        record_id = self._id_of(record)
        self._records[record_id] = copy.deepcopy(record)
        self._log(lambda: self._restore(record_id, None))

    def replace(self, record: Row) -> None:
        self._check_unique(record)
        record_id = self._id_of(record)
        before = self._records.get(record_id)
        self._records[record_id] = copy.deepcopy(record)
        self._log(lambda: self._restore(record_id, before))

    def delete(self, record_id: Id) -> bool:
        before = self._records.pop(record_id, None)
        if before is None:
            return False
        self._log(lambda: self._restore(record_id, before))
        return True

    def referencing(self, field_name: str, many: bool, record_id: Id) -> Rows:
        def refers(value: object) -> bool:
            return isinstance(value, list) and record_id in value if many else value == record_id

        return [copy.deepcopy(r) for r in self._records.values() if refers(r.get(field_name))]

    def next_id(self) -> int:
        return max((i for i in self._records if isinstance(i, int)), default=0) + 1

    def _restore(self, record_id: Id, before: Row | None) -> None:
        if before is None:
            self._records.pop(record_id, None)
        else:
            self._records[record_id] = before

    def _check_unique(self, record: Row) -> None:
        record_id = self._id_of(record)
        for fields in self._entity.unique:
            if any(record.get(f) is None for f in fields):
                continue
            for other in self._records.values():
                if self._id_of(other) != record_id and all(other.get(f) == record.get(f) for f in fields):
                    raise UniqueViolation(self._entity.name, fields)


class MemoryStore:
    """Every entity's records in memory."""

    def __init__(self) -> None:
        self._outbox = MemoryOutbox()
        self._repositories: dict[str, MemoryRepository] = {}
        self._undo_log: list[Undo] | None = None
        self._lock = threading.RLock()

    @property
    def outbox(self) -> MemoryOutbox:
        return self._outbox

    def repository(self, entity: EntityDescriptor) -> MemoryRepository:
        repository = self._repositories.get(entity.name)
        if repository is None:
            repository = MemoryRepository(entity, self._log)
            self._repositories[entity.name] = repository
        return repository

    def transaction(self, work: Callable[[], R]) -> R:
        with self._lock:
            if self._undo_log is not None:
                return work()  # nested: part of the enclosing transaction
            self._undo_log = []
            try:
                result = work()
            except BaseException:
                for undo in reversed(self._undo_log):
                    undo()
                raise
            finally:
                self._undo_log = None
            return result

    def close(self) -> None:
        self._repositories.clear()

    def _log(self, undo: Undo) -> None:
        if self._undo_log is not None:
            self._undo_log.append(undo)
