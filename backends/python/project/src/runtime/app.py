"""What every generated application serves besides its APIs, and how it answers errors.

`/health`; `/openapi.json` (the one API's OpenAPI document, or an index of `/openapi/<name>.json`
when there are several), read from the package's `openapi/` folder; and every error as an RFC 9457
problem: HttpProblem as it says, an unknown route 404, a method the route does not serve 405 with
the methods it does in `Allow`, anything else 500 (logged, never shown).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from functools import cache
from http import HTTPStatus
from importlib import resources
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request, Response
from starlette.exceptions import HTTPException
from starlette.routing import Match

from .http import json_response, problem_response
from .problem import HttpProblem

logger = logging.getLogger(__name__)


@cache
def _documents(package: str, names: tuple[str, ...]) -> Mapping[str, object]:
    """The package's OpenAPI documents by API name, read once per process."""
    return {
        name: json.loads(resources.files(package).joinpath("openapi", f"{name}.json").read_text(encoding="utf-8"))
        for name in names
    }


def serve_documents(app: FastAPI, package: str, names: Sequence[str]) -> None:
    """Adds `/health` and the OpenAPI routes."""
    documents = _documents(package, tuple(names))

    async def health() -> Response:
        return json_response({"status": "ok"})

    async def index() -> Response:
        if len(documents) == 1:
            return json_response(next(iter(documents.values())))
        return json_response({"documents": {name: f"/openapi/{quote(name)}.json" for name in documents}})

    async def document(name: str) -> Response:
        if name not in documents:
            raise HttpProblem(404, "Not found", "no such API")
        return json_response(documents[name])

    app.add_api_route("/health", health, methods=["GET"])
    app.add_api_route("/openapi.json", index, methods=["GET"])
    app.add_api_route("/openapi/{name}.json", document, methods=["GET"])


def serve_routes(app: FastAPI, router: APIRouter) -> None:
    """Serves the router's routes themselves. `include_router` would copy every route for each
    application, which is most of what making an application costs; the routes find the services
    in `request.app.state`, so the routes made once serve every application of the process."""
    app.router.routes.extend(router.routes)


def _allowed_methods(app: FastAPI, request: Request) -> str:
    """The methods some route serves at the request's path, found by asking each route."""
    allowed = []
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        probe = {**request.scope, "method": method}
        if any(route.matches(probe)[0] == Match.FULL for route in app.router.routes):
            allowed.append(method)
    return ", ".join(allowed)


def install_problem_handlers(app: FastAPI) -> None:
    """Answers every error as problem details."""

    async def on_problem(_request: Request, error: Exception) -> Response:
        if not isinstance(error, HttpProblem):
            raise error
        return problem_response(error)

    async def on_http_error(request: Request, error: Exception) -> Response:
        if not isinstance(error, HTTPException):
            raise error
        if error.status_code == HTTPStatus.NOT_FOUND:
            detail = f"no route matches {request.method} {request.url.path}"
            return problem_response(HttpProblem(404, "Not found", detail))
        if error.status_code == HTTPStatus.METHOD_NOT_ALLOWED:
            allowed = _allowed_methods(app, request)
            detail = f"this route serves {allowed}"
            return problem_response(HttpProblem(405, "Method not allowed", detail, headers={"Allow": allowed}))
        return problem_response(HttpProblem(error.status_code, str(error.detail)))

    async def on_error(request: Request, error: Exception) -> Response:
        logger.error("%s %s failed", request.method, request.url.path, exc_info=error)
        return problem_response(HttpProblem(500, "Internal error"))

    app.add_exception_handler(HttpProblem, on_problem)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(Exception, on_error)
