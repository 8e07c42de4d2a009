"""What operating a generated service needs, around its APIs: `/live`, `/ready` and `/metrics`,
and one ASGI middleware that gives every request its ids, refuses bodies over the size limit (413)
and callers over their rate limits (429), and records the answer in the metrics and the log.

Order per request: ids; the size limit (by `Content-Length`, and while the body is read, for a
body without one); the rate limits, per key (the bearer token, or the client address without one)
and per tenant (the tenant of the token's principal); then the application. The probes and
`/metrics` are never limited. Rate-limited answers carry `RateLimit-*` headers; refusals are
problem details with `Retry-After`.
"""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Any

from fastapi import FastAPI, Response
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .http import in_thread, json_response, principal_of, problem_response
from .logs import incoming_id, new_id, reset_correlation_id, set_correlation_id
from .metrics import Metrics
from .problem import HttpProblem
from .rate_limit import Decision, Gcra
from .services import Services
from .settings import Settings

logger = logging.getLogger("bpc.access")

# Paths that are neither limited nor logged above DEBUG: the probes and the metrics.
OPERATIONAL_PATHS = frozenset({"/live", "/ready", "/health", "/metrics"})
_LABELLED_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _too_large(limit: int) -> HttpProblem:
    return HttpProblem(413, "Content too large", f"the request body is larger than {limit} bytes")


class OperationsMiddleware:
    def __init__(self, app: ASGIApp, services: Services, settings: Settings, metrics: Metrics) -> None:
        self._app = app
        self._services = services
        self._max_body = settings.max_body_bytes
        self._metrics = metrics
        self._per_key = Gcra(settings.rate_limit_per_key) if settings.rate_limit_per_key else None
        self._per_tenant = Gcra(settings.rate_limit_per_tenant) if settings.rate_limit_per_tenant else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = Headers(scope=scope)
        request_id = incoming_id(headers.get("x-request-id")) or new_id()
        correlation_id = incoming_id(headers.get("x-correlation-id")) or request_id
        token = set_correlation_id(correlation_id)
        answered: dict[str, Any] = {"status": 500}
        extra = {"X-Request-Id": request_id, "X-Correlation-Id": correlation_id}

        async def answer(message: Message) -> None:
            if message["type"] == "http.response.start":
                answered["status"] = message["status"]
                response_headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    response_headers[name] = value
            await send(message)

        try:
            await self._serve(scope, receive, answer, headers, extra)
        finally:
            self._record(scope, answered["status"], time.perf_counter() - started, request_id)
            reset_correlation_id(token)

    async def _serve(self, scope: Scope, receive: Receive, send: Send, headers: Headers, extra: dict[str, str]) -> None:
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self._max_body:
            await problem_response(_too_large(self._max_body))(scope, receive, send)
            return
        if scope["path"] not in OPERATIONAL_PATHS:
            decision = await self._limit(scope, headers)
            if decision is not None:
                extra.update(decision.headers())
                if not decision.allowed:
                    problem = HttpProblem(429, "Too many requests", "this caller's rate limit is used up; retry later")
                    await problem_response(problem)(scope, receive, send)
                    return
        await self._app(scope, self._limited(receive), send)

    def _limited(self, receive: Receive) -> Receive:
        """`receive`, refusing a body that grows past the limit (one without Content-Length)."""
        seen = 0
        limit = self._max_body

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _too_large(limit)
            return message

        return limited

    async def _limit(self, scope: Scope, headers: Headers) -> Decision | None:
        """The tighter of the key's and the tenant's decisions (None when neither is limited)."""
        decisions: list[Decision] = []
        scheme, _, credentials = headers.get("authorization", "").partition(" ")
        bearer = credentials.strip() if scheme.lower() == "bearer" else ""
        if self._per_key is not None:
            client = scope.get("client")
            key = (
                "token:" + hashlib.sha256(bearer.encode()).hexdigest()
                if bearer
                else "address:" + (client[0] if client else "unknown")
            )
            decisions.append(self._per_key.check(key))
            if not decisions[-1].allowed:
                self._metrics.rate_limited.labels("key").inc()
                return decisions[-1]
        if self._per_tenant is not None and bearer:
            principal = await principal_of(Request(scope), self._services.verifier)
            if principal is not None and principal.tenant is not None:
                decisions.append(self._per_tenant.check("tenant:" + principal.tenant))
                if not decisions[-1].allowed:
                    self._metrics.rate_limited.labels("tenant").inc()
                    return decisions[-1]
        return min(decisions, key=lambda d: d.remaining, default=None)

    def _record(self, scope: Scope, status: int, seconds: float, request_id: str) -> None:
        template = _route_template(scope)
        method = str(scope["method"])
        # A caller can send any token as a method: the label keeps to the ones HTTP defines for
        # APIs, so the metrics' series stay bounded.
        self._metrics.observe_request(method if method in _LABELLED_METHODS else "other", template, status, seconds)
        level = logging.DEBUG if scope["path"] in OPERATIONAL_PATHS else logging.INFO
        fields = {
            "request_id": request_id,
            "method": method,
            "route": template,
            "status": status,
            "duration_ms": round(seconds * 1000, 3),
        }
        logger.log(level, "%s %s %d", method, template, status, extra={"fields": fields})


def _route_template(scope: Scope) -> str:
    """The template of the route that answered (`/api/v1/patients/{id}`), or `unmatched`.

    The route a router was included with a prefix knows only its own part of the path, so the
    prefix is the part of the request's path before the shortest tail the route matches."""
    route = scope.get("route")
    template = getattr(route, "path", None)
    pattern = getattr(route, "path_regex", None)
    if not isinstance(template, str) or pattern is None:
        return "unmatched"
    path = str(scope["path"])
    for index, character in enumerate(path):
        if character == "/" and pattern.match(path[index:]):
            return path[:index] + template
    return template


def install_operations(app: FastAPI, services: Services, settings: Settings, metrics: Metrics) -> None:
    """Adds the probes, the metrics, the middleware and (when origins are allowed) CORS."""

    async def live() -> Response:
        return json_response({"status": "ok"})

    async def ready() -> Response:
        try:
            await in_thread(lambda: services.store.transaction(lambda: None))
        except Exception:
            logger.exception("the store is not ready")
            return problem_response(HttpProblem(503, "Not ready", "the store cannot be reached"))
        return json_response({"status": "ready"})

    async def metrics_text() -> Response:
        return Response(metrics.exposition(), media_type=metrics.content_type)

    app.add_api_route("/live", live, methods=["GET"])
    app.add_api_route("/ready", ready, methods=["GET"])
    app.add_api_route("/metrics", metrics_text, methods=["GET"])
    app.add_middleware(OperationsMiddleware, services=services, settings=settings, metrics=metrics)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-Id", "X-Correlation-Id"],
            expose_headers=[
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset",
                "Retry-After",
                "X-Request-Id",
                "X-Correlation-Id",
            ],
            max_age=600,
        )
