"""Errors as RFC 9457 problem details (application/problem+json).

Every failure a route reports is an HttpProblem; the exception handler in app.py writes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import ValidationError


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class HttpProblem(Exception):
    """A response with a status and a problem-details body."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        errors: Sequence[FieldError] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = dict(headers or {})

    def to_json(self) -> dict[str, object]:
        body: dict[str, object] = {"type": "about:blank", "title": self.title, "status": self.status}
        if self.detail is not None:
            body["detail"] = self.detail
        if self.errors is not None:
            body["errors"] = [{"field": e.field, "message": e.message} for e in self.errors]
        return body


def _path_text(location: Sequence[int | str], where: str) -> str:
    """The dotted path of an error, in wire names: `address.city`, `tags.2`; the whole input is `(body)`."""
    return ".".join(str(part) for part in location) if location else f"({where})"


def invalid(error: ValidationError, where: str) -> HttpProblem:
    """400 naming every field that failed validation, in `detail` and in `errors`."""
    errors = [FieldError(_path_text(e["loc"], where), e["msg"]) for e in error.errors(include_url=False)]
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
    return HttpProblem(400, "Invalid request", detail, errors)


def bad_request(field: str, message: str) -> HttpProblem:
    return HttpProblem(400, "Invalid request", f"{field}: {message}", [FieldError(field, message)])


def not_found(what: str) -> HttpProblem:
    return HttpProblem(404, "Not found", f"{what} does not exist")


def conflict(detail: str, field: str | None = None) -> HttpProblem:
    return HttpProblem(409, "Conflict", detail, None if field is None else [FieldError(field, detail)])


def unauthorized() -> HttpProblem:
    return HttpProblem(401, "Unauthorized", "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def forbidden(detail: str = "none of the caller's roles may do this") -> HttpProblem:
    return HttpProblem(403, "Forbidden", detail)


def method_not_allowed(allowed: str) -> HttpProblem:
    """405 for a method the route does not serve, naming those it does in `Allow`."""
    return HttpProblem(405, "Method not allowed", f"this route serves {allowed}", headers={"Allow": allowed})


def not_implemented(operation: str) -> HttpProblem:
    return HttpProblem(501, "Not implemented", f"operation {operation} has no implementation yet")
