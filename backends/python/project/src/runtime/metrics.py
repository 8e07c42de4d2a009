"""Prometheus metrics of one application, in a registry of its own (no global state, so several
applications can live in one process, as the tests' do).

`http_requests_total{method,route,status}` counts answered requests by route template (`unmatched`
for a path no route serves), `http_request_duration_seconds{method,route}` is their latency,
`store_transaction_duration_seconds{outcome}` times every store transaction (committed or rolled
back), and `http_rate_limited_total{limit}` counts refusals by limit (key or tenant).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

if TYPE_CHECKING:
    from .events import Outbox
    from .store import EntityDescriptor, Repository, Store

R = TypeVar("R")

# Seconds; the default buckets of the Prometheus clients, plus 25 ms and 250 ms.
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0)


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "http_requests", "HTTP requests answered", ["method", "route", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "http_request_duration_seconds",
            "Time from a request's arrival to its answer",
            ["method", "route"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.store = Histogram(
            "store_transaction_duration_seconds",
            "Time a store transaction took",
            ["outcome"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "http_rate_limited", "Requests refused by a rate limit", ["limit"], registry=self.registry
        )

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class MeteredStore:
    """A store whose transactions are timed; everything else is the store's own."""

    def __init__(self, store: Store, metrics: Metrics) -> None:
        self.inner = store
        self._metrics = metrics

    @property
    def outbox(self) -> Outbox:
        return self.inner.outbox

    def repository(self, entity: EntityDescriptor) -> Repository:
        return self.inner.repository(entity)

    def transaction(self, work: Callable[[], R]) -> R:
        started = time.perf_counter()
        outcome = "rolled_back"
        try:
            result = self.inner.transaction(work)
            outcome = "committed"
        finally:
            self._metrics.store.labels(outcome).observe(time.perf_counter() - started)
        return result

    def close(self) -> None:
        self.inner.close()
