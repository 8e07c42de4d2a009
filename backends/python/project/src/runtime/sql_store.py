"""A Store on a relational database through SQLAlchemy 2: SQLite by default, PostgreSQL by URL.

Each entity is a table of real columns (generated in tables.py as typed `Mapped` classes): scalars
in columns of their type, references with foreign keys (checked when the transaction commits, so a
delete may clear and remove records in any order), unique keys as unique constraints, filtered
fields indexed; a list of references is a table of its own (owner, position, target: both foreign
keys); other lists, maps and structs are JSON. Published events are kept in the `bpc_outbox`
table. Lists run their conditions, search and order in SQL with the semantics of query.py.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter
from sqlalchemy import (
    JSON,
    Column,
    ColumnElement,
    Connection,
    Engine,
    MetaData,
    RowMapping,
    String,
    Table,
    and_,
    case,
    cast,
    create_engine,
    event,
    exists,
    func,
    inspect,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import REAL, Numeric

from .events import DomainEvent
from .migrations import apply_migrations
from .query import Condition, ListQuery, OrderKind, contains_text
from .store import ColumnKind, EntityDescriptor, Id, Page, Row, Rows, UniqueViolation

R = TypeVar("R")
_DATETIME: TypeAdapter[datetime] = TypeAdapter(datetime)

_outbox_metadata = MetaData()
OUTBOX = Table(
    "bpc_outbox",
    _outbox_metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String, nullable=False),
    Column("occurred_at", String, nullable=False),
    Column("payload", JSON().with_variant(JSONB(), "postgresql"), nullable=False),
    Column("correlation_id", String(128)),
)


def to_column(kind: ColumnKind, value: object) -> object:
    """A wire value as its column holds it."""
    if value is None:
        return None
    if kind == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    if kind == "datetime" and isinstance(value, str):
        instant = datetime.fromisoformat(value)
        try:
            return instant.astimezone(UTC)
        except OverflowError:
            return instant  # before year 1 in UTC (see checks.py): kept in its own offset
    return value


def from_column(kind: ColumnKind, value: object) -> object:
    """A column's value in its wire form, as the model's Pydantic classes write it."""
    if value is None:
        return None
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    if kind == "datetime" and isinstance(value, datetime):
        instant = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return _DATETIME.dump_python(instant.astimezone(UTC), mode="json")
    return value


def _add_correlation_column(engine: Engine) -> None:
    """Adds `correlation_id` to an outbox made before events carried one."""
    if "correlation_id" not in {column["name"] for column in inspect(engine).get_columns("bpc_outbox")}:
        with engine.begin() as connection:
            connection.execute(text("ALTER TABLE bpc_outbox ADD COLUMN correlation_id VARCHAR(128)"))


class SqlOutbox:
    """The `bpc_outbox` table, written in the transaction of the store's current thread."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    def append(self, event: DomainEvent) -> None:
        with self._store.connection() as connection:
            connection.execute(
                OUTBOX.insert().values(
                    id=event.id,
                    name=event.name,
                    occurred_at=event.occurred_at,
                    payload=event.payload,
                    correlation_id=event.correlation_id,
                )
            )

    def events(self) -> list[DomainEvent]:
        with self._store.connection() as connection:
            rows = connection.execute(select(OUTBOX).order_by(OUTBOX.c.occurred_at, OUTBOX.c.id)).all()
        return [DomainEvent(r.id, r.name, r.occurred_at, dict(r.payload), r.correlation_id) for r in rows]


