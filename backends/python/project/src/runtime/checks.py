"""The validators model.py attaches to fields beyond Pydantic's own constraints.

Patterns are searched with Python's `re` (bpc spells each blueprint pattern for it, so it matches
what the blueprint says); decimals travel as strings and compare exactly; datetimes are held in
UTC, so every store orders them by instant and answers them alike.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from pydantic import AfterValidator


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


def _to_utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


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


UUID = matches(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", "Invalid UUID")
DURATION = matches(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$", "Invalid ISO 8601 duration"
)
BASE64 = AfterValidator(_base64)
IN_UTC = AfterValidator(_to_utc)
