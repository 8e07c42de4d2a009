"""The routes of an API, built from the table its generated router.py declares.

Every operation does the same steps with its own data: check the caller's access (401, 403),
validate the route parameters and the query string or JSON body (400, 415), do its work on a worker
thread in one store transaction, publish the events it raised once that has committed, and answer.
router.py lists each operation as one row of `OPERATIONS` (a `List`, `Get`, `Create`, ... or
`Custom` for a hand-written one); `router_for` turns the rows into FastAPI routes in table order,
and after the last route of each path adds one answering 405 (with `Allow`) for the methods the
path does not serve, before a later route with a placeholder (`/patients/{id}`) could take them.
"""

from __future__ import annotations

import base64
import json
import re
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from functools import cached_property
from typing import Any, Generic, Literal, TypeVar

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, TypeAdapter

from .access import Access, Principal
from .crud import (
    Entities,
    check_references,
    delete_record,
    get_or_not_found,
    merged,
    must_get,
    present,
    restore_record,
    touch,
    writing,
)
from .events import PendingEvents, now
from .http import (
    ParameterKind,
    arguments,
    authorize,
    check_result,
    id_of,
    in_thread,
    json_response,
    read_body,
    read_parameters,
    require_json,
    validate,
    wire,
)
from .problem import method_not_allowed
from .query import Condition, ListQuery, Operator, Search, SortKey, conditions, search_for, sort_order
from .scope import ScopedStore, claim_for, unscoped
from .services import OperationContext, Services
from .store import EntityDescriptor, Id, Page, Repository, Row, Store
from .upload import bytes_response, read_upload

P = TypeVar("P", bound=BaseModel)
I = TypeVar("I", bound=BaseModel)  # noqa: E741

_PLACEHOLDER = re.compile(r"\{([^}]*)\}")
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
_BODY_METHODS = ("POST", "PUT", "PATCH")

# How a create fills a field the request does not give.
Generated = Literal["uuid", "next", "now", "null", "tenant", "subject"]


@dataclass(frozen=True)
class Fixed:
    """A create sets the field to this value (a workflow's initial state)."""

    value: object


@dataclass(frozen=True)
class Loaded:
    """An event field holding the record a reference of the written record names (None when unset)."""

    field: str
    entity: EntityDescriptor


@dataclass(frozen=True)
class Written:
    """An event field holding the written record itself."""


RECORD = Written()

# What an event field holds: the written record, one of its fields (by name), the record one of
# its references names, or nothing.
EventValue = Written | str | Loaded | None


@dataclass(frozen=True)
class Emit:
    """An event an action declares (`create emits OrderPlaced`), with what each of its fields holds."""

    event: str
    fields: Mapping[str, EventValue]


class NoParameters(BaseModel):
    """The query string or body of an operation that takes none: anything given is refused."""

    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class Call:
    """What one request's route works with: the services, every entity by name, the store as the
    caller sees it, and the caller (None when the blueprint declares no roles)."""

    services: Services
    entities: Entities
    store: Store
    principal: Principal | None


