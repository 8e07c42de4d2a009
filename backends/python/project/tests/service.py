"""The service under test and the suites the generated tests run.

A Service is the real application (create_app) on one store, the in-memory one or SQLite in a
temporary file, called through Starlette's TestClient (httpx) with a development token per role.
Suites are lists of named checks; a generated test runs each check on a fresh service of each
store (tests/conftest.py).
"""

from __future__ import annotations

import atexit
import itertools
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, Literal
from urllib.parse import quote

from fastapi import FastAPI
from sqlalchemy import create_engine, text
from starlette.testclient import TestClient

Row = dict[str, Any]
Id = str | int
StoreKind = Literal["memory", "sqlite", "postgresql"]
Ref = Callable[[str], Id]
Caller = Literal["own", "other", "none"]
# Bytes that are not text: every byte value, and what UTF-8 and line handling would mangle.
FILE_BYTES = bytes(range(256)) + b"\xe2\x80\xa8\r\n\x00"


class PostgresqlSchema:
    """The tests' schema in the PostgreSQL database BPC_TEST_POSTGRESQL names: made once per test
    process and emptied for each service (much faster than a schema each), dropped at exit. Its
    URL puts the schema first on the search path, so the store makes its tables there."""

    _shared: PostgresqlSchema | None = None

    @classmethod
    def empty_one(cls) -> PostgresqlSchema:
        if cls._shared is None:
            cls._shared = cls(os.environ["BPC_TEST_POSTGRESQL"])
            atexit.register(cls._shared.drop)
        cls._shared.empty()
        return cls._shared

    def __init__(self, url: str) -> None:
        self._name = f"test_{uuid.uuid4().hex}"
        self._engine = create_engine(url)
        with self._engine.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {self._name}"))
        options = quote(f"-csearch_path={self._name}")
        self.url = f"{url}{'&' if '?' in url else '?'}options={options}"

    def empty(self) -> None:
        with self._engine.begin() as connection:
            listed = text("SELECT tablename FROM pg_tables WHERE schemaname = :schema")
            tables = connection.execute(listed, {"schema": self._name}).scalars().all()
            if tables:
                names = ", ".join(f'{self._name}."{table.replace(chr(34), chr(34) * 2)}"' for table in tables)
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))

    def drop(self) -> None:
        with self._engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {self._name} CASCADE"))
        self._engine.dispose()


@dataclass(frozen=True)
class Route:
    path: str
    role: str  # "" when the blueprint declares no roles


@dataclass(frozen=True)
class Seed:
    """How to put a record straight into the store when no route creates it."""

    generated: Mapping[str, Literal["uuid", "number", "now"]] = field(default_factory=dict)
    state: tuple[str, str] | None = None
    # Scope fields (`@tenant`, `@owner`) and the claim of the caller they hold.
    scope: Mapping[str, Literal["tenant", "subject"]] = field(default_factory=dict)


