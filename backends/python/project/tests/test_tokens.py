"""JSON Web Tokens (runtime/tokens.py), with keys these tests make: what is accepted, what is
refused (expired, another issuer or audience, an unknown key, `none`, HMAC signed with the public
key, no subject), roles and tenants from their claims, keys fetched from a JWKS URL on a loopback
server (and fetched again for a new key id), and the service answering such tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm
from starlette.testclient import TestClient

from fixtures import BLUEPRINT

ISSUER = "https://id.example/realm"
AUDIENCE = "bpc-service"


class Keys:
    """An RSA and an EC signing key, and the JWKS that publishes their public halves."""

    def __init__(self, rsa_key: rsa.RSAPrivateKey, ec_key: ec.EllipticCurvePrivateKey) -> None:
        self.rsa = rsa_key
        self.ec = ec_key
        self.jwks: dict[str, list[dict[str, Any]]] = {"keys": []}
        self.publish("rsa-1", RSAAlgorithm.to_jwk(self.rsa.public_key(), as_dict=True), "RS256")
        self.publish("ec-1", ECAlgorithm.to_jwk(self.ec.public_key(), as_dict=True), "ES256")

    def publish(self, kid: str, jwk: dict[str, Any], alg: str) -> None:
        self.jwks["keys"].append({**jwk, "kid": kid, "alg": alg, "use": "sig"})

    def token(
        self, claims: dict[str, Any] | None = None, *, kid: str = "rsa-1", alg: str = "RS256", key: Any = None
    ) -> str:
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-1", "iat": now, "exp": now + 300, **(claims or {})}
        signing = key if key is not None else (self.rsa if alg.startswith("RS") else self.ec)
        return jwt.encode(
            {k: v for k, v in payload.items() if v is not None}, signing, algorithm=alg, headers={"kid": kid}
        )


def base64url(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)  # made once: it takes a while


@pytest.fixture
def keys(rsa_key: rsa.RSAPrivateKey) -> Keys:
    return Keys(rsa_key, ec.generate_private_key(ec.SECP256R1()))


def verifier_on_file(keys: Keys, tmp_path: Path, **options: str) -> Any:
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(keys.jwks), encoding="utf-8")
    return BLUEPRINT.jwt_verifier(issuer=ISSUER, audience=AUDIENCE, jwks=str(path), **options)


def test_a_valid_token_names_its_subject_roles_and_tenant(keys: Keys, tmp_path: Path) -> None:
    verifier = verifier_on_file(keys, tmp_path)
    principal = verifier.verify(keys.token({"roles": ["Admin", "Member"], "tenant": "acme"}))
    assert principal is not None
    assert principal.subject == "user-1"
    assert principal.roles == ("Admin", "Member")
    assert principal.tenant == "acme"
    elliptic = verifier.verify(keys.token({"roles": "Admin Member"}, kid="ec-1", alg="ES256"))
    assert elliptic is not None
    assert elliptic.roles == ("Admin", "Member")
    assert elliptic.tenant is None


@pytest.mark.parametrize(
    "claims",
    [
        {"exp": 1_000_000},  # long expired
        {"nbf": 4_000_000_000},  # not valid yet
        {"iss": "https://other.example"},
        {"aud": "another-service"},
        {"sub": None},
        {"exp": None},
    ],
    ids=["expired", "not-yet-valid", "issuer", "audience", "no-subject", "no-expiry"],
)
def test_tokens_that_do_not_hold_are_refused(keys: Keys, tmp_path: Path, claims: dict[str, Any]) -> None:
    assert verifier_on_file(keys, tmp_path).verify(keys.token(claims)) is None


def test_forged_tokens_are_refused(keys: Keys, tmp_path: Path) -> None:
    verifier = verifier_on_file(keys, tmp_path)
    stranger = ec.generate_private_key(ec.SECP256R1())
    assert verifier.verify(keys.token(kid="ec-1", alg="ES256", key=stranger)) is None  # signed by another key
    assert verifier.verify(keys.token(kid="rsa-9")) is None  # a key the JWKS does not have
    unsigned = jwt.encode(
        {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": int(time.time()) + 60}, "", algorithm="none"
    )
    assert verifier.verify(unsigned) is None
    # The public key used as an HMAC secret (PyJWT will not sign so; the token is made by hand).
    public = keys.rsa.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": int(time.time()) + 60}
    signing_input = b".".join(
        base64url(json.dumps(part).encode()) for part in ({"alg": "HS256", "typ": "JWT", "kid": "rsa-1"}, claims)
    )
    confused = signing_input + b"." + base64url(hmac.new(public, signing_input, hashlib.sha256).digest())
    assert verifier.verify(confused.decode()) is None
    assert verifier.verify("not.a.token") is None
    assert verifier.verify("") is None


def test_roles_and_tenant_from_configured_claims(keys: Keys, tmp_path: Path) -> None:
    verifier = verifier_on_file(keys, tmp_path, roles_claim="realm_access.roles", tenant_claim="org")
    token = keys.token({"realm_access": {"roles": ["Admin", 7]}, "org": "blue", "roles": ["Ignored"]})
    principal = verifier.verify(token)
    assert principal is not None
    assert principal.roles == ("Admin",)
    assert principal.tenant == "blue"


@contextmanager
def jwks_server(keys: Keys) -> Iterator[tuple[str, list[str]]]:
    """The JWKS at a loopback URL, and the paths fetched so far."""
    fetched: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fetched.append(self.path)
            body = json.dumps(keys.jwks).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/jwks.json", fetched
    finally:
        server.shutdown()
        server.server_close()


def test_keys_are_fetched_from_a_jwks_url_and_again_for_a_new_key(keys: Keys) -> None:
    with jwks_server(keys) as (url, fetched):
        verifier = BLUEPRINT.jwt_verifier(issuer=ISSUER, audience=AUDIENCE, jwks=url, refresh_cooldown=0)
        assert verifier.verify(keys.token({"roles": ["Admin"]})) is not None
        assert verifier.verify(keys.token()) is not None
        assert len(fetched) == 1  # cached
        rotated = ec.generate_private_key(ec.SECP256R1())
        keys.publish("ec-2", ECAlgorithm.to_jwk(rotated.public_key(), as_dict=True), "ES256")
        principal = verifier.verify(keys.token(kid="ec-2", alg="ES256", key=rotated))
        assert principal is not None
        assert len(fetched) == 2


def test_the_service_answers_json_web_tokens(keys: Keys, tmp_path: Path) -> None:
    creatable = [c for c in BLUEPRINT.creators.values() if c.route is not None and c.route.role]
    if not creatable:
        pytest.skip("no create route needs a role")
    route = creatable[0].route
    assert route is not None
    app = BLUEPRINT.create_app(BLUEPRINT.memory_store(), verifier_on_file(keys, tmp_path))
    with TestClient(app, raise_server_exceptions=False) as client:

        def status(token: str) -> int:
            return client.post(route.path, content="{}", headers={"authorization": f"Bearer {token}"}).status_code

        assert status(keys.token({"roles": [route.role]})) != 401  # accepted: what the body holds is judged next
        assert status(keys.token({"roles": []})) == 403
        assert status(keys.token({"roles": [route.role], "exp": 1_000_000})) == 401


def test_jwt_settings_go_together_and_production_fetches_keys_over_https() -> None:
    with pytest.raises(ValueError, match="go together"):
        BLUEPRINT.load_settings({"JWT_ISSUER": ISSUER}, port=8000)
    production = {"BPC_ENV": "production", "JWT_ISSUER": ISSUER, "JWT_AUDIENCE": AUDIENCE}
    with pytest.raises(ValueError, match="https"):
        BLUEPRINT.load_settings({**production, "JWKS": "http://id.example/jwks.json"}, port=8000)
    settings = BLUEPRINT.load_settings({**production, "JWKS": "https://id.example/jwks.json"}, port=8000)
    assert settings.jwks == "https://id.example/jwks.json"