@dataclass(frozen=True)
class Operation:
    """What every row says: the operation's name in the blueprint (its access rule's key), its
    method and path, and who may call it (None: anyone, when the blueprint declares no roles)."""

    name: str
    method: str
    path: str
    _: KW_ONLY
    access: Access | None = None

    @cached_property
    def placeholders(self) -> list[str]:
        """The names of the path's placeholders, in order (found once, not per request)."""
        return _PLACEHOLDER.findall(self.path)

    async def answer(self, request: Request, call: Call) -> Response:
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class Standard(Operation):
    """An operation bpc writes whole, on the records of one entity: its route parameters, its
    query string or JSON body (`given`), and the events its action declares."""

    entity: EntityDescriptor
    path_model: type[BaseModel] | None = None
    path_kinds: Mapping[str, ParameterKind] = field(default_factory=dict)
    given: type[BaseModel] = NoParameters
    given_kinds: Mapping[str, ParameterKind] = field(default_factory=dict)
    emits: Sequence[Emit] = ()

    def record_id(self, request: Request) -> Id:
        """The validated id the route's first placeholder gives."""
        if self.path_model is None:
            message = f"{self.name} has no route parameters"
            raise LookupError(message)
        path = read_parameters(self.path_model, request.path_params.items(), self.path_kinds, "path")
        return id_of(wire(path), self.placeholders[0])

    def read_query(self, request: Request) -> Row:
        return wire(read_parameters(self.given, request.query_params.multi_items(), self.given_kinds, "query"))

    async def read_json(self, request: Request, *, required: bool = False) -> BaseModel:
        require_json(request)
        return read_body(self.given, await request.body(), required=required)

    async def write(self, call: Call, work: Callable[[PendingEvents], Row], status: int = 200) -> Response:
        """Runs `work` in one transaction on a worker thread, publishes the events it raised once
        that has committed, and answers the record it wrote."""
        events = PendingEvents(call.services.bus)
        record = await in_thread(lambda: call.store.transaction(lambda: work(events)))
        events.publish_all()
        return json_response(present(self.entity, record), status)

    def raise_declared(self, events: PendingEvents, store: Store, record: Row) -> None:
        """Raises the events the action declares, each field filled from the written record."""
        for emit in self.emits:
            payload: dict[str, object] = {}
            for name, value in emit.fields.items():
                if isinstance(value, Written):
                    payload[name] = present(self.entity, record)
                elif isinstance(value, str):
                    payload[name] = record.get(value)
                elif isinstance(value, Loaded):
                    target = record.get(value.field)
                    every = unscoped(store).repository(value.entity)
                    payload[name] = (
                        None if target is None else present(value.entity, must_get(every, value.entity, target))
                    )
                else:
                    payload[name] = None
            events.raise_event(emit.event, payload)


@dataclass(frozen=True, kw_only=True)
class List(Standard):
    """A page of records, filtered (`(field, operator, parameter)`), searched and sorted."""

    filters: Sequence[tuple[str, Operator, str]] = ()
    search: Sequence[str] = ()

    async def answer(self, request: Request, call: Call) -> Response:
        given = self.read_query(request)
        page_query = _page_query(
            given,
            conditions([(name, op, given.get(parameter)) for name, op, parameter in self.filters]),
            search=search_for(self.search, given.get("q")) if self.search else None,
            order=sort_order(given.get("sort")),
        )
        page = await in_thread(lambda: call.store.repository(self.entity).list(page_query))
        return _page_response(self.entity, page)


@dataclass(frozen=True, kw_only=True)
class Related(Standard):
    """`GET /customers/{id}/orders`: 404 unless the owner exists, then a page of the records it
    holds in its field `owned` (a list of ids), or of those whose field `referring` names it."""

    owner: EntityDescriptor
    owned: str | None = None
    referring: tuple[str, Operator] | None = None

    async def answer(self, request: Request, call: Call) -> Response:
        record_id = self.record_id(request)
        given = self.read_query(request)
        store = call.store

        def work() -> Page:
            owner = get_or_not_found(store.repository(self.owner), self.owner, record_id)
            where: list[tuple[str, Operator, object]] = []
            if self.owned is not None:
                where.append((self.entity.id_field, "in", owner.get(self.owned) or []))
            if self.referring is not None:
                where.append((self.referring[0], self.referring[1], record_id))
            return store.repository(self.entity).list(_page_query(given, conditions(where)))

        return _page_response(self.entity, await in_thread(work))


@dataclass(frozen=True, kw_only=True)
class Get(Standard):
    """The record with this id (404 when there is none)."""

    async def answer(self, request: Request, call: Call) -> Response:
        record_id = self.record_id(request)
        self.read_query(request)
        record = await in_thread(lambda: get_or_not_found(call.store.repository(self.entity), self.entity, record_id))
        return json_response(present(self.entity, record))


