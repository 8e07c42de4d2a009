"""The query of a list route, the same in every store.

Conditions on fields (equality, one of several enum values, range bounds, a list holding a value,
no value), a text search, and an order. Values of a field order by its kind: numbers by value,
decimals exactly, datetimes by the instant they name, dates and text by code point, False before
True, enum values in declaration order. Records without a value never meet a range and sort last
either way; ties are broken by id, so pages never overlap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Literal

Scalar = str | int | float | bool
# How a field's values order: a kind, or an enum's values in declaration order.
OrderKind = Literal["number", "decimal", "date", "datetime", "text", "boolean"] | tuple[str, ...]
Operator = Literal["eq", "in", "has", "absent", "gte", "gt", "lte", "lt"]
Bounds: tuple[Operator, ...] = ("gte", "gt", "lte", "lt")


@dataclass(frozen=True)
class Condition:
    """`field op value`; `values` for `in`, nothing for `absent`."""

    field: str
    op: Operator
    value: Scalar | None = None
    values: tuple[Scalar, ...] = ()


@dataclass(frozen=True)
class SortKey:
    field: str
    descending: bool


@dataclass(frozen=True)
class Search:
    """Records where one of `fields` contains `text`, ignoring case."""

    fields: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class ListQuery:
    where: tuple[Condition, ...] = ()
    search: Search | None = None
    order: tuple[SortKey, ...] = ()
    limit: int = 20
    offset: int = 0


OrderValue = int | float | str | Decimal | datetime


def parse_datetime(text: str) -> datetime | None:
    """The instant an RFC 3339 text names, or None."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


def order_key(kind: OrderKind, value: object) -> OrderValue | None:
    """The value a field's values compare by, or None for no value."""
    if value is None:
        return None
    if isinstance(kind, tuple):
        return kind.index(str(value)) if str(value) in kind else len(kind)
    if kind == "boolean":
        return 1 if value is True else 0
    if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if kind == "decimal":
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return str(value)
    if kind == "datetime":
        instant = parse_datetime(str(value))
        return instant if instant is not None else str(value)
    return str(value)


def compare(a: OrderValue, b: OrderValue) -> int:
    """-1, 0 or 1 for two keys of one kind (text by code point, as Python compares it)."""
    if type(a) is not type(b) and not (isinstance(a, int | float) and isinstance(b, int | float)):
        a, b = str(a), str(b)
    if a < b:  # type: ignore[operator]
        return -1
    return 1 if a > b else 0  # type: ignore[operator]


def contains_text(value: object, text: str) -> bool:
    """Whether `value` is text that contains `text`, ignoring case."""
    return isinstance(value, str) and text.casefold() in value.casefold()


def meets(condition: Condition, value: object, kind: OrderKind | None) -> bool:
    """Whether a stored value meets a condition, given its field's order kind (if it has one)."""
    if condition.op == "absent":
        return value is None
    if condition.op == "in":
        return value in condition.values
    if condition.op == "has":
        return isinstance(value, list) and condition.value in value
    if value is None or condition.value is None:
        return False
    if kind is None:
        return condition.op == "eq" and value == condition.value
    x = order_key(kind, value)
    y = order_key(kind, condition.value)
    if x is None or y is None:
        return False
    order = compare(x, y)
    return {
        "eq": order == 0,
        "gte": order >= 0,
        "gt": order > 0,
        "lte": order <= 0,
        "lt": order < 0,
    }.get(condition.op, False)


def conditions(entries: Sequence[tuple[str, Operator, object]]) -> tuple[Condition, ...]:
    """The conditions of the entries whose value the request gave."""
    out: list[Condition] = []
    for field, op, value in entries:
        if value is None:
            continue
        if op == "in":
            items = value if isinstance(value, list) else [value]
            out.append(Condition(field, op, values=tuple(v for v in items if isinstance(v, str | int | float | bool))))
        elif isinstance(value, str | int | float | bool):
            out.append(Condition(field, op, value))
    return tuple(out)


def search_for(fields: Sequence[str], text: object) -> Search | None:
    """The search of a `q` parameter over the entity's searchable fields, when the request gives one."""
    return Search(tuple(fields), text) if isinstance(text, str) else None


def sort_order(sort: object) -> tuple[SortKey, ...]:
    """The keys of a `sort` parameter (`-price,name`), already validated against the entity's keys."""
    if not isinstance(sort, str) or not sort:
        return ()
    out: list[SortKey] = []
    for part in sort.split(","):
        descending = part.startswith("-")
        field = part[1:] if descending else part
        if all(key.field != field for key in out):
            out.append(SortKey(field, descending))
    return tuple(out)


def kind_of(order: Mapping[str, OrderKind], field: str) -> OrderKind | None:
    return order.get(field)
