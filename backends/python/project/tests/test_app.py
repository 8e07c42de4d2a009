"""What every generated service answers whatever its blueprint: /health, /openapi.json (the
documents bpc generated, served as they are), and problem details for unknown routes and methods."""

from __future__ import annotations

from fixtures import BLUEPRINT
from service import Service


def test_health(service: Service) -> None:
    reply = service.call("GET", "/health")
    assert reply.status == 200
    assert reply.body == {"status": "ok"}


def test_openapi_documents_are_served(service: Service) -> None:
    reply = service.call("GET", "/openapi.json")
    assert reply.status == 200
    documents = BLUEPRINT.documents
    if len(documents) == 1:
        assert reply.body == next(iter(documents.values()))
        return
    assert sorted(reply.body["documents"]) == sorted(documents)
    for name, document in documents.items():
        assert service.call("GET", f"/openapi/{name}.json").body == document


def test_unknown_route_is_a_problem(service: Service) -> None:
    reply = service.call("GET", "/no/such/route")
    assert reply.status == 404
    assert reply.headers["content-type"] == "application/problem+json"
    assert reply.body["status"] == 404


def test_unserved_method_names_the_served_ones(service: Service) -> None:
    reply = service.call("POST", "/health", body={})
    assert reply.status == 405
    assert reply.headers["allow"] == "GET"
    assert reply.headers["content-type"] == "application/problem+json"
