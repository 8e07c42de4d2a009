"""The record operations every resource shares.

Referential integrity on writes (a reference must name an existing record: 409) and on deletes
(`@onDelete`: restrict answers 409 unless the referring record goes too, cascade deletes the
referring records, setNull clears the reference), unique violations as 409, and the response form
of a record (without `@secret` fields).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from .events import now
from .problem import FieldError, HttpProblem, conflict, not_found
from .scope import unscoped
from .store import EntityDescriptor, Id, Reference, Repository, Row, Store, UniqueViolation

Entities = Mapping[str, EntityDescriptor]


def check_references(store: Store, entities: Entities, references: Sequence[Reference], record: Row) -> None:
    """409 when a reference of `record` names no existing record."""
    for reference in references:
        value = record.get(reference.field)
        if value is None:
            continue
        target = store.repository(entities[reference.target])
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str | int) or target.get(item) is None:
                detail = f"{reference.field}: no {reference.target} has the id {json.dumps(item)}"
                raise HttpProblem(409, "Conflict", detail, [FieldError(reference.field, detail)])


def get_or_not_found(repository: Repository, entity: EntityDescriptor, record_id: Id) -> Row:
    """The record a route's `{id}` addresses, or a 404 naming it."""
    record = repository.get(record_id)
    if record is None:
        what = f"{entity.name} {json.dumps(record_id)}"
        raise not_found(what)
    return record


def must_get(repository: Repository, entity: EntityDescriptor, record_id: object) -> Row:
    """A record that must exist (a reference the store keeps valid)."""
    record = repository.get(record_id) if isinstance(record_id, str | int) else None
    if record is None:
        message = f"{entity.name} {json.dumps(record_id)} is missing"
        raise LookupError(message)
    return record


@contextmanager
def writing() -> Iterator[None]:
    """Runs a write, turning a unique violation into 409 naming the fields."""
    try:
        yield
    except UniqueViolation as error:
        fields = error.fields
        if len(fields) == 1:
            detail = f"{fields[0]}: another {error.entity} already has this value"
        else:
            detail = f"{', '.join(fields)}: another {error.entity} already has these values together"
        raise HttpProblem(409, "Conflict", detail, [FieldError(f, detail) for f in fields]) from error


@dataclass(frozen=True)
class Deleted:
    """A record a delete removed, with its entity's name (for its `deleted` event)."""

    entity: str
    record: Row


def delete_record(store: Store, entities: Entities, entity: EntityDescriptor, record_id: Id) -> list[Deleted]:
    """Deletes a record and applies every `@onDelete` rule of the references to it, as one operation.

    First the records the delete removes (the addressed one, and by `cascade` every record whose
    reference to a removed one cascades, recursively); then a `restrict` reference from any record
    that is not itself removed refuses the whole delete (409), so a restrict reference does not
    block a cascade that removes the referring record too; then the references of the records
    that stay are cleared (`setNull`, and the ids in lists) and the records removed. Returns every
    removed record, the addressed one first. The addressed record must be one the caller sees
    (`store` may be scoped, scope.py); the rules reach every record, whoever's. A soft delete
    (`@deletedAt`) only sets that field: the record stays, hidden, with whatever refers to it.
    """
    repository = store.repository(entity)
    current = get_or_not_found(repository, entity, record_id)
    if entity.soft_delete is not None:
        record = touch(entity, {**current, entity.soft_delete: now()})
        repository.replace(record)
        return [Deleted(entity.name, record)]
    everything = unscoped(store)
    references_to: dict[str, list[tuple[EntityDescriptor, Reference]]] = {}
    for source in entities.values():
        for reference in source.references:
            references_to.setdefault(reference.target, []).append((source, reference))
    removed: list[tuple[EntityDescriptor, Id, Row]] = [(entity, record_id, current)]
    removing = {(entity.name, record_id)}
    index = 0
    while index < len(removed):
        target, target_id, _ = removed[index]
        index += 1
        for source, reference in references_to.get(target.name, []):
            if reference.on_delete != "cascade" or reference.many:
                continue
            for referring in everything.repository(source).referencing(reference.field, False, target_id):
                referring_id = _id_of(source, referring)
                if (source.name, referring_id) not in removing:
                    removing.add((source.name, referring_id))
                    removed.append((source, referring_id, referring))
    for target, target_id, _ in removed:
        for source, reference in references_to.get(target.name, []):
            if reference.on_delete != "restrict":
                continue
            for referring in everything.repository(source).referencing(reference.field, reference.many, target_id):
                referring_id = _id_of(source, referring)
                if (source.name, referring_id) not in removing:
                    detail = f"{source.name} {json.dumps(referring_id)} refers to this {target.name} through {reference.field}"
                    raise conflict(detail)
    for target, target_id, _ in removed:
        for source, reference in references_to.get(target.name, []):
            if reference.on_delete == "restrict" or (reference.on_delete == "cascade" and not reference.many):
                continue
            sources = everything.repository(source)
            for referring in sources.referencing(reference.field, reference.many, target_id):
                if (source.name, _id_of(source, referring)) in removing:
                    continue
                value = referring.get(reference.field)
                cleared = [v for v in value if v != target_id] if isinstance(value, list) else None
                sources.replace(touch(source, {**referring, reference.field: cleared}))
    for target, target_id, _ in reversed(removed):
        everything.repository(target).delete(target_id)
    return [Deleted(target.name, record) for target, _, record in removed]


def _id_of(entity: EntityDescriptor, record: Row) -> Id:
    value = record[entity.id_field]
    if not isinstance(value, str | int):
        message = f"{entity.name} record without an id"
        raise TypeError(message)
    return value


def restore_record(repository: Repository, entity: EntityDescriptor, record_id: Id) -> Row:
    """Brings back a soft-deleted record (`repository` must see deleted ones): 404 when there is no
    such record, 409 when it is not deleted."""
    field = entity.soft_delete
    if field is None:
        message = f"{entity.name} records are deleted for good"
        raise LookupError(message)
    current = get_or_not_found(repository, entity, record_id)
    if current.get(field) is None:
        detail = f"{entity.name} {json.dumps(record_id)} is not deleted"
        raise conflict(detail)
    restored = touch(entity, {**current, field: None})
    repository.replace(restored)
    return restored


def present(entity: EntityDescriptor, record: Row) -> Row:
    """A record as responses show it: without its `@secret` fields."""
    if not entity.secret:
        return record
    return {k: v for k, v in record.items() if k not in entity.secret}


def merged(current: Row, changes: Row) -> Row:
    """An update's record: the current one with each field the request gives replaced."""
    return {**current, **changes}


def touch(entity: EntityDescriptor, record: Row) -> Row:
    """A record about to be written, with its `@updatedAt` fields set to the current time."""
    if not entity.touched:
        return record
    time = now()
    return {**record, **dict.fromkeys(entity.touched, time)}
