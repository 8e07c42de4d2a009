"""What routes and hand-written code work with: the store, the event bus, the token verifier and
the policy conditions, and what one hand-written operation sees."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .access import Condition, Principal, TokenVerifier
from .events import EventBus, PendingEvents
from .store import Store


@dataclass(frozen=True)
class Services:
    store: Store
    bus: EventBus
    verifier: TokenVerifier
    conditions: Mapping[str, Condition]


@dataclass(frozen=True)
class OperationContext:
    """What a hand-written operation gets besides its arguments."""

    # The caller (None when the blueprint declares no roles).
    principal: Principal | None
    store: Store
    # Events raised here are published once the operation has returned.
    events: PendingEvents