@dataclass(frozen=True)
class Creator:
    """How the tests make a valid record of an entity."""

    id: str
    body: Callable[[Ref], Row]
    route: Route | None = None
    seed: Seed | None = None
    # Values of the unique fields, one per record; references unique alone or in a key get a
    # new record each time.
    variants: Mapping[str, Sequence[object]] = field(default_factory=dict)
    fresh: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Blueprint:
    """What the suites need to know about the generated service."""

    create_app: Callable[..., FastAPI]
    memory_store: Callable[[], Any]
    sql_store: Callable[[str], Any]
    entities: Mapping[str, Any]
    roles: Sequence[str]
    creators: Mapping[str, Creator]
    principal: Callable[..., Any]
    # runtime/settings.py's load_settings(environ, port=...), for the tests of the operations.
    load_settings: Callable[..., Any]
    # runtime/logs.py's JSON line of a log record.
    log_format: Callable[[logging.LogRecord], str]
    # runtime/tokens.py's JwtVerifier, for the tests of real bearer tokens.
    jwt_verifier: Callable[..., Any]
    documents: Mapping[str, object]
    # The tenant and the identity of callers, when entities are scoped to them: the entity whose
    # records they are (the tests make two), or two values.
    claims: Mapping[str, tuple[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Mapping[str, str]
    body: Any

    def json(self) -> str:
        return json.dumps(self.body)


def token(role: str, caller: Caller = "own") -> str:
    return f"role-{role}" + ("" if caller == "own" else f"@{caller}")


class Callers:
    """The development tokens of the tests: each role's callers of two tenants and of none."""

    def __init__(self) -> None:
        self.principals: dict[str, Any] = {}

    def verify(self, token: str) -> Any:
        return self.principals.get(token)


class Service:
    """The application on one store, with a client and the events it published."""

    def __init__(self, blueprint: Blueprint, kind: StoreKind, directory: Path) -> None:
        self.blueprint = blueprint
        if kind == "memory":
            self.store = blueprint.memory_store()
        elif kind == "sqlite":
            self.store = blueprint.sql_store(f"sqlite:///{directory / 'test.db'}")
        else:
            self.store = blueprint.sql_store(PostgresqlSchema.empty_one().url)
        self.callers = Callers()
        self.app = blueprint.create_app(self.store, self.callers)
        self.client = TestClient(self.app, raise_server_exceptions=False)
        self.published: list[Any] = []
        self.app.state.services.bus.subscribe_all(self.published.append)
        self._counts: dict[str, int] = {}
        # The records `ref` gave, by caller: a record another caller refers to must be one it sees.
        self._refs: dict[tuple[Caller, str], Id] = {}
        self._claims: dict[str, tuple[Any, Any]] = {}

    def __enter__(self) -> Service:
        self.client.__enter__()
        self._admit_callers()
        return self

    def _admit_callers(self) -> None:
        """Each role's callers, of the two tenants (and identities) and of none. The records that
        are tenants are made first, by callers of no tenant; then the records that are identities,
        the first by a caller of the first tenant and the second by one of the second, since an
        identity may belong to a tenant (the users of a workspace)."""
        self._admit_scoped_callers()
        for name in ("tenant", "subject"):
            if name not in self.blueprint.claims:
                continue
            how, what = self.blueprint.claims[name]
            if how == "entity":
                id_field = self.blueprint.creators[what].id
                self._claims[name] = (self.create(what)[id_field], self.create(what, caller="other")[id_field])
            else:
                self._claims[name] = what
            self._admit_scoped_callers()

    def _admit_scoped_callers(self) -> None:
        """Each role's callers with the tenants and identities known so far (before they are, a
        caller's identity is its token and it has no tenant)."""
        principal = self.blueprint.principal
        for role in self.blueprint.roles:
            tenants: tuple[tuple[Caller, int], ...] = (("own", 0), ("other", 1))
            for caller, index in tenants:
                tenant = self._claims["tenant"][index] if "tenant" in self._claims else None
                subject = self._claims["subject"][index] if "subject" in self._claims else token(role)
                self.callers.principals[token(role, caller)] = principal(
                    subject=str(subject), roles=(role,), tenant=None if tenant is None else str(tenant)
                )
            self.callers.principals[token(role, "none")] = principal(subject="", roles=(role,))

    def claim(self, name: str, index: int) -> Any:
        """A caller's tenant or identity, of the first (0) or second (1) tenant and identity."""
        return self._claims[name][index]

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.client.__exit__(kind, error, traceback)

    def call(
        self,
        method: str,
        path: str,
        *,
        role: str = "",
        caller: Caller = "own",
        body: object = None,
        query: Mapping[str, str | Sequence[str]] | None = None,
        text: tuple[str, str] | None = None,
        file: tuple[str, bytes] | None = None,
    ) -> Reply:
        """Calls the service; `body` is sent as JSON, `text` (content type, content) as it is, or
        `file` (part name, bytes) as multipart/form-data."""
        headers = {"authorization": f"Bearer {token(role, caller)}"} if role else {}
        content: str | None = None
        if body is not None:
            headers["content-type"] = "application/json"
            content = json.dumps(body)
        elif text is not None:
            headers["content-type"] = text[0]
            content = text[1]
        params: list[tuple[str, str | int | float | bool | None]] = [
            (name, v) for name, value in (query or {}).items() for v in ([value] if isinstance(value, str) else value)
        ]
        if file is not None:
            upload = {file[0]: ("upload.bin", file[1], "application/octet-stream")}
            response = self.client.request(method, path, headers=headers, files=upload, params=params)
        else:
            response = self.client.request(method, path, headers=headers, content=content, params=params)
        if response.headers.get("content-type", "").startswith("application/octet-stream"):
            return Reply(response.status_code, response.headers, response.content)
        parsed = response.json() if response.content else None
        return Reply(response.status_code, response.headers, parsed)

    def body(self, entity: str, caller: Caller = "own") -> Row:
        """A valid create body; each call gives another record's values for the unique fields.

        The records it refers to are the caller's (of its tenant, when they are scoped).
        """
        creator = self.blueprint.creators[entity]
        n = self._counts.get(entity, 0)
        self._counts[entity] = n + 1
        body = creator.body(lambda target: self.ref(target, caller))
        for name, values in creator.variants.items():
            body[name] = values[n % len(values)]
        for name, target in creator.fresh.items():
            body[name] = self.create(target, caller=caller)[self.blueprint.creators[target].id]
        return body

    def create(self, entity: str, body: Row | None = None, caller: Caller = "own") -> Row:
        """Creates a valid record (through its create route, or straight into the store)."""
        creator = self.blueprint.creators[entity]
        values = self.body(entity, caller) if body is None else body
        if creator.route is None:
            return self._seed(entity, creator, values, 1 if caller == "other" else 0)
        reply = self.call("POST", creator.route.path, role=creator.route.role, caller=caller, body=values)
        assert reply.status == 201, reply.json()
        assert isinstance(reply.body, dict)
        return reply.body

    def ref(self, entity: str, caller: Caller = "own") -> Id:
        """The id of a record of the entity, created the first time the caller asks for it."""
        key = (caller, entity)
        if key not in self._refs:
            made = self.create(entity, caller=caller)[self.blueprint.creators[entity].id]
            assert isinstance(made, str | int)
            self._refs[key] = made
        return self._refs[key]

    def published_names(self) -> list[str]:
        return [event.name for event in self.published]

    def last_published(self, name: str) -> Any:
        """The event of that name published last; there must be one."""
        events = [event for event in self.published if event.name == name]
        assert events, f"no {name} event was published"
        return events[-1]

    def stored(self, entity: str, record_id: object) -> Row | None:
        """A record as the store holds it now."""
        if not isinstance(record_id, str | int):
            return None
        record: Row | None = self.store.repository(self.blueprint.entities[entity]).get(record_id)
        return record

    def _seed(self, entity: str, creator: Creator, body: Row, tenant: int) -> Row:
        descriptor = self.blueprint.entities[entity]
        repository = self.store.repository(descriptor)
        record = dict(body)
        seed = creator.seed or Seed()
        for name, kind in seed.generated.items():
            if kind == "uuid":
                record[name] = str(uuid.uuid4())
            elif kind == "number":
                record[name] = repository.next_id()
            else:
                record[name] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        if seed.state is not None:
            record[seed.state[0]] = seed.state[1]
        # The scope fields hold the caller's tenant and identity, as its create would.
        for name, claim in seed.scope.items():
            record[name] = self.claim(claim, tenant)
        self.store.transaction(lambda: repository.insert(record))
        stored = self.stored(entity, record[creator.id])
        assert stored is not None
        return stored


@dataclass(frozen=True)
class Check:
    """One named test a suite runs on a fresh service."""

    name: str
    run: Callable[[Service], None]

    def __call__(self, service: Service) -> None:
        self.run(service)


def names_field(body: object, name: str) -> bool:
    """Whether a problem's field errors name the field (or something inside it)."""
    errors = body.get("errors", []) if isinstance(body, dict) else []
    return any(e["field"] == name or str(e["field"]).startswith(f"{name}.") for e in errors)


def with_id(path: str, record_id: object) -> str:
    return path.replace("{id}", str(record_id))


def page(reply: Reply) -> tuple[list[Row], int]:
    assert isinstance(reply.body, dict), reply.json()
    return reply.body["items"], reply.body["total"]


def constraint_checks(
    entity: str, create: Route, cases: Sequence[tuple[str, str] | tuple[str, str, object]]
) -> list[Check]:
    """A valid record is created; each case (field, constraint[, value]) is refused with 400 naming the field."""

    def valid(service: Service) -> None:
        reply = service.call("POST", create.path, role=create.role, body=service.body(entity))
        assert reply.status == 201, reply.json()

    def refused(case: tuple[str, str] | tuple[str, str, object]) -> Callable[[Service], None]:
        def run(service: Service) -> None:
            body = service.body(entity)
            if len(case) == 2:
                body.pop(case[0], None)
            else:
                body[case[0]] = case[2]
            reply = service.call("POST", create.path, role=create.role, body=body)
            assert reply.status == 400, reply.json()
            assert names_field(reply.body, case[0]), reply.json()

        return run

    checks = [Check(f"{entity}: a valid record is created (201)", valid)]
    checks += [Check(f"{entity}.{case[0]}: {case[1]} is enforced (400)", refused(case)) for case in cases]
    return checks


OrderKind = str | tuple[str, ...]


def order_key(kind: OrderKind, value: object) -> Any:
    """How the service orders a field's values (docs/language.md): numbers and decimals by value,
    datetimes by instant, booleans False first, enum values in declaration order, text by code point."""
    if value is None:
        return None
    if isinstance(kind, tuple):
        return kind.index(str(value))
    if kind in ("number", "decimal"):
        return Decimal(str(value))
    if kind == "datetime":
        return datetime.fromisoformat(str(value))
    return value


def id_key(spec: CrudSpec, record: Row) -> Any:
    value = record[spec.id]
    return value if spec.id_kind == "number" else str(value)


@dataclass(frozen=True)
class ListSpec:
    path: str
    role: str
    filter: str | None = None
    unfiltered: str | None = None
    # A sort key and how its values order; a range-filtered field and how it orders; an enum filter
    # and its values; the fields the text search matches.
    sort: tuple[str, OrderKind] | None = None
    range: tuple[str, OrderKind] | None = None
    any_of: tuple[str, Sequence[str]] | None = None
    search: Sequence[str] = ()


@dataclass(frozen=True)
class UpdateSpec:
    path: str
    role: str
    field: str
    value: Callable[[Ref], object]
    # A field an update may leave out but not clear (`null` is 400 naming it).
    not_null: str | None = None
    # An `@updatedAt` field: an update sets it to the time of the update.
    touched: str | None = None


@dataclass(frozen=True)
class ReferenceList:
    field: str
    target: str  # the entity the ids name


@dataclass(frozen=True)
class CrudSpec:
    id: str
    id_kind: Literal["string", "number"]
    missing_id: Id  # a well-formed id that no record has
    create: Route | None = None
    get: Route | None = None
    list: ListSpec | None = None
    update: UpdateSpec | None = None
    unique: Sequence[str] = ()
    # `@secret` fields the create body sets: accepted, and never in an answer or a record event.
    secret: Sequence[str] = ()
    unique_together: Sequence[Sequence[str]] = ()
    remove: Route | None = None
    optional: Sequence[str] = ()
    cascade: tuple[str, str] | None = None  # (entity, field)
    dangling: tuple[str, Id] | None = None  # (field, id)
    # A list of references a round trip must keep in order.
    reference_list: ReferenceList | None = None
    # The events create, update and delete declare (`create emits OrderPlaced`): the event, and
    # the payload field that carries the record, if one does.
    emits: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)
    # Fields that handlers write right after a create answers (a trigger handler on the new record):
    # a read matches the create's answer in every other field.
    settled: Sequence[str] = ()


def assert_declared(
    service: Service, declared: tuple[str, str | None] | None, id_field: str, record_id: object
) -> None:
    """The declared event was published last of its name, carrying the record with this id."""
    if declared is None:
        return
    name, carrier = declared
    event = service.last_published(name)
    if carrier is not None:
        record = event.payload.get(carrier)
        assert isinstance(record, dict), event.payload
        assert record.get(id_field) == record_id, event.payload


def crud_checks(entity: str, spec: CrudSpec) -> list[Check]:
    """Record round trips: 415, 405, defaults, cascades, 409 for a dangling reference, create and
    its event, get and 404, list pages, unknown parameters, sorting and filters, update and its
    event, 409 for each unique field and key, delete, its event and 404."""
    checks: list[Check] = []
    create = spec.create
    if create is not None:

        def not_json(service: Service) -> None:
            content = json.dumps(service.body(entity))
            reply = service.call("POST", create.path, role=create.role, text=("text/plain", content))
            assert reply.status == 415, reply.json()

        def not_served(service: Service) -> None:
            reply = service.call("PUT", create.path, role=create.role, body={})
            assert reply.status == 405, reply.json()
            assert "POST" in reply.headers.get("allow", "")

        def created_event(service: Service) -> None:
            created = service.create(entity)
            assert f"{entity}.created" in service.published_names()
            assert_declared(service, spec.emits.get("create"), spec.id, created[spec.id])

        checks += [
            Check("create refuses a body that is not JSON (415)", not_json),
            Check("a method the collection does not serve is 405, naming those it does", not_served),
            Check("create raises the created event", created_event),
        ]
        if spec.secret:
            title = f"{', '.join(spec.secret)} never leave the service: not in answers, not in the created event"
            checks.append(Check(title, _secrets_kept(entity, spec)))
        if spec.optional:

            def defaults(service: Service) -> None:
                body = service.body(entity)
                for name in spec.optional:
                    body.pop(name, None)
                reply = service.call("POST", create.path, role=create.role, body=body)
                assert reply.status == 201, reply.json()

            checks.append(Check("a record with only the required fields is created, with the defaults", defaults))
        if spec.dangling is not None:
            dangling_field, dangling_id = spec.dangling

            def dangling(service: Service) -> None:
                body = service.body(entity)
                body[dangling_field] = dangling_id
                reply = service.call("POST", create.path, role=create.role, body=body)
                assert reply.status == 409, reply.json()
                assert names_field(reply.body, dangling_field), reply.json()

            checks.append(Check(f"a {dangling_field} that names no record is refused (409)", dangling))
        for name in spec.unique:
            checks.append(
                Check(f"a second record with the same {name} is refused (409)", _clash(entity, create, [name], spec))
            )
        for names in spec.unique_together:
            title = f"a second record with the same {' and '.join(names)} is refused (409), naming them"
            checks.append(Check(title, _clash(entity, create, list(names), spec)))
    if spec.get is not None:
        get = spec.get

        def read(service: Service) -> None:
            created = service.create(entity)
            reply = service.call("GET", with_id(get.path, created[spec.id]), role=get.role)
            assert reply.status == 200, reply.json()
            read = {name: value for name, value in reply.body.items() if name not in spec.settled}
            expected = {name: value for name, value in created.items() if name not in spec.settled}
            assert read == expected, f"{reply.body} != {created}"
            missing = service.call("GET", with_id(get.path, spec.missing_id), role=get.role)
            assert missing.status == 404, missing.json()
            assert missing.body["status"] == 404
            assert missing.headers["content-type"] == "application/problem+json"

        checks.append(Check("get returns the created record, and 404 for an unknown id", read))
        if spec.reference_list is not None:
            listed = spec.reference_list

            def kept(service: Service) -> None:
                target = service.blueprint.creators[listed.target].id
                first, second = service.create(listed.target), service.create(listed.target)
                body = service.body(entity)
                body[listed.field] = [second[target], first[target]]
                created = service.create(entity, body)
                reply = service.call("GET", with_id(get.path, created[spec.id]), role=get.role)
                assert reply.status == 200, reply.json()
                assert reply.body[listed.field] == [second[target], first[target]], reply.body

            checks.append(Check(f"{listed.field} keeps the ids it is given, in order", kept))
    if spec.list is not None:
        checks += _list_checks(entity, spec, spec.list)
    if spec.update is not None:
        update = spec.update

        def changed(service: Service) -> None:
            created = service.create(entity)
            value = update.value(service.ref)
            reply = service.call(
                "PATCH", with_id(update.path, created[spec.id]), role=update.role, body={update.field: value}
            )
            assert reply.status == 200, reply.json()
            assert reply.body[update.field] == value
            assert f"{entity}.updated" in service.published_names()
            assert_declared(service, spec.emits.get("update"), spec.id, created[spec.id])
            missing = service.call("PATCH", with_id(update.path, spec.missing_id), role=update.role, body={})
            assert missing.status == 404, missing.json()

        checks.append(Check(f"update changes {update.field} and raises the updated event", changed))
        if update.not_null is not None:
            not_null = update.not_null

            def cleared(service: Service) -> None:
                created = service.create(entity)
                path = with_id(update.path, created[spec.id])
                reply = service.call("PATCH", path, role=update.role, body={not_null: None})
                assert reply.status == 400, reply.json()
                assert names_field(reply.body, not_null), reply.json()

            checks.append(Check(f"update refuses to clear {not_null} (400)", cleared))
        if update.touched is not None:
            touched = update.touched

            def moved(service: Service) -> None:
                created = service.create(entity)
                time.sleep(0.005)
                path = with_id(update.path, created[spec.id])
                reply = service.call("PATCH", path, role=update.role, body={update.field: update.value(service.ref)})
                assert reply.status == 200, reply.json()
                before, after = created.get(touched), reply.body.get(touched)
                assert isinstance(before, str), created
                assert isinstance(after, str), reply.body
                assert datetime.fromisoformat(after) > datetime.fromisoformat(before), f"{before} -> {after}"

            checks.append(Check(f"update sets {touched} to the time of the update", moved))
    if spec.remove is not None:
        remove = spec.remove

        def removed(service: Service) -> None:
            created = service.create(entity)
            path = with_id(remove.path, created[spec.id])
            reply = service.call("DELETE", path, role=remove.role)
            assert reply.status == 204, reply.json()
            assert f"{entity}.deleted" in service.published_names()
            assert_declared(service, spec.emits.get("remove"), spec.id, created[spec.id])
            again = service.call("DELETE", path, role=remove.role)
            assert again.status == 404, again.json()

        checks.append(Check("delete removes the record and raises the deleted event", removed))
        if spec.cascade is not None:
            child, child_field = spec.cascade

            def cascades(service: Service) -> None:
                parent = service.create(entity)
                body = service.body(child)
                body[child_field] = parent[spec.id]
                service.create(child, body)
                reply = service.call("DELETE", with_id(remove.path, parent[spec.id]), role=remove.role)
                assert reply.status == 204, reply.json()
                assert f"{child}.deleted" in service.published_names()

            title = f"delete removes the {child} records that cascade from it, raising their deleted events"
            checks.append(Check(title, cascades))
    return [Check(f"{entity}: {check.name}", check.run) for check in checks]


def _secrets_kept(entity: str, spec: CrudSpec) -> Callable[[Service], None]:
    def leaked(record: object) -> list[str]:
        return [name for name in spec.secret if isinstance(record, dict) and name in record]

    def run(service: Service) -> None:
        created = service.create(entity)
        assert leaked(created) == []
        event = service.last_published(f"{entity}.created")
        assert leaked(event.payload) == [], event.payload
        if spec.get is not None:
            reply = service.call("GET", with_id(spec.get.path, created[spec.id]), role=spec.get.role)
            assert leaked(reply.body) == []
        if spec.list is not None:
            reply = service.call("GET", spec.list.path, role=spec.list.role, query={"limit": "100"})
            assert [name for item in page(reply)[0] for name in leaked(item)] == []

    return run


def _clash(entity: str, create: Route, names: Sequence[str], spec: CrudSpec) -> Callable[[Service], None]:
    def run(service: Service) -> None:
        first = service.body(entity)  # the values sent: a @secret is never in an answer
        created = service.create(entity, first)
        body = service.body(entity)
        for name in names:
            body[name] = first[name]
        reply = service.call("POST", create.path, role=create.role, body=body)
        assert reply.status == 409, reply.json()
        for name in names:
            assert names_field(reply.body, name), reply.json()
        assert created[spec.id] is not None

    return run


def _list_checks(entity: str, spec: CrudSpec, listing: ListSpec) -> list[Check]:
    def pages(service: Service) -> None:
        for _ in range(3):
            service.create(entity)
        first = service.call("GET", listing.path, role=listing.role, query={"limit": "2", "offset": "0"})
        assert first.status == 200, first.json()
        items, total = page(first)
        assert len(items) == 2
        assert total >= 3
        rest = service.call("GET", listing.path, role=listing.role, query={"limit": "100", "offset": "2"})
        assert len(page(rest)[0]) == total - 2
        bad = service.call("GET", listing.path, role=listing.role, query={"limit": "0"})
        assert bad.status == 400, bad.json()
        assert names_field(bad.body, "limit"), bad.json()

    def undeclared(service: Service) -> None:
        for name in ["notAParameter", *([listing.unfiltered] if listing.unfiltered else [])]:
            reply = service.call("GET", listing.path, role=listing.role, query={name: "1"})
            assert reply.status == 400, f"{name}: {reply.json()}"

    checks = [
        Check("list pages through the records", pages),
        Check("list refuses query parameters it does not declare (400)", undeclared),
    ]
    if listing.sort is not None:
        key, kind = listing.sort

        def sorts(service: Service) -> None:
            for _ in range(3):
                service.create(entity)
            for descending in (False, True):
                sort = f"{'-' if descending else ''}{key}"
                reply = service.call("GET", listing.path, role=listing.role, query={"limit": "100", "sort": sort})
                assert reply.status == 200, reply.json()
                items = page(reply)[0]
                for a, b in itertools.pairwise(items):
                    x, y = order_key(kind, a.get(key)), order_key(kind, b.get(key))
                    if x is None or y is None:
                        assert y is None, f"{a} before {b}: records without a value come last"
                        continue
                    assert (x > y if descending else x < y) or (x == y and id_key(spec, a) < id_key(spec, b)), (
                        f"{a} before {b}"
                    )
            unknown = service.call("GET", listing.path, role=listing.role, query={"sort": f"{key},notAKey"})
            assert unknown.status == 400, unknown.json()
            assert names_field(unknown.body, "sort"), unknown.json()

        checks.append(Check(f"list sorts by {key} both ways, records without one last, ties in id order", sorts))
    if listing.range is not None:
        checks.append(_range_check(entity, spec, listing, *listing.range))
    if listing.any_of is not None:
        checks.append(_any_of_check(entity, spec, listing, *listing.any_of))
    if listing.search:
        checks.append(_search_check(entity, spec, listing, listing.search))
    if listing.filter is not None:
        name = listing.filter

        def filters(service: Service) -> None:
            created = service.create(entity)
            for _ in range(2):
                service.create(entity)
            value = created[name]
            if not isinstance(value, str | int | float | bool):
                return
            text = json.dumps(value) if isinstance(value, bool) else str(value)
            reply = service.call("GET", listing.path, role=listing.role, query={name: text})
            assert reply.status == 200, reply.json()
            items, total = page(reply)
            assert total >= 1
            assert all(item[name] == value for item in items)

        checks.append(Check(f"list filters on {name}", filters))
    return checks


def _every(service: Service, listing: ListSpec, query: Mapping[str, str | Sequence[str]]) -> list[Row]:
    """Every record a list query finds (the tests make fewer than a page holds)."""
    reply = service.call("GET", listing.path, role=listing.role, query={"limit": "100", **query})
    assert reply.status == 200, reply.json()
    items, total = page(reply)
    assert total <= 100, "more records than one page holds"
    return items


def _ids(spec: CrudSpec, items: Sequence[Row]) -> list[Any]:
    return sorted(id_key(spec, item) for item in items)


def _range_check(entity: str, spec: CrudSpec, listing: ListSpec, name: str, kind: OrderKind) -> Check:
    bounds: dict[str, Callable[[int], bool]] = {
        "gte": lambda c: c >= 0,
        "gt": lambda c: c > 0,
        "lte": lambda c: c <= 0,
        "lt": lambda c: c < 0,
    }

    def run(service: Service) -> None:
        records = [service.create(entity) for _ in range(3)]
        pivot = records[1].get(name)
        assert isinstance(pivot, str | int | float), pivot
        everything = _every(service, listing, {})
        for bound, holds in bounds.items():
            items = _every(service, listing, {f"{name}[{bound}]": str(pivot)})
            wanted = []
            for item in everything:
                key = order_key(kind, item.get(name))
                if key is not None:
                    pivot_key = order_key(kind, pivot)
                    if holds((key > pivot_key) - (key < pivot_key)):
                        wanted.append(item)
            assert _ids(spec, items) == _ids(spec, wanted), bound
        bad = service.call("GET", listing.path, role=listing.role, query={f"{name}[gte]": "not a bound"})
        assert bad.status == 400, bad.json()

    return Check(f"list filters {name} by a range", run)


def _any_of_check(entity: str, spec: CrudSpec, listing: ListSpec, name: str, values: Sequence[str]) -> Check:
    def run(service: Service) -> None:
        service.create(entity)
        everything = _every(service, listing, {})
        for chosen in (values[:1], values[:2], values):
            items = _every(service, listing, {name: list(chosen)})
            wanted = [item for item in everything if item.get(name) in chosen]
            assert _ids(spec, items) == _ids(spec, wanted), chosen
        bad = service.call("GET", listing.path, role=listing.role, query={name: ["notAValue"]})
        assert bad.status == 400, bad.json()

    return Check(f"list filters {name} by several values", run)


def _contains_text(value: object, text: str) -> bool:
    return isinstance(value, str) and text.casefold() in value.casefold()


def _search_check(entity: str, spec: CrudSpec, listing: ListSpec, fields: Sequence[str]) -> Check:
    def run(service: Service) -> None:
        created = service.create(entity)
        texts = [created.get(name) for name in fields]
        text = next((value for value in texts if isinstance(value, str) and value), None)
        if text is None:
            return
        start = len(text) // 3
        q = text[start : start + 3].upper()
        items = _every(service, listing, {"q": q})
        assert any(item[spec.id] == created[spec.id] for item in items), f"{q} should find {created}"
        for item in items:
            assert any(_contains_text(item.get(name), q) for name in fields), item
        everything = _every(service, listing, {})
        unlikely = q + "\U0010ffff"
        missing = _every(service, listing, {"q": unlikely})
        found = [item for item in everything if any(_contains_text(item.get(name), unlikely) for name in fields)]
        assert len(missing) == len(found)

    return Check(f"list searches {', '.join(fields)} ignoring case", run)


@dataclass(frozen=True)
class RelatedSpec:
    path: str
    role: str
    owner: str
    owner_id: str
    owner_missing_id: Id  # a well-formed id that no owner record has
    entity: str
    id: str
    # How a record is linked to the owner: its reference `field` names the owner ("inverse"), its
    # list `field` holds the owner's id ("inverseMany"), the owner's list `field` holds the
    # record's id ("owned"), or its `@tenant` (`@owner`) reference `field` names the owner, which
    # is then the caller's tenant (identity) record ("tenant", "subject").
    link: Literal["inverse", "inverseMany", "owned", "tenant", "subject"]
    field: str


def related_checks(spec: RelatedSpec) -> list[Check]:
    """A relation route lists exactly the records linked to one owner; 404 for an unknown one."""

    def run(service: Service) -> None:
        earlier: list[Any] = []  # the ids the route listed before the test linked a record
        if spec.link == "owned":
            linked = service.create(spec.entity)
            body = service.body(spec.owner)
            body[spec.field] = [linked[spec.id]]
            owner = service.create(spec.owner, body)
            service.create(spec.entity)  # linked to no owner
        elif spec.link in ("tenant", "subject"):
            owner = {spec.owner_id: service.claim(spec.link, 0)}
            before, _ = page(
                service.call("GET", with_id(spec.path, owner[spec.owner_id]), role=spec.role, query={"limit": "100"})
            )
            earlier = [item[spec.id] for item in before]
            linked = service.create(spec.entity)
            service.create(spec.entity, caller="other")  # of the other tenant (identity)
        else:
            owner = service.create(spec.owner)
            body = service.body(spec.entity)
            body[spec.field] = owner[spec.owner_id] if spec.link == "inverse" else [owner[spec.owner_id]]
            linked = service.create(spec.entity, body)
            service.create(spec.entity)  # linked to another owner
        path = with_id(spec.path, owner[spec.owner_id])
        reply = service.call("GET", path, role=spec.role)
        assert reply.status == 200, reply.json()
        items, total = page(reply)
        assert [item[spec.id] for item in items if item[spec.id] not in earlier] == [linked[spec.id]]
        assert total == len(earlier) + 1
        empty = service.call("GET", path, role=spec.role, query={"offset": str(len(earlier) + 1)})
        assert page(empty) == ([], len(earlier) + 1)
        bad = service.call("GET", path, role=spec.role, query={"limit": "0"})
        assert bad.status == 400, bad.json()
        missing = service.call("GET", with_id(spec.path, spec.owner_missing_id), role=spec.role)
        assert missing.status == 404, missing.json()

    return [Check(f"lists the {spec.entity} records of one {spec.owner}, and 404 for an unknown one", run)]


@dataclass(frozen=True)
class AccessCase:
    """An operation's route (placeholders filled), a role it always lets in and one it refuses."""

    operation: str
    method: str
    path: str
    allowed: str | None
    refused: str | None


def access_checks(cases: Sequence[AccessCase]) -> list[Check]:
    """401 without a token (with `WWW-Authenticate: Bearer`), 403 for a refused role, and not
    401 or 403 for an allowed one: the access check comes before validation."""
    checks: list[Check] = []
    for case in cases:
        body: Row | None = {} if case.method in ("POST", "PUT", "PATCH") else None

        def anonymous(service: Service, case: AccessCase = case, body: object = body) -> None:
            reply = service.call(case.method, case.path, body=body)
            assert reply.status == 401, reply.json()
            assert reply.headers.get("www-authenticate") == "Bearer"

        checks.append(Check(f"{case.operation}: 401 without a token", anonymous))
        if case.refused is not None:
            refused = case.refused

            def forbidden(service: Service, case: AccessCase = case, body: object = body, role: str = refused) -> None:
                reply = service.call(case.method, case.path, role=role, body=body)
                assert reply.status == 403, reply.json()

            checks.append(Check(f"{case.operation}: 403 for {refused}", forbidden))
        if case.allowed is not None:
            allowed = case.allowed

            def admitted(service: Service, case: AccessCase = case, body: object = body, role: str = allowed) -> None:
                reply = service.call(case.method, case.path, role=role, body=body)
                assert reply.status not in (401, 403), reply.json()

            checks.append(Check(f"{case.operation}: allowed for {allowed}", admitted))
    return checks


@dataclass(frozen=True)
class TransitionSpec:
    """A trigger's route and what it does to a new record: in the workflow's initial state, or in
    the state handlers its create set off moved it to (`initial` is that state)."""

    title: str
    entity: str
    path: str
    role: str
    id: str
    state: str
    initial: str
    body: Callable[[Ref], Row]
    to: str | None  # None: the trigger is illegal from that state
    again_illegal: bool = False
    events: Sequence[str] = ()
    # What the transition's `sets` writes: the time of the call, null, or an argument (field: name).
    sets_now: Sequence[str] = ()
    sets_null: Sequence[str] = ()
    sets_argument: Mapping[str, str] = field(default_factory=dict)


def transition_checks(spec: TransitionSpec) -> list[Check]:
    """A legal transition moves the record and raises its events; an illegal one is 409 and changes nothing."""

    def run(service: Service) -> None:
        record = service.create(spec.entity)
        # Where the record is once the handlers its create set off have run.
        stored = service.stored(spec.entity, record[spec.id])
        assert stored is not None
        assert stored[spec.state] == spec.initial, stored
        path = with_id(spec.path, record[spec.id])
        args = spec.body(service.ref)
        before = len(service.published)
        started = datetime.now(UTC).replace(microsecond=0)
        reply = service.call("POST", path, role=spec.role, body=args)
        if spec.to is None:
            assert reply.status == 409, reply.json()
            assert len(service.published) == before
            return
        assert reply.status == 200, reply.json()
        assert reply.body[spec.state] == spec.to
        for name in spec.sets_now:
            value = reply.body.get(name)
            assert isinstance(value, str), reply.body
            assert datetime.fromisoformat(value) >= started, f"{name}: {value} is before the call"
        for name in spec.sets_null:
            assert reply.body.get(name) is None, reply.body
        for name, argument in spec.sets_argument.items():
            if argument in args:
                assert reply.body.get(name) == args[argument], reply.body
        for name in spec.events:
            assert name in service.published_names()
        if spec.again_illegal:
            published = len(service.published)
            again = service.call("POST", path, role=spec.role, body=args)
            assert again.status == 409, again.json()
            assert len(service.published) == published

    return [Check(spec.title, run)]


@dataclass(frozen=True)
class CustomSpec:
    """A hand-written operation called with valid arguments."""

    operation: str
    method: str
    path: str
    role: str
    success: int
    query: Callable[[Ref], Mapping[str, str | Sequence[str]]] | None = None
    body: Callable[[Ref], Row] | None = None


def custom_checks(spec: CustomSpec) -> list[Check]:
    """501 until the operation is written, its success status afterwards; never a 400 for valid arguments."""

    def run(service: Service) -> None:
        query = spec.query(service.ref) if spec.query is not None else None
        body = spec.body(service.ref) if spec.body is not None else None
        reply = service.call(spec.method, spec.path, role=spec.role, query=query, body=body)
        assert reply.status in (501, spec.success), reply.json()

    return [Check(f"operation {spec.operation} validates its arguments", run)]


@dataclass(frozen=True)
class ScopeSpec:
    id: str
    # Each `@tenant` and `@owner` field, and the claim of the caller it holds.
    fields: Mapping[str, str]
    get: Route | None = None
    list: Route | None = None
    update: Route | None = None
    remove: Route | None = None
    # A reference of the create body to another scoped entity (field, entity), whose records of
    # another tenant it cannot name (409).
    foreign: tuple[str, str] | None = None


def scope_checks(entity: str, spec: ScopeSpec) -> list[Check]:
    """Row-level isolation: a record made by the callers of one tenant (and identity) holds their
    claims, and is invisible and untouchable to the callers of another: 404 on get, update and
    delete, and left out of their lists and totals; a caller of no tenant is refused (403)."""
    checks: list[Check] = []

    def claims(service: Service) -> None:
        created = service.create(entity)
        for name, claim in spec.fields.items():
            assert created[name] == service.claim(claim, 0), name

    checks.append(Check("a created record holds its caller's tenant and identity", claims))
    if spec.foreign is not None:
        foreign_field, foreign_entity = spec.foreign

        def foreign(service: Service) -> None:
            theirs = service.create(foreign_entity, caller="other")
            body = service.body(entity)
            body[foreign_field] = theirs[service.blueprint.creators[foreign_entity].id]
            route = service.blueprint.creators[entity].route
            assert route is not None
            reply = service.call("POST", route.path, role=route.role, body=body)
            assert reply.status == 409, reply.json()
            assert names_field(reply.body, foreign_field), reply.json()

        checks.append(Check(f"{foreign_field} cannot name a {foreign_entity} of another tenant (409)", foreign))
    if spec.get is not None:
        get = spec.get

        def unreadable(service: Service) -> None:
            path = with_id(get.path, service.create(entity)[spec.id])
            assert service.call("GET", path, role=get.role).status == 200
            reply = service.call("GET", path, role=get.role, caller="other")
            assert reply.status == 404, reply.json()

        def refused(service: Service) -> None:
            path = with_id(get.path, service.create(entity)[spec.id])
            reply = service.call("GET", path, role=get.role, caller="none")
            assert reply.status == 403, reply.json()

        checks += [
            Check("another tenant cannot read it (404)", unreadable),
            Check("a caller of no tenant is refused (403)", refused),
        ]
    if spec.list is not None:
        listing = spec.list

        def unlisted(service: Service) -> None:
            def others() -> tuple[list[Row], int]:
                return page(
                    service.call("GET", listing.path, role=listing.role, caller="other", query={"limit": "100"})
                )

            # The other tenant's list as it was before (it may hold the record of its caller's identity).
            before = others()
            record_id = service.create(entity)[spec.id]
            items, _ = page(service.call("GET", listing.path, role=listing.role, query={"limit": "100"}))
            assert any(item[spec.id] == record_id for item in items)
            assert others() == before

        checks.append(Check("another tenant's list and total leave it out", unlisted))
    if spec.update is not None:
        update = spec.update

        def unchangeable(service: Service) -> None:
            path = with_id(update.path, service.create(entity)[spec.id])
            reply = service.call("PATCH", path, role=update.role, caller="other", body={})
            assert reply.status == 404, reply.json()

        checks.append(Check("another tenant cannot update it (404)", unchangeable))
    if spec.remove is not None:
        remove = spec.remove

        def undeletable(service: Service) -> None:
            path = with_id(remove.path, service.create(entity)[spec.id])
            reply = service.call("DELETE", path, role=remove.role, caller="other")
            assert reply.status == 404, reply.json()
            assert service.call("DELETE", path, role=remove.role).status == 204

        checks.append(Check("another tenant cannot delete it (404), and it stays", undeletable))
    return [Check(f"{entity}: {check.name}", check.run) for check in checks]


@dataclass(frozen=True)
class SoftDeleteSpec:
    id: str
    missing_id: Id  # a well-formed id that no record has
    field: str  # the `@deletedAt` field
    remove: Route
    restore: Route
    get: Route | None = None
    list: Route | None = None


def soft_delete_checks(entity: str, spec: SoftDeleteSpec) -> list[Check]:
    """A deleted record is hidden from get (404), lists and totals, and a second delete (404); its
    deleted event carries the deletion time; restore brings it back with the field null, is refused
    for a record that is not deleted (409) and answers 404 for an unknown one."""

    def not_deleted(service: Service) -> None:
        created = service.create(entity)
        assert created[spec.field] is None, created

    def hidden_and_restored(service: Service) -> None:
        record_id = service.create(entity)[spec.id]
        deleted = service.call("DELETE", with_id(spec.remove.path, record_id), role=spec.remove.role)
        assert deleted.status == 204, deleted.json()
        events = [event for event in service.published if event.name == f"{entity}.deleted"]
        assert events, "no deleted event"
        assert isinstance(events[-1].payload.get(spec.field), str), events[-1].payload
        if spec.get is not None:
            assert service.call("GET", with_id(spec.get.path, record_id), role=spec.get.role).status == 404
        if spec.list is not None:
            items, total = page(service.call("GET", spec.list.path, role=spec.list.role, query={"limit": "100"}))
            assert all(item[spec.id] != record_id for item in items)
            assert total == len(items)
        again = service.call("DELETE", with_id(spec.remove.path, record_id), role=spec.remove.role)
        assert again.status == 404, again.json()
        restored = service.call("POST", with_id(spec.restore.path, record_id), role=spec.restore.role)
        assert restored.status == 200, restored.json()
        assert restored.body[spec.id] == record_id
        assert restored.body[spec.field] is None
        if spec.get is not None:
            assert service.call("GET", with_id(spec.get.path, record_id), role=spec.get.role).status == 200
        twice = service.call("POST", with_id(spec.restore.path, record_id), role=spec.restore.role)
        assert twice.status == 409, twice.json()

    def unknown(service: Service) -> None:
        reply = service.call("POST", with_id(spec.restore.path, spec.missing_id), role=spec.restore.role)
        assert reply.status == 404, reply.json()

    checks = [
        Check("a created record is not deleted", not_deleted),
        Check("delete hides the record, and restore brings it back", hidden_and_restored),
        Check("restore answers 404 for an unknown record", unknown),
    ]
    return [Check(f"{entity}: {check.name}", check.run) for check in checks]


@dataclass(frozen=True)
class BinarySpec:
    id: str
    missing_id: Id  # a well-formed id that no record has
    field: str  # the `bytes` field
    optional: bool  # whether a record may be without it
    download: Route | None = None
    upload: Route | None = None


def binary_checks(entity: str, spec: BinarySpec) -> list[Check]:
    """A `bytes` field as a file: an upload (multipart, part `file`) and a download (octet-stream)
    give back exactly the bytes; 404 for an unknown record, 204 for a record without the bytes, 400
    without a `file` part, 415 for a body that is not multipart."""
    checks: list[Check] = []
    upload, download = spec.upload, spec.download
    if upload is not None:

        def round_trip(service: Service) -> None:
            created = service.create(entity)
            reply = service.call(
                "PUT", with_id(upload.path, created[spec.id]), role=upload.role, file=("file", FILE_BYTES)
            )
            assert reply.status == 200, reply.json()
            assert reply.body[spec.id] == created[spec.id]
            if download is not None:
                got = service.call("GET", with_id(download.path, created[spec.id]), role=download.role)
                assert got.status == 200
                assert got.headers["content-type"].split(";")[0] == "application/octet-stream"
                assert got.body == FILE_BYTES

        def no_file(service: Service) -> None:
            created = service.create(entity)
            reply = service.call(
                "PUT", with_id(upload.path, created[spec.id]), role=upload.role, file=("other", FILE_BYTES)
            )
            assert reply.status == 400, reply.json()
            assert names_field(reply.body, "file"), reply.json()

        def not_multipart(service: Service) -> None:
            created = service.create(entity)
            reply = service.call("PUT", with_id(upload.path, created[spec.id]), role=upload.role, body={})
            assert reply.status == 415, reply.json()

        def unknown_upload(service: Service) -> None:
            path = with_id(upload.path, spec.missing_id)
            reply = service.call("PUT", path, role=upload.role, file=("file", FILE_BYTES))
            assert reply.status == 404, reply.json()

        checks += [
            Check("an upload stores the bytes and answers the record", round_trip),
            Check("an upload without a file part is refused (400)", no_file),
            Check("an upload that is not multipart is refused (415)", not_multipart),
            Check("an upload to an unknown record is 404", unknown_upload),
        ]
    if download is not None:

        def unknown_download(service: Service) -> None:
            reply = service.call("GET", with_id(download.path, spec.missing_id), role=download.role)
            assert reply.status == 404, reply.json()

        checks.append(Check("a download of an unknown record is 404", unknown_download))
        if spec.optional:

            def empty(service: Service) -> None:
                body = service.body(entity)
                body.pop(spec.field, None)
                created = service.create(entity, body)
                reply = service.call("GET", with_id(download.path, created[spec.id]), role=download.role)
                assert reply.status == 204, reply.json()

            checks.append(Check("a download of a record without the bytes is 204", empty))
    return [Check(f"{entity}.{spec.field}: {check.name}", check.run) for check in checks]


@dataclass(frozen=True)
class TriggerHandlerSpec:
    handler: str
    source: str  # the entity whose create raises the handler's event
    hops: Sequence[tuple[str, str]]  # (entity, field): the references from the new record to the target
    target: str
    state: str
    initial: str
    events: Sequence[str] = ()  # what the trigger's transition from the initial state raises


def trigger_handler_checks(spec: TriggerHandlerSpec) -> list[Check]:
    """Creating a source record raises the event, and the handler fires the trigger on the record
    its path leads to, which leaves its initial state and raises its transition's events."""

    def run(service: Service) -> None:
        created = service.create(spec.source)
        record_id: object = created[service.blueprint.creators[spec.source].id]
        for hop_entity, hop_field in spec.hops:
            hop = service.stored(hop_entity, record_id)
            record_id = None if hop is None else hop.get(hop_field)
        target = service.stored(spec.target, record_id)
        assert target is not None, f"no {spec.target} {record_id!r}"
        assert target[spec.state] != spec.initial, target
        for name in spec.events:
            assert name in service.published_names(), f"{name} was not raised"

    return [Check(f"handler {spec.handler} fires its trigger on the {spec.target} the event leads to", run)]
