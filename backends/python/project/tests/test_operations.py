"""What every generated service does to be operated, whatever its blueprint: the probes, Prometheus
metrics, request and correlation ids (in headers, logs and events), JSON logs, request size limits,
rate limits per key and per tenant, CORS, and the settings (runtime/settings.py)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from fixtures import BLUEPRINT
from service import Service, token


def metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample in a Prometheus exposition, read by prometheus-client's own parser
    (0 when it is not there)."""
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return float(sample.value)
    return 0.0


class Tokens:
    """A verifier of fixed tokens: each its own subject, some of one tenant."""

    def __init__(self, tenants: dict[str, str | None]) -> None:
        self._principals = {
            name: BLUEPRINT.principal(subject=name, roles=tuple(BLUEPRINT.roles[:1]), tenant=tenant)
            for name, tenant in tenants.items()
        }

    def verify(self, value: str) -> Any:
        return self._principals.get(value)


@contextmanager
def client_for(environ: dict[str, str], verifier: Any = None) -> Iterator[TestClient]:
    settings = BLUEPRINT.load_settings(environ, port=8000)
    app: FastAPI = BLUEPRINT.create_app(BLUEPRINT.memory_store(), verifier or Tokens({}), settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_probes(service: Service) -> None:
    assert service.call("GET", "/live").body == {"status": "ok"}
    ready = service.call("GET", "/ready")
    assert ready.status == 200
    assert ready.body == {"status": "ready"}


def test_metrics_count_requests_by_route_and_status(service: Service) -> None:
    service.call("GET", "/health")
    service.call("GET", "/health")
    service.call("GET", "/no/such/route")
    reply = service.client.get("/metrics")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/plain")
    text = reply.text
    assert metric(text, "http_requests_total", method="GET", route="/health", status="200") == 2
    assert metric(text, "http_requests_total", method="GET", route="unmatched", status="404") == 1
    assert metric(text, "http_request_duration_seconds_count", method="GET", route="/health") == 2
    assert metric(text, "http_request_duration_seconds_bucket", le="+Inf", method="GET", route="/health") == 2


def test_made_up_methods_share_one_label(service: Service) -> None:
    for method in ("BREW", "WHEN", "PROPFIND"):
        service.client.request(method, "/health")
    text = service.client.get("/metrics").text
    counted = sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "http_requests_total" and sample.labels.get("method") == "other"
    )
    assert counted == 3
    assert "BREW" not in text


def test_store_transactions_are_timed(service: Service) -> None:
    def committed() -> float:
        return metric(
            service.client.get("/metrics").text, "store_transaction_duration_seconds_count", outcome="committed"
        )

    before = committed()
    service.call("GET", "/ready")
    after = committed()
    assert after == before + 1


def test_request_ids_are_answered_and_kept(service: Service) -> None:
    made = service.client.get("/health")
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])
    assert made.headers["x-correlation-id"] == made.headers["x-request-id"]
    given = service.client.get("/health", headers={"X-Request-Id": "req-1", "X-Correlation-Id": "flow-7"})
    assert given.headers["x-request-id"] == "req-1"
    assert given.headers["x-correlation-id"] == "flow-7"
    hostile = service.client.get("/health", headers={"X-Request-Id": 'a b"<script>' + "x" * 200})
    assert re.fullmatch(r"[0-9a-f]{32}", hostile.headers["x-request-id"])


def test_events_carry_the_correlation_id(service: Service) -> None:
    creatable = [(name, c) for name, c in BLUEPRINT.creators.items() if c.route is not None]
    if not creatable:
        pytest.skip("no entity has a create route")
    entity, creator = creatable[0]
    assert creator.route is not None
    body = service.body(entity)
    published = len(service.published)
    headers = {"X-Correlation-Id": "order-flow-42", "content-type": "application/json"}
    if creator.route.role:
        headers["authorization"] = f"Bearer {token(creator.route.role)}"
    reply = service.client.post(creator.route.path, content=json.dumps(body), headers=headers)
    assert reply.status_code == 201, reply.text
    raised = service.published[published:]
    assert [event.name for event in raised if event.name == f"{entity}.created"]
    assert all(event.correlation_id == "order-flow-42" for event in raised)
    assert all(event.to_json()["correlationId"] == "order-flow-42" for event in raised)
    if creator.route.role:
        # Refused before the route's own code runs: counted under the same template.
        refused = service.client.post(creator.route.path, content="{}", headers={"content-type": "application/json"})
        assert refused.status_code == 401
    text = service.client.get("/metrics").text
    assert metric(text, "http_requests_total", method="POST", route=creator.route.path, status="201") >= 1
    if creator.route.role:
        assert metric(text, "http_requests_total", method="POST", route=creator.route.path, status="401") >= 1


def test_access_log_lines_are_json(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="bpc.access"), client_for({}) as client:
        client.get("/openapi.json", headers={"X-Request-Id": "req-9", "X-Correlation-Id": "flow-9"})
    records = [r for r in caplog.records if r.name == "bpc.access"]
    assert len(records) == 1
    line = json.loads(BLUEPRINT.log_format(records[0]))
    assert line["level"] == "info"
    assert line["request_id"] == "req-9"
    assert line["route"] == "/openapi.json"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0


