"""Persistence behind one interface.

A Store holds one Repository per entity and runs work in a transaction; MemoryStore
(memory_store.py) and SqlStore (sql_store.py, SQLAlchemy) implement it. Records are the wire form
of an entity: dicts of JSON values keyed by the blueprint's field names, as validated by the
model's Pydantic classes (datetimes in UTC, decimals as strings).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

if TYPE_CHECKING:
    from .events import Outbox
    from .query import ListQuery, OrderKind

Id = str | int
Row = dict[str, object]
# A list of records (spelt so inside classes whose `list` method would shadow the builtin).
Rows = list[Row]
R = TypeVar("R")

# How a query-string value converts for comparison with a stored value.
FilterKind = Literal["string", "number", "boolean"]
# How a field is kept in a relational column (sql_store.py).
ColumnKind = Literal["text", "integer", "float", "boolean", "decimal", "date", "datetime", "json"]
OnDelete = Literal["restrict", "cascade", "setNull"]


@dataclass(frozen=True)
class Reference:
    """A stored reference to records of another entity: one id, or a list of ids (`many`)."""

    field: str
    target: str
    many: bool
    on_delete: OnDelete


@dataclass(frozen=True)
class Scope:
    """A field holding the caller's tenant or identity (`@tenant`, `@owner`)."""

    field: str
    claim: Literal["tenant", "subject"]
    kind: Literal["string", "number"] = "string"


@dataclass(frozen=True)
class EntityDescriptor:
    """What a store needs to know about an entity."""

    name: str
    table: str
    id_field: str
    id_kind: Literal["string", "number"]
    # Every stored field a relational store keeps in a column of the entity's table, and how.
    columns: Mapping[str, ColumnKind]
    # Lists of references a relational store keeps in a table of their own (owner, position,
    # target): the field, and the table.
    links: Mapping[str, str] = field(default_factory=dict)
    # The fields no two records share: one tuple per `@unique` field or `unique (a, b)` key
    # (records with a null in the key never clash).
    unique: Sequence[tuple[str, ...]] = ()
    # `index (a, b)` keys and filtered fields: the fields of a database index each.
    indexes: Sequence[tuple[str, ...]] = ()
    # How the values of each sort key and range-filtered field order (query.py).
    order: Mapping[str, OrderKind] = field(default_factory=dict)
    references: Sequence[Reference] = ()
    secret: Sequence[str] = ()
    # `@updatedAt` fields: the service sets them to the current time on every write.
    touched: Sequence[str] = ()
    scope: Sequence[Scope] = ()
    # The `@deletedAt` field: a delete sets it and hides the record until it is restored.
    soft_delete: str | None = None


@dataclass(frozen=True)
class Page:
    """One page of a list, and how many records match in all."""

    items: list[Row]
    total: int


class UniqueViolation(Exception):
    """A write that would give two records the same values of a unique key."""

    def __init__(self, entity: str, fields: Sequence[str]) -> None:
        super().__init__(f"another {entity} has the same {', '.join(fields)}")
        self.entity = entity
        self.fields = tuple(fields)


class Repository(Protocol):
    """The records of one entity."""

    def get(self, record_id: Id) -> Row | None:
        """The record with this id, or None."""

    def list(self, query: ListQuery) -> Page:
        """The page of records that meet every condition and the search, in the query's order."""

    def insert(self, record: Row) -> None:
        """Adds a record (UniqueViolation when it clashes with another)."""

    def replace(self, record: Row) -> None:
        """Replaces the record with the same id (UniqueViolation when it clashes with another)."""

    def delete(self, record_id: Id) -> bool:
        """Removes the record; whether there was one."""

    def referencing(self, field_name: str, many: bool, record_id: Id) -> Rows:
        """Records whose reference `field_name` holds the id (or, for `many`, whose list contains it)."""

    def next_id(self) -> int:
        """The next integer id, for generated integer ids."""


class Store(Protocol):
    """Every entity's repository, transactions and the outbox of published events."""

    @property
    def outbox(self) -> Outbox:
        """Where published events are recorded."""

    def repository(self, entity: EntityDescriptor) -> Repository:
        """The repository of an entity."""

    def transaction(self, work: Callable[[], R]) -> R:
        """Runs `work` in one transaction: everything it wrote is undone if it raises."""

    def close(self) -> None:
        """Releases the store's resources."""
