"""The validators model.py attaches to fields beyond Pydantic's own constraints.

Patterns are searched with Python's `re` (bpc spells each blueprint pattern for it, so it matches
what the blueprint says); decimals travel as strings and compare exactly; dates and datetimes are
text spelt as RFC 3339 says, datetimes held in UTC, so every store orders them by instant and
answers them alike; integers may be written 2.0, as JSON Schema allows.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from pydantic import AfterValidator, BeforeValidator, TypeAdapter


def matches(pattern: str, message: str) -> AfterValidator:
    """Refuses text in which `pattern` finds no match."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if compiled.search(value) is None:
            raise ValueError(message)
        return value

    return AfterValidator(check)


def decimal(pattern: str, minimum: str | None, maximum: str | None) -> AfterValidator:
    """A decimal number as a string: its spelling, then its bounds, compared exactly."""
    compiled = re.compile(pattern)
    low = None if minimum is None else Decimal(minimum)
    high = None if maximum is None else Decimal(maximum)

    def check(value: str) -> str:
        if compiled.search(value) is None:
            message = "Invalid decimal"
            raise ValueError(message)
        try:
            number = Decimal(value)
        except InvalidOperation as error:
            message = "Invalid decimal"
            raise ValueError(message) from error
        if low is not None and number < low:
            message = f"Too small: expected a number >= {minimum}"
            raise ValueError(message)
        if high is not None and number > high:
            message = f"Too big: expected a number <= {maximum}"
            raise ValueError(message)
        return value

    return AfterValidator(check)


def _base64(value: str) -> str:
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as error:
        message = "Invalid base64"
        raise ValueError(message) from error
    return value


def byte_length(minimum: int | None, maximum: int | None) -> AfterValidator:
    """Bounds on the decoded length of base64 text."""

    def check(value: str) -> str:
        size = len(base64.b64decode(value))
        if minimum is not None and size < minimum:
            message = f"Too small: expected at least {minimum} bytes"
            raise ValueError(message)
        if maximum is not None and size > maximum:
            message = f"Too big: expected at most {maximum} bytes"
            raise ValueError(message)
        return value

    return AfterValidator(check)


def refuse_null(value: object) -> object:
    """For updates: a field that may be left out but not cleared."""
    if value is None:
        message = "may not be null"
        raise ValueError(message)
    return value


def _integral(value: object) -> object:
    """JSON's 2.0 is the integer 2 (as JSON Schema's `integer` says); 2.5 stays a float and is refused."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


_DATETIME = re.compile(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d(:\d\d(\.\d+)?)?([Zz]|[+-]\d\d:\d\d)")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_INSTANT: TypeAdapter[dt.datetime] = TypeAdapter(dt.datetime)


def _date(value: str) -> str:
    """A calendar date spelt as RFC 3339 says (`2024-02-29`), kept as it is."""
    try:
        if _DATE.fullmatch(value) is None:
            raise ValueError(value)  # noqa: TRY301 - one message for every way it can be wrong
        dt.date.fromisoformat(value)
    except ValueError as error:
        message = "Invalid date: expected RFC 3339 (2024-01-31)"
        raise ValueError(message) from error
    return value


def _datetime(value: str) -> str:
    """An instant spelt as RFC 3339 says, with an offset, held in UTC (`2024-01-31T08:00:00Z`)."""
    try:
        if _DATETIME.fullmatch(value) is None:
            raise ValueError(value)  # noqa: TRY301 - one message for every way it can be wrong
        instant = dt.datetime.fromisoformat(value.upper())
    except ValueError as error:
        message = "Invalid date-time: expected RFC 3339 with an offset (2024-01-31T10:00:00+02:00)"
        raise ValueError(message) from error
    try:
        instant = instant.astimezone(dt.UTC)
    except OverflowError:
        return value  # early on 1 January of year 1, which has no UTC time in Python: kept as given
    return str(_INSTANT.dump_python(instant, mode="json"))


INTEGRAL = BeforeValidator(_integral)
DATE = AfterValidator(_date)
DATETIME = AfterValidator(_datetime)
UUID = matches(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", "Invalid UUID")
DURATION = matches(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$", "Invalid ISO 8601 duration"
)
BASE64 = AfterValidator(_base64)
