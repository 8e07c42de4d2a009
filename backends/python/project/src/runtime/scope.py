"""Which records a caller sees.

A record of an entity with a `@tenant` field belongs to one tenant, and one with an `@owner` field
to one caller: the service sets those fields from the caller when it creates the record, and a
caller sees and changes only records holding its own tenant and identity. A record of an entity
with a `@deletedAt` field is hidden from everyone once a delete sets the field, until it is
restored. ScopedStore wraps the store a request works on so that the records a caller may not see
do not exist: `get` finds nothing (404), lists and totals leave them out, and a reference to one
names no record (409). Routes and hand-written operations use the scoped store, so no handler
writes the conditions itself. A caller whose token names no tenant (or identity of the field's
kind) may not touch a scoped entity (403).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Literal, TypeVar

from .access import Principal
from .events import Outbox
from .problem import forbidden
from .query import Condition, ListQuery
from .store import EntityDescriptor, Id, Page, Repository, Row, Rows, Scope, Store

R = TypeVar("R")
_INTEGER = re.compile(r"-?[0-9]+")
_SAFE = 2**53 - 1


def _claimed(scope: Scope, principal: Principal | None) -> str | int | None:
    """The value a caller's claim gives a scope field, or None when the caller has none."""
    if principal is None:
        return None
    claim = principal.tenant if scope.claim == "tenant" else principal.subject
    if not claim:
        return None
    if scope.kind == "string":
        return claim
    return int(claim) if _INTEGER.fullmatch(claim) and abs(int(claim)) <= _SAFE else None


def _required(entity: EntityDescriptor, scope: Scope, principal: Principal | None) -> str | int:
    value = _claimed(scope, principal)
    if value is not None:
        return value
    if scope.claim == "tenant":
        detail = f"{entity.name} records belong to a tenant, and the caller's token names none"
    else:
        detail = f"{entity.name} records belong to a caller, and the caller's token names no identity they can hold"
    raise forbidden(detail)


def claim_for(entity: EntityDescriptor, principal: Principal | None, claim: Literal["tenant", "subject"]) -> str | int:
    """What a record the caller creates holds in the entity's `@tenant` (or `@owner`) field."""
    for scope in entity.scope:
        if scope.claim == claim:
            return _required(entity, scope, principal)
    message = f"{entity.name} has no {claim} field"
    raise LookupError(message)


class ScopedRepository:
    """An entity's records as one caller sees them."""

    def __init__(
        self, inner: Repository, entity: EntityDescriptor, scope: tuple[Condition, ...], hidden: str | None
    ) -> None:
        self._inner = inner
        self._entity = entity
        self._scope = scope  # what every record of the caller holds
        self._hidden = hidden  # the soft-delete field whose records with a value are hidden

    def get(self, record_id: Id) -> Row | None:
        record = self._inner.get(record_id)
        return record if record is not None and self._visible(record) else None

    def list(self, query: ListQuery) -> Page:
        hide = () if self._hidden is None else (Condition(self._hidden, "absent"),)
        return self._inner.list(replace(query, where=(*self._scope, *hide, *query.where)))

    def insert(self, record: Row) -> None:
        self._must_be_in_scope(record)
        self._inner.insert(record)

    def replace(self, record: Row) -> None:
        """Replaces a record the caller sees (a soft delete hides it by this very write)."""
        self._must_be_in_scope(record)
        record_id = record[self._entity.id_field]
        if not isinstance(record_id, str | int) or self.get(record_id) is None:
            message = f"{self._entity.name}: not a record the caller sees"
            raise LookupError(message)
        self._inner.replace(record)

    def delete(self, record_id: Id) -> bool:
        return self.get(record_id) is not None and self._inner.delete(record_id)

    def referencing(self, field_name: str, many: bool, record_id: Id) -> Rows:
        return [r for r in self._inner.referencing(field_name, many, record_id) if self._visible(r)]

    def next_id(self) -> int:
        return self._inner.next_id()

    def _in_scope(self, record: Row) -> bool:
        return all(record.get(c.field) == c.value for c in self._scope)

    def _visible(self, record: Row) -> bool:
        return self._in_scope(record) and (self._hidden is None or record.get(self._hidden) is None)

    def _must_be_in_scope(self, record: Row) -> None:
        if not self._in_scope(record):
            message = f"{self._entity.name}: a record of another tenant or owner"
            raise LookupError(message)


class ScopedStore:
    """The store as one caller sees it.

    Other tenants' and owners' records, and soft-deleted ones (unless `deleted` asks for them, to
    restore one), are not there. The service itself (an event handler) sees `every_tenant`: every
    tenant's records, still without the deleted ones. `everything` is the whole store, for the
    rules a write sets off beyond what the caller sees (`@onDelete` reaches every record that
    refers to a deleted one).
    """

    def __init__(
        self, everything: Store, principal: Principal | None, *, deleted: bool = False, every_tenant: bool = False
    ) -> None:
        self.everything = everything
        self._principal = principal
        self._deleted = deleted
        self._every_tenant = every_tenant

    @property
    def outbox(self) -> Outbox:
        return self.everything.outbox

    def repository(self, entity: EntityDescriptor) -> Repository:
        inner = self.everything.repository(entity)
        hidden = None if self._deleted else entity.soft_delete
        scoped = bool(entity.scope) and not self._every_tenant
        if not scoped and hidden is None:
            return inner
        scope = (
            tuple(Condition(s.field, "eq", _required(entity, s, self._principal)) for s in entity.scope)
            if scoped
            else ()
        )
        return ScopedRepository(inner, entity, scope, hidden)

    def transaction(self, work: Callable[[], R]) -> R:
        return self.everything.transaction(work)

    def close(self) -> None:
        self.everything.close()


def unscoped(store: Store) -> Store:
    """The whole store behind a scoped one (or the store itself)."""
    return store.everything if isinstance(store, ScopedStore) else store
