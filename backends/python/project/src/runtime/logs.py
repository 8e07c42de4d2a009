"""Structured logs: one JSON object per line on standard error, and the ids that tie them together.

Every request has a request id (its `X-Request-Id` when that is a sane token, else a new one) and
a correlation id (its `X-Correlation-Id`, else the request id); both are answered in the response
headers, written in the request's log line, and the correlation id goes into every event the
request publishes (events.py reads `current_correlation_id`). A log record's `fields` (passed as
`extra={"fields": {...}}`) become keys of its line.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from contextvars import ContextVar, Token
from datetime import UTC, datetime

_CORRELATION: ContextVar[str | None] = ContextVar("correlation_id", default=None)
_SANE_ID = re.compile(r"[A-Za-z0-9._:/+=-]{1,128}")


def incoming_id(value: str | None) -> str | None:
    """An id a caller sent, if it is safe to log and echo (at most 128 token characters)."""
    return value if value is not None and _SANE_ID.fullmatch(value) else None


def new_id() -> str:
    return uuid.uuid4().hex


def current_correlation_id() -> str | None:
    """The correlation id of the request being answered, if any."""
    return _CORRELATION.get()


def set_correlation_id(value: str | None) -> Token[str | None]:
    """Makes `value` the current correlation id; returns what reset_correlation_id takes."""
    return _CORRELATION.set(value)


def reset_correlation_id(token: Token[str | None]) -> None:
    _CORRELATION.reset(token)


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, logger, message, its fields, and the error."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        correlation = current_correlation_id()
        if correlation is not None:
            line["correlation_id"] = correlation
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def configure_logging(level: str) -> None:
    """Sends every log record, uvicorn's too, to standard error as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