class SqlRepository:
    """The records of one entity in its table."""

    def __init__(self, store: SqlStore, entity: EntityDescriptor, tables: Mapping[str, Table]) -> None:
        self._store = store
        self._entity = entity
        self._table = tables[entity.table]
        self._id = self._table.c[entity.id_field]
        self._links = {name: tables[table] for name, table in entity.links.items()}

    def get(self, record_id: Id) -> Row | None:
        with self._store.connection() as connection:
            row = connection.execute(select(self._table).where(self._id == record_id)).mappings().first()
            return None if row is None else self._records(connection, [row])[0]

    def list(self, query: ListQuery) -> Page:
        where = [self._condition(c) for c in query.where]
        if query.search is not None:
            where.append(or_(*(self._contains(f, query.search.text) for f in query.search.fields)))
        clause = and_(*where) if where else literal(True)
        ordering: list[Any] = []
        for key in query.order:
            column = self._table.c[key.field]
            value = self._ordered(column, self._entity.order.get(key.field, "text"))
            ordering.append(column.is_(None))  # records without a value come last
            ordering.append(value.desc() if key.descending else value.asc())
        ordering.append(self._id.asc())
        with self._store.connection() as connection:
            total = connection.execute(select(func.count()).select_from(self._table).where(clause)).scalar_one()
            rows = connection.execute(
                select(self._table).where(clause).order_by(*ordering).limit(query.limit).offset(query.offset)
            ).mappings()
            items = self._records(connection, list(rows))
        return Page(items, int(total))

    def insert(self, record: Row) -> None:
        with self._store.connection() as connection:
            self._check_unique(connection, record)
            connection.execute(self._table.insert().values(self._values(record)))
            self._write_links(connection, record)

    def replace(self, record: Row) -> None:
        with self._store.connection() as connection:
            self._check_unique(connection, record)
            record_id = record[self._entity.id_field]
            connection.execute(self._table.update().where(self._id == record_id).values(self._values(record)))
            for link in self._links.values():
                connection.execute(link.delete().where(link.c.owner == record_id))
            self._write_links(connection, record)

    def delete(self, record_id: Id) -> bool:
        with self._store.connection() as connection:
            for link in self._links.values():
                connection.execute(link.delete().where(link.c.owner == record_id))
            return connection.execute(self._table.delete().where(self._id == record_id)).rowcount > 0

    def referencing(self, field_name: str, many: bool, record_id: Id) -> Rows:
        condition = Condition(field_name, "has" if many else "eq", record_id)
        with self._store.connection() as connection:
            rows = connection.execute(select(self._table).where(self._condition(condition))).mappings()
            return self._records(connection, list(rows))

    def next_id(self) -> int:
        with self._store.connection() as connection:
            largest = connection.execute(select(func.max(self._id))).scalar_one_or_none()
        return int(largest or 0) + 1

    def _records(self, connection: Connection, rows: Sequence[RowMapping]) -> Rows:
        """The records of rows, each with its lists of references read from their tables."""
        records = [{name: from_column(kind, row[name]) for name, kind in self._entity.columns.items()} for row in rows]
        if not self._links or not records:
            return records
        by_id: dict[object, Row] = {record[self._entity.id_field]: record for record in records}
        for name, link in self._links.items():
            for record in records:
                record[name] = []
            ids = list(by_id)
            for start in range(0, len(ids), 500):  # within every database's limit on parameters
                chosen = link.c.owner.in_(ids[start : start + 500])
                for owner, target in connection.execute(
                    select(link.c.owner, link.c.target).where(chosen).order_by(link.c.owner, link.c.position)
                ):
                    items = by_id[owner][name]
                    if isinstance(items, list):
                        items.append(target)
        return records

    def _write_links(self, connection: Connection, record: Row) -> None:
        record_id = record[self._entity.id_field]
        for name, link in self._links.items():
            items = record.get(name)
            if isinstance(items, list) and items:
                connection.execute(
                    link.insert(),
                    [{"owner": record_id, "position": i, "target": target} for i, target in enumerate(items)],
                )

    def _values(self, record: Row) -> dict[str, object]:
        return {name: to_column(kind, record.get(name)) for name, kind in self._entity.columns.items()}

    def _check_unique(self, connection: Connection, record: Row) -> None:
        for fields in self._entity.unique:
            values = [to_column(self._entity.columns[f], record.get(f)) for f in fields]
            if any(v is None for v in values):
                continue
            clash = and_(
                self._id != record[self._entity.id_field],
                *(self._table.c[f] == v for f, v in zip(fields, values, strict=True)),
            )
            if connection.execute(select(exists().where(clash))).scalar():
                raise UniqueViolation(self._entity.name, fields)

    def _ordered(self, column: ColumnElement[Any], kind: OrderKind) -> ColumnElement[Any]:
        if isinstance(kind, tuple):
            return case({value: index for index, value in enumerate(kind)}, value=column, else_=len(kind))
        if kind == "decimal":
            return cast(column, REAL if self._store.dialect == "sqlite" else Numeric)
        return column

    def _condition(self, condition: Condition) -> ColumnElement[bool]:
        if condition.field in self._links:  # a list of references: only `has` applies
            link = self._links[condition.field]
            return exists(select(literal(1)).where(link.c.owner == self._id, link.c.target == condition.value))
        column = self._table.c[condition.field]
        kind = self._entity.columns.get(condition.field, "text")
        if condition.op == "absent":
            return column.is_(None)
        if condition.op == "in":
            return column.in_([to_column(kind, v) for v in condition.values])
        if condition.op == "has":
            if self._store.dialect == "postgresql":
                return cast(column, JSONB).contains([condition.value])
            items = func.json_each(column).table_valued("value")
            return exists(select(literal(1)).select_from(items).where(items.c.value == condition.value))
        order = self._entity.order.get(condition.field)
        value = to_column(kind, condition.value)
        left: ColumnElement[Any] = column
        right: Any = value
        if order == "decimal":
            left = self._ordered(column, "decimal")
            right = cast(literal(value), REAL if self._store.dialect == "sqlite" else Numeric)
        elif isinstance(order, tuple):
            left = self._ordered(column, order)
            right = order.index(str(value)) if str(value) in order else len(order)
        # Only the operator asked for is built: SQLAlchemy refuses `>=` on a boolean outright.
        comparison: ColumnElement[bool]
        if condition.op == "eq":
            comparison = left == right
        elif condition.op == "gte":
            comparison = left >= right
        elif condition.op == "gt":
            comparison = left > right
        elif condition.op == "lte":
            comparison = left <= right
        else:
            comparison = left < right
        return comparison

    def _contains(self, field_name: str, text_value: str) -> ColumnElement[bool]:
        column = self._table.c[field_name]
        if self._store.dialect == "sqlite":
            return func.bpc_contains(column, text_value) == 1
        return func.strpos(func.lower(column), func.lower(literal(text_value))) > 0


