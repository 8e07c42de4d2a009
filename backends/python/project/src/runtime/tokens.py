"""Bearer tokens for real: a verifier of JSON Web Tokens signed by an identity provider.

JwtVerifier accepts a token when its signature checks against a key of the provider's JWKS (a
file, or an https URL whose keys are fetched and cached, and fetched again for a key id not yet
seen), its algorithm is an asymmetric one the key is for (never `none`, never HMAC: a public key
must not double as a shared secret), and its `iss`, `aud`, `exp` (and `nbf`, `iat` when present)
hold, with 30 seconds of leeway. The principal's subject is `sub`; its roles come from a claim
(`roles` by default; a dotted path such as `realm_access.roles` reaches into objects; a list of
names or one space-separated string); its tenant from another (`tenant` by default), if present.
Any other token is not valid: `verify` answers None, and the route answers 401.

ChainVerifier tries verifiers in turn, so development tokens can work beside real ones (never in
production: settings.py refuses them there).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jwt

from .access import Principal, StaticTokenVerifier, TokenVerifier
from .settings import ConfigError, Settings

logger = logging.getLogger(__name__)

ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")


class JwtVerifier:
    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        jwks: str,
        roles_claim: str = "roles",
        tenant_claim: str = "tenant",
        leeway: float = 30.0,
        refresh_cooldown: float = 30.0,
    ) -> None:
        self._issuer = issuer
        self._audience = audience
        self._roles_claim = roles_claim
        self._tenant_claim = tenant_claim
        self._leeway = leeway
        self._client: jwt.PyJWKClient | None = None
        self._keys: list[jwt.PyJWK] = []
        if jwks.startswith(("https://", "http://")):
            # A key id not seen yet fetches the set again, at most once per `refresh_cooldown`
            # seconds, so tokens with made-up key ids cannot make the service hammer the provider.
            self._client = jwt.PyJWKClient(
                jwks, cache_keys=True, lifespan=300, timeout=5, cooldown_duration=refresh_cooldown
            )
        else:
            self._keys = jwt.PyJWKSet.from_dict(json.loads(Path(jwks).read_text(encoding="utf-8"))).keys

    def _key(self, token: str) -> jwt.PyJWK:
        if self._client is not None:
            return self._client.get_signing_key_from_jwt(token)
        key_id = jwt.get_unverified_header(token).get("kid")
        candidates = [key for key in self._keys if key_id is None or key.key_id == key_id]
        if len(candidates) != 1:
            message = f"no single key for key id {key_id!r}"
            raise jwt.InvalidKeyError(message)
        return candidates[0]

    def verify(self, token: str) -> Principal | None:
        try:
            key = self._key(token)
            # The key's own algorithm (its `alg`, or the one its type implies), and only that.
            if key.algorithm_name not in ALGORITHMS:
                return None
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=[key.algorithm_name],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except (jwt.PyJWTError, ValueError, KeyError) as error:
            logger.debug("bearer token refused: %s", error)
            return None
        subject = claims.get("sub")
        if not isinstance(subject, str) or not subject:
            return None
        tenant = _claim(claims, self._tenant_claim)
        return Principal(
            subject=subject,
            roles=_roles(_claim(claims, self._roles_claim)),
            tenant=str(tenant) if isinstance(tenant, str | int) and not isinstance(tenant, bool) else None,
        )


def _claim(claims: dict[str, Any], path: str) -> object:
    value: object = claims
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _roles(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(role for role in value.split() if role)
    if isinstance(value, list):
        return tuple(role for role in value if isinstance(role, str) and role)
    return ()


class ChainVerifier:
    """The first principal any of the verifiers finds."""

    def __init__(self, verifiers: Sequence[TokenVerifier]) -> None:
        self._verifiers = tuple(verifiers)

    def verify(self, token: str) -> Principal | None:
        for verifier in self._verifiers:
            principal = verifier.verify(token)
            if principal is not None:
                return principal
        return None


def verifier_for(settings: Settings) -> TokenVerifier:
    """The verifier the settings ask for: JWTs when an issuer is configured, development tokens
    when given (development only), both in that order, or one that accepts no token."""
    verifiers: list[TokenVerifier] = []
    if settings.jwt_issuer:
        try:
            verifiers.append(
                JwtVerifier(
                    issuer=settings.jwt_issuer,
                    audience=settings.jwt_audience or "",
                    jwks=settings.jwks or "",
                    roles_claim=settings.jwt_roles_claim,
                    tenant_claim=settings.jwt_tenant_claim,
                )
            )
        except (OSError, ValueError, jwt.PyJWTError) as error:
            message = f"jwks: cannot use {settings.jwks}: {error}"
            raise ConfigError(message) from None
    if settings.dev_tokens:
        verifiers.append(StaticTokenVerifier(settings.dev_tokens))
    return verifiers[0] if len(verifiers) == 1 else ChainVerifier(verifiers)