@dataclass(frozen=True, kw_only=True)
class Create(Standard):
    """A new record from the body, with the fields the service fills (`assigned`)."""

    assigned: Mapping[str, Generated | Fixed] = field(default_factory=dict)
    status: int = 201

    async def answer(self, request: Request, call: Call) -> Response:
        given = wire(await self.read_json(request, required=True))
        store = call.store

        def work(events: PendingEvents) -> Row:
            repository = store.repository(self.entity)
            created: Row = {**given}
            for name, how in self.assigned.items():
                created[name] = self._value(how, repository, call.principal)
            check_references(store, call.entities, self.entity.references, created)
            with writing():
                repository.insert(created)
            events.raise_event(self.entity.name + ".created", present(self.entity, created))
            self.raise_declared(events, store, created)
            return created

        return await self.write(call, work, self.status)

    def _value(self, how: Generated | Fixed, repository: Repository, principal: Principal | None) -> object:
        if isinstance(how, Fixed):
            return how.value
        if how == "uuid":
            return str(uuid.uuid4())
        if how == "next":
            return repository.next_id()
        if how == "now":
            return now()
        if how in ("tenant", "subject"):
            return claim_for(self.entity, principal, how)
        return None


@dataclass(frozen=True, kw_only=True)
class Update(Standard):
    """Changes the fields the body gives (404 when there is no such record)."""

    async def answer(self, request: Request, call: Call) -> Response:
        record_id = self.record_id(request)
        changes = wire(await self.read_json(request, required=True), partial=True)
        return await self.change(call, record_id, changes, check=True)

    async def change(self, call: Call, record_id: Id, changes: Row, *, check: bool) -> Response:
        store = call.store

        def work(events: PendingEvents) -> Row:
            repository = store.repository(self.entity)
            current = get_or_not_found(repository, self.entity, record_id)
            updated = touch(self.entity, merged(current, changes))
            if check:
                check_references(store, call.entities, self.entity.references, updated)
            with writing():
                repository.replace(updated)
            events.raise_event(self.entity.name + ".updated", present(self.entity, updated))
            self.raise_declared(events, store, updated)
            return updated

        return await self.write(call, work)


@dataclass(frozen=True, kw_only=True)
class Upload(Update):
    """A `bytes` field's new content from a multipart `file` part, checked by the update model
    (`given`), so the field's constraints (`@maxLength`) apply."""

    file_field: str

    async def answer(self, request: Request, call: Call) -> Response:
        record_id = self.record_id(request)
        data = await read_upload(request)
        content = json.dumps({self.file_field: base64.b64encode(data).decode()})
        changes = wire(validate(self.given, content, "body"), partial=True)
        return await self.change(call, record_id, changes, check=False)


@dataclass(frozen=True, kw_only=True)
class Download(Standard):
    """A `bytes` field's content as application/octet-stream."""

    file_field: str

    async def answer(self, request: Request, call: Call) -> Response:
        record_id = self.record_id(request)
        self.read_query(request)
        record = await in_thread(lambda: get_or_not_found(call.store.repository(self.entity), self.entity, record_id))
        return bytes_response(record.get(self.file_field))


@dataclass(frozen=True, kw_only=True)
class Delete(Standard):
    """Deletes the record and what `@onDelete(cascade)` takes with it; each raises its `deleted`."""

    async def answer(self, request: Request, call: Call) -> Response:
        record_id = self.record_id(request)
        self.read_query(request)
        events = PendingEvents(call.services.bus)
        store = call.store

        def work() -> None:
            removed = delete_record(store, call.entities, self.entity, record_id)
            for each in removed:
                events.raise_event(each.entity + ".deleted", present(call.entities[each.entity], each.record))
            self.raise_declared(events, store, removed[0].record)  # the addressed record comes first

        await in_thread(lambda: store.transaction(work))
        events.publish_all()
        return Response(status_code=204)


@dataclass(frozen=True, kw_only=True)
class Restore(Standard):
    """Brings back a soft-deleted record."""

    async def answer(self, request: Request, call: Call) -> Response:
        record_id = self.record_id(request)
        await self.read_json(request)
        store = call.store

        def work(events: PendingEvents) -> Row:
            restored = restore_record(store.repository(self.entity), self.entity, record_id)
            events.raise_event(self.entity.name + ".updated", present(self.entity, restored))
            return restored

        return await self.write(call, work)


# A workflow trigger (workflows.py): the store, the pending events, the record id, the arguments.
Trigger = Callable[[Store, PendingEvents, Id, Row], Row]