class SqlStore:
    """Every entity's table in one database; `url` is an SQLAlchemy URL (`sqlite:///data.db`)."""

    def __init__(
        self, url: str, metadata: MetaData, entities: Mapping[str, EntityDescriptor], migrations: Path | None = None
    ) -> None:
        memory = url in ("sqlite://", "sqlite:///:memory:")
        # One in-memory database shared by every thread (each connection would get its own).
        self._engine: Engine = (
            create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
            if memory
            else create_engine(url)
        )
        self.dialect = self._engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self._engine, "connect", _configure_sqlite)
        self._local = threading.local()
        # The tables, made or migrated (migrations.py); the project's migrations/ folder by default.
        apply_migrations(self._engine, metadata, migrations or Path(__file__).resolve().parents[3] / "migrations")
        _outbox_metadata.create_all(self._engine)
        _add_correlation_column(self._engine)
        self._outbox = SqlOutbox(self)
        self._repositories = {name: SqlRepository(self, entity, metadata.tables) for name, entity in entities.items()}

    @property
    def outbox(self) -> SqlOutbox:
        return self._outbox

    def repository(self, entity: EntityDescriptor) -> SqlRepository:
        return self._repositories[entity.name]

    def transaction(self, work: Callable[[], R]) -> R:
        current: Connection | None = getattr(self._local, "connection", None)
        if current is not None:
            return work()  # nested: part of the enclosing transaction
        with self._engine.begin() as connection:
            self._local.connection = connection
            try:
                return work()
            finally:
                self._local.connection = None

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """The current transaction's connection, or a transaction of its own."""
        current: Connection | None = getattr(self._local, "connection", None)
        if current is not None:
            yield current
            return
        with self._engine.begin() as connection:
            yield connection

    def close(self) -> None:
        self._engine.dispose()


def _configure_sqlite(connection: sqlite3.Connection, _record: object) -> None:
    connection.create_function("bpc_contains", 2, lambda v, t: int(contains_text(v, t)), deterministic=True)
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()
