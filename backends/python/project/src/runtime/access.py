"""Role-based access control.

A bearer token is mapped to a Principal (who, and which roles) by a pluggable TokenVerifier; each
operation has an Access rule computed from the blueprint's policies and `by` clauses. Deny wins
over allow. A named condition (`when isOwner`) is a hook written by hand (handlers/conditions.py);
until it is written it fails closed: its allow rules do not apply and its deny rules do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol


@dataclass(frozen=True)
class Principal:
    """Who calls: the subject (what an `@owner` field holds), roles, and the tenant, if any."""

    subject: str
    roles: tuple[str, ...]
    tenant: str | None = None


class TokenVerifier(Protocol):
    def verify(self, token: str) -> Principal | None:
        """The principal a token identifies, or None when the token is not valid."""


class StaticTokenVerifier:
    """Development tokens from a string such as `alice=Admin,bob=Member+Intern;tenant=acme;subject=bob`.

    Comma-separated `token=Role+Role` entries, each optionally followed by `;tenant=ID` (the
    caller's tenant) and `;subject=ID` (who the caller is; the token itself when left out).
    Never use them in production.
    """

    def __init__(self, spec: str | None) -> None:
        self._principals: dict[str, Principal] = {}
        for entry in (spec or "").split(","):
            grant, *attributes = entry.split(";")
            token, equals, roles = grant.partition("=")
            token = token.strip()
            if not equals or not token:
                continue
            claims = {}
            for attribute in attributes:
                key, has_value, value = attribute.partition("=")
                if has_value and key.strip():
                    claims[key.strip()] = value.strip()
            self._principals[token] = Principal(
                subject=claims.get("subject", token),
                roles=tuple(r.strip() for r in roles.split("+") if r.strip()),
                tenant=claims.get("tenant") or None,
            )

    def verify(self, token: str) -> Principal | None:
        return self._principals.get(token)


RoleSet = Literal["*"] | tuple[str, ...]


@dataclass(frozen=True)
class ConditionalRule:
    roles: RoleSet
    condition: str | None = None


@dataclass(frozen=True)
class Access:
    """Who may call an operation."""

    granted: RoleSet
    conditional_grants: Sequence[ConditionalRule] = ()
    denials: Sequence[ConditionalRule] = ()


@dataclass(frozen=True)
class AccessRequest:
    principal: Principal
    operation: str
    # The record the operation addresses (`{id}` in the route), when it has one.
    record_id: str | int | None = None


# A hand-written condition: True when the rule applies to this request.
Condition = Callable[[AccessRequest], bool | None]


def _covers(roles: RoleSet, principal: Principal) -> bool:
    if roles == "*":
        return len(principal.roles) > 0
    return any(role in roles for role in principal.roles)


def permits(access: Access, request: AccessRequest, conditions: Mapping[str, Condition]) -> bool:
    """Whether the rule lets the principal call the operation (deny wins)."""

    def holds(name: str) -> bool | None:
        condition = conditions.get(name)
        return None if condition is None else condition(request)

    for denial in access.denials:
        if not _covers(denial.roles, request.principal):
            continue
        if denial.condition is None or holds(denial.condition) is not False:
            return False
    if _covers(access.granted, request.principal):
        return True
    return any(
        _covers(grant.roles, request.principal) and grant.condition is not None and holds(grant.condition) is True
        for grant in access.conditional_grants
    )