@dataclass(frozen=True, kw_only=True)
class Transition(Standard):
    """Fires a workflow trigger with the body's arguments (409 when illegal or a guard refuses)."""

    trigger: Trigger

    async def answer(self, request: Request, call: Call) -> Response:
        record_id = self.record_id(request)
        given = arguments(await self.read_json(request))
        return await self.write(call, lambda events: self.trigger(call.store, events, record_id, given))


@dataclass(frozen=True, kw_only=True)
class Custom(Operation, Generic[P, I]):
    """A hand-written operation: its function in handlers.py gets the validated route parameters,
    the query or body, and the context; what it returns is checked against `result` (None: it
    answers no body)."""

    path_model: type[P]
    path_kinds: Mapping[str, ParameterKind] = field(default_factory=dict)
    given: type[I]
    given_kinds: Mapping[str, ParameterKind] = field(default_factory=dict)
    handler: Callable[[P, I, OperationContext], object]
    result: TypeAdapter[Any] | None = None
    status: int = 200

    async def answer(self, request: Request, call: Call) -> Response:
        path = read_parameters(self.path_model, request.path_params.items(), self.path_kinds, "path")
        if self.method in _BODY_METHODS:
            require_json(request)
            given = read_body(self.given, await request.body())
        else:
            given = read_parameters(self.given, request.query_params.multi_items(), self.given_kinds, "query")
        events = PendingEvents(call.services.bus)
        context = OperationContext(call.principal, call.store, events)
        outcome = await in_thread(lambda: self.handler(path, given, context))
        if self.result is None:
            events.publish_all()
            return Response(status_code=self.status)
        answer = check_result(self.result, outcome, self.name)
        events.publish_all()
        return json_response(answer, self.status)


def _page_query(
    given: Row, where: tuple[Condition, ...], *, search: Search | None = None, order: tuple[SortKey, ...] = ()
) -> ListQuery:
    """A list query with the page the validated query string asks for (ListQuery's when it asks none)."""
    limit, offset = given.get("limit"), given.get("offset")
    return ListQuery(
        where=where,
        search=search,
        order=order,
        limit=limit if isinstance(limit, int) else ListQuery.limit,
        offset=offset if isinstance(offset, int) else ListQuery.offset,
    )


def _page_response(entity: EntityDescriptor, page: Page) -> Response:
    return json_response({"items": [present(entity, r) for r in page.items], "total": page.total})


def _endpoint(operation: Operation, entities: Entities, hidden: bool) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        # The application's services (app.py): the routes are made once and serve every
        # application of the process.
        services: Services = request.app.state.services
        principal = None
        if operation.access is not None:
            placeholders = operation.placeholders
            record = request.path_params.get(placeholders[0]) if placeholders else None
            principal = await authorize(
                request, services.verifier, operation.access, operation.name, services.conditions, record
            )
        # With scoped or soft-deleted entities each request works on the store as its caller sees
        # it (scope.py); a restore sees the deleted records too.
        store = (
            ScopedStore(services.store, principal, deleted=isinstance(operation, Restore)) if hidden else services.store
        )
        return await operation.answer(request, Call(services, entities, store, principal))

    return endpoint


def _not_allowed(served: str) -> Callable[[], Awaitable[Response]]:
    async def endpoint() -> Response:
        raise method_not_allowed(served)

    return endpoint


def router_for(entities: Entities, operations: Sequence[Operation], *, prefix: str, hidden: bool) -> APIRouter:
    """The routes of the operations under the prefix, in table order (a path's routes adjacent),
    each path's 405 route after its last one. `hidden`: some entity is scoped or soft-deleted."""
    router = APIRouter(prefix=prefix)
    served: list[str] = []
    for index, operation in enumerate(operations):
        router.add_api_route(operation.path, _endpoint(operation, entities, hidden), methods=[operation.method])
        if operation.method not in served:
            served.append(operation.method)
        if index + 1 < len(operations) and operations[index + 1].path == operation.path:
            continue
        others = [method for method in _METHODS if method not in served]
        if others:
            router.add_api_route(operation.path, _not_allowed(", ".join(served)), methods=others)
        served = []
    return router
