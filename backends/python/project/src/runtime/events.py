"""The in-process event bus and its outbox.

Handlers raise events while they work; an event is *published* only after the write that raised
it has committed: it is appended to the outbox (the durable record other processes can relay) and
then delivered to the in-process subscribers.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from pydantic import TypeAdapter

from .logs import current_correlation_id


@dataclass(frozen=True)
class DomainEvent:
    """A published event: its name (`Patient.created`, `AppointmentConfirmed`) and JSON payload, and
    the correlation id of the request that raised it (logs.py), if a request did."""

    id: str
    name: str
    occurred_at: str
    payload: dict[str, object]
    correlation_id: str | None = None

    def to_json(self) -> dict[str, object]:
        envelope: dict[str, object] = {"id": self.id, "name": self.name, "occurredAt": self.occurred_at}
        if self.correlation_id is not None:
            envelope["correlationId"] = self.correlation_id
        return {**envelope, "payload": self.payload}


class Outbox(Protocol):
    """Where published events are recorded before subscribers see them."""

    def append(self, event: DomainEvent) -> None:
        """Records an event."""


@dataclass
class MemoryOutbox:
    events: list[DomainEvent] = field(default_factory=list)

    def append(self, event: DomainEvent) -> None:
        self.events.append(event)


Handler = Callable[[DomainEvent], None]


_DATETIME: TypeAdapter[datetime] = TypeAdapter(datetime)


def now() -> str:
    """The current time as RFC 3339 in UTC, spelt as the model's classes write datetimes."""
    return str(_DATETIME.dump_python(datetime.now(UTC), mode="json"))


class EventBus:
    """Delivers published events to subscribers, by name or all of them."""

    def __init__(self, outbox: Outbox) -> None:
        self._outbox = outbox
        self._handlers: dict[str, list[Handler]] = {}
        self._every: list[Handler] = []

    def subscribe(self, name: str, handler: Handler) -> Callable[[], None]:
        """Calls `handler` for every event named `name`; returns a function that unsubscribes."""
        handlers = self._handlers.setdefault(name, [])
        handlers.append(handler)
        return lambda: handlers.remove(handler) if handler in handlers else None

    def subscribe_all(self, handler: Handler) -> Callable[[], None]:
        """Calls `handler` for every event (to relay them elsewhere, or to record them in tests)."""
        self._every.append(handler)
        return lambda: self._every.remove(handler) if handler in self._every else None

    def publish(self, name: str, payload: dict[str, object], correlation_id: str | None = None) -> DomainEvent:
        """Records and delivers an event, with the given correlation id or the current request's."""
        event = DomainEvent(str(uuid.uuid4()), name, now(), payload, correlation_id or current_correlation_id())
        self._outbox.append(event)
        for handler in [*self._handlers.get(name, []), *self._every]:
            handler(event)
        return event


class PendingEvents:
    """The events one request raises, published together once its write has committed, with the
    request's correlation id."""

    def __init__(self, bus: EventBus) -> None:
        self._bus = bus
        self._correlation_id = current_correlation_id()
        self._pending: list[tuple[str, dict[str, object]]] = []

    def raise_event(self, name: str, payload: dict[str, object]) -> None:
        self._pending.append((name, payload))

    def publish_all(self) -> None:
        pending, self._pending = self._pending, []
        for name, payload in pending:
            self._bus.publish(name, payload, self._correlation_id)
