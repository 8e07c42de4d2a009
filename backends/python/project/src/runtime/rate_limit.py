"""Rate limits by the generic cell rate algorithm (GCRA), one theoretical arrival time per key.

A limit of N requests per period P lets a key make N requests at once and then one every P/N
seconds: each request moves the key's theoretical arrival time (TAT) on by P/N, and a request that
would put it more than P ahead of now is refused. What a decision tells the caller follows the
IETF draft on rate-limit headers: `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`
(seconds until the key's whole quota is back) and, on a refusal, `Retry-After`.

The times live in memory, per process (several instances each count their own callers); keys
whose quota is whole again are forgotten once there are more than `max_keys`.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .settings import RateLimit


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    # Seconds until the quota is whole again, and (refused) until the next request may pass.
    reset: float
    retry_after: float

    def headers(self) -> dict[str, str]:
        headers = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(math.ceil(self.reset)),
        }
        if not self.allowed:
            headers["Retry-After"] = str(max(1, math.ceil(self.retry_after)))
        return headers


class Gcra:
    """One limit over many keys. Thread-safe."""

    def __init__(
        self, limit: RateLimit, *, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000
    ) -> None:
        self.limit = limit
        self._interval = limit.period / limit.requests
        self._clock = clock
        self._max_keys = max_keys
        self._arrivals: dict[str, float] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> Decision:
        """Counts a request of `key`, if the limit lets it pass, and says what it decided."""
        period = self.limit.period
        with self._lock:
            now = self._clock()
            arrival = max(self._arrivals.get(key, now), now)
            next_arrival = arrival + self._interval
            if next_arrival - now > period + 1e-9:
                return Decision(False, self.limit.requests, 0, arrival - now, next_arrival - now - period)
            self._arrivals[key] = next_arrival
            if len(self._arrivals) > self._max_keys:
                self._forget_whole(now)
        remaining = math.floor((period - (next_arrival - now)) / self._interval + 1e-9)
        return Decision(True, self.limit.requests, remaining, next_arrival - now, 0.0)

    def _forget_whole(self, now: float) -> None:
        for key in [k for k, arrival in self._arrivals.items() if arrival <= now]:
            del self._arrivals[key]
        while len(self._arrivals) > self._max_keys:  # every key is busy: the oldest goes
            del self._arrivals[next(iter(self._arrivals))]
