"""What every generated route does before and after its own work.

Authenticate the caller, check the operation's access rule, turn query strings, path parameters
and JSON bodies into validated values, and write results. Failures are raised as HttpProblem; the
exception handlers in app.py write them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Literal, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .access import Access, AccessRequest, Condition, Principal, TokenVerifier, permits
from .problem import HttpProblem, bad_request, forbidden, invalid, unauthorized
from .store import Id, Row

R = TypeVar("R")
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

# How a query-string or path parameter converts before validation.
ParameterKind = Literal["string", "number", "boolean", "list"]

_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_BEARER = re.compile(r"Bearer\s+(\S+)\s*", re.IGNORECASE)


def _convert(text: str, kind: ParameterKind) -> object:
    if kind == "number" and _NUMBER.fullmatch(text):
        return float(text) if any(c in text for c in ".eE") else int(text)
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    return text


def parameters(items: Iterable[tuple[str, str]], kinds: Mapping[str, ParameterKind]) -> dict[str, object]:
    """Query or path parameters as one object, converted by kind.

    An unconvertible value stays a string, so validation names it; a repeated parameter of a list
    kind is a list. Names the operation does not declare are kept as they came, so its strict model
    refuses them (400) instead of ignoring a misspelt filter.
    """
    out: dict[str, object] = {}
    for name, raw in items:
        kind = kinds.get(name)
        if kind == "list":
            previous = out.get(name)
            out[name] = [*previous, raw] if isinstance(previous, list) else [raw]
        elif kind is None:
            out[name] = raw
        else:
            out[name] = _convert(raw, kind)
    return out


def validate(model: type[M], data: bytes | str, where: str) -> M:
    """Validates JSON against a model: 400 naming the failing fields."""
    try:
        return model.model_validate_json(data, strict=True)
    except ValidationError as error:
        raise invalid(error, where) from error


def read_parameters(
    model: type[M], items: Iterable[tuple[str, str]], kinds: Mapping[str, ParameterKind], where: str
) -> M:
    """Query or path parameters, converted by kind and validated (400 naming the failing ones)."""
    return validate(model, json.dumps(parameters(items, kinds)), where)


def read_body(model: type[M], body: bytes, *, required: bool = False) -> M:
    """A validated JSON body; without `required`, no body at all is an empty object."""
    if not body and required:
        where, message = "(body)", "a JSON body is required"
        raise bad_request(where, message)
    return validate(model, body or b"{}", "body")


def wire(value: BaseModel, *, partial: bool = False) -> Row:
    """A validated model in its wire form; with `partial`, only the fields the request gave."""
    return value.model_dump(mode="json", by_alias=True, exclude_unset=partial)


def arguments(value: BaseModel) -> Row:
    """A trigger's arguments in their wire form, without the optional ones the request left out."""
    out = wire(value)
    for name, field in type(value).model_fields.items():
        if name not in value.model_fields_set and getattr(value, name) is None:
            out.pop(field.alias or name, None)
    return out


def id_of(values: Row, name: str) -> Id:
    """A record id among validated values."""
    value = values[name]
    if not isinstance(value, str | int):
        message = f"{name} is not an id"
        raise TypeError(message)
    return value


def record_id_in(values: Row, name: str, id_field: str) -> Id | None:
    """The id of the record a payload holds under `name` (None when it holds none)."""
    record = values.get(name)
    return id_of(record, id_field) if isinstance(record, dict) else None


def check_result(adapter: TypeAdapter[T], result: T, operation: str) -> object:
    """A hand-written operation's result in its wire form; a result of the wrong shape is a 500."""
    try:
        return adapter.dump_python(adapter.validate_python(result), mode="json", by_alias=True)
    except ValidationError as error:
        detail = f"the handler of {operation} returned an invalid result: {error}"
        raise HttpProblem(500, "Internal error", detail) from error


# Where a request keeps its verified caller: (token, principal), so that the token is verified once
# per request however many times it is asked for (the tenant's rate limit, then the route).
_VERIFIED = "bpc.verified_caller"


async def principal_of(request: Request, verifier: TokenVerifier) -> Principal | None:
    """The caller a `Authorization: Bearer <token>` header names, or None. The token is verified on a
    worker thread (fetching a JWKS URL must not stall the event loop), once per request."""
    match = _BEARER.fullmatch(request.headers.get("authorization", ""))
    if match is None:
        return None
    token = match.group(1)
    state = request.scope.setdefault("state", {})
    verified = state.get(_VERIFIED)
    if isinstance(verified, tuple) and verified[0] == token:
        cached: Principal | None = verified[1]
        return cached
    principal = await in_thread(lambda: verifier.verify(token))
    state[_VERIFIED] = (token, principal)
    return principal


async def authorize(
    request: Request,
    verifier: TokenVerifier,
    access: Access,
    operation: str,
    conditions: Mapping[str, Condition],
    record_id: str | None = None,
) -> Principal:
    """The caller, after checking the operation's access rule: 401 without identity, 403 when refused."""
    principal = await principal_of(request, verifier)
    if principal is None:
        raise unauthorized()
    if not permits(access, AccessRequest(principal, operation, record_id), conditions):
        raise forbidden()
    return principal


def require_json(request: Request) -> None:
    """415 unless a request that carries a body says it is JSON."""
    length = request.headers.get("content-length")
    has_body = "transfer-encoding" in request.headers or (length is not None and length != "0")
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if has_body and media_type != "application/json" and not media_type.endswith("+json"):
        raise HttpProblem(415, "Unsupported media type", "the request body must be application/json")


async def in_thread(work: Callable[[], R]) -> R:
    """Runs store work on a worker thread, so a slow database does not stall the event loop."""
    return await run_in_threadpool(work)


def json_response(body: object, status: int = 200) -> Response:
    return JSONResponse(body, status_code=status)


def problem_response(problem: HttpProblem) -> Response:
    return JSONResponse(
        problem.to_json(), status_code=problem.status, headers=problem.headers, media_type="application/problem+json"
    )