def test_bodies_over_the_limit_are_refused() -> None:
    with client_for({"MAX_BODY_BYTES": "64"}) as client:
        reply = client.post("/openapi.json", content=b"x" * 65, headers={"content-type": "application/json"})
        assert reply.status_code == 413
        assert reply.headers["content-type"] == "application/problem+json"
        assert client.post("/openapi.json", content=b"x" * 64).status_code == 405


def test_rate_limit_per_key() -> None:
    with client_for({"RATE_LIMIT_PER_KEY": "3/minute"}, Tokens({"k1": None, "k2": None})) as client:
        remaining = []
        for _ in range(3):
            reply = client.get("/openapi.json", headers={"authorization": "Bearer k1"})
            assert reply.status_code == 200
            assert reply.headers["ratelimit-limit"] == "3"
            remaining.append(reply.headers["ratelimit-remaining"])
        assert remaining == ["2", "1", "0"]
        refused = client.get("/openapi.json", headers={"authorization": "Bearer k1"})
        assert refused.status_code == 429
        assert refused.headers["content-type"] == "application/problem+json"
        assert 1 <= int(refused.headers["retry-after"]) <= 20
        assert client.get("/openapi.json", headers={"authorization": "Bearer k2"}).status_code == 200
        assert client.get("/health", headers={"authorization": "Bearer k1"}).status_code == 200
        text = client.get("/metrics").text
        assert metric(text, "http_rate_limited_total", limit="key") == 1
        assert metric(text, "http_requests_total", method="GET", route="unmatched", status="429") == 1


def test_rate_limit_per_tenant() -> None:
    tokens = Tokens({"a1": "acme", "a2": "acme", "b1": "blue"})
    with client_for({"RATE_LIMIT_PER_TENANT": "2/hour"}, tokens) as client:
        assert client.get("/openapi.json", headers={"authorization": "Bearer a1"}).status_code == 200
        assert client.get("/openapi.json", headers={"authorization": "Bearer a2"}).status_code == 200
        refused = client.get("/openapi.json", headers={"authorization": "Bearer a1"})
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) > 60
        assert client.get("/openapi.json", headers={"authorization": "Bearer b1"}).status_code == 200


class CountingTokens(Tokens):
    """Tokens that count how often they are verified."""

    def __init__(self, tenants: dict[str, str | None]) -> None:
        super().__init__(tenants)
        self.calls = 0

    def verify(self, value: str) -> Any:
        self.calls += 1
        return super().verify(value)


def test_a_token_is_verified_once_per_request() -> None:
    """The tenant's rate limit and the route's access check share one verification of the token."""
    tokens = CountingTokens({"a1": "acme"})
    with client_for({"RATE_LIMIT_PER_TENANT": "100/hour"}, tokens) as client:
        client.get("/openapi.json", headers={"authorization": "Bearer a1"})
        assert tokens.calls == 1
        guarded = [creator.route for creator in BLUEPRINT.creators.values() if creator.route and creator.route.role]
        if guarded:  # a blueprint with roles: the route checks the caller too
            client.post(guarded[0].path, json={}, headers={"authorization": "Bearer a1"})
            assert tokens.calls == 2


def test_cors_allows_only_the_configured_origins() -> None:
    with client_for({"CORS_ORIGINS": "https://app.example"}) as client:
        preflight = {"Origin": "https://app.example", "Access-Control-Request-Method": "GET"}
        allowed = client.options("/openapi.json", headers=preflight)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://app.example"
        other = client.get("/openapi.json", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    with client_for({}) as client:
        plain = client.get("/health", headers={"Origin": "https://app.example"})
        assert "access-control-allow-origin" not in plain.headers


def test_settings_from_file_and_environment(tmp_path: Path) -> None:
    config = tmp_path / "service.toml"
    config.write_text('port = 9000\nlog_level = "warning"\ncors_origins = ["https://a.example"]\n', encoding="utf-8")
    settings = BLUEPRINT.load_settings({"BPC_CONFIG": str(config), "PORT": "9100"}, port=8000)
    assert settings.port == 9100
    assert settings.log_level == "WARNING"
    assert settings.cors_origins == ("https://a.example",)
    assert settings.rate_limit_per_key is None
    production = BLUEPRINT.load_settings({"BPC_ENV": "production"}, port=8000)
    assert str(production.rate_limit_per_key) == "600/minute"
    assert production.log_level == "INFO"


@pytest.mark.parametrize(
    ("environ", "complaint"),
    [
        ({"BPC_ENV": "production", "BPC_DEV_TOKENS": "alice=Admin"}, "refused in production"),
        ({"BPC_ENV": "staging"}, "development or production"),
        ({"PORT": "70000"}, "port"),
        ({"RATE_LIMIT_PER_KEY": "lots"}, "rate_limit_per_key"),
        ({"CORS_ORIGINS": "app.example"}, "cors_origins"),
        ({"BPC_CONFIG": "/no/such/file.toml"}, "cannot read"),
    ],
)
def test_bad_settings_are_refused(environ: dict[str, str], complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        BLUEPRINT.load_settings(environ, port=8000)


def test_unknown_setting_in_the_file_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "service.toml"
    config.write_text("prot = 8080\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown setting 'prot'"):
        BLUEPRINT.load_settings({"BPC_CONFIG": str(config)}, port=8000)
