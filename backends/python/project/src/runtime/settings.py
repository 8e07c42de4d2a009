"""The service's configuration: environment variables over an optional TOML file, over defaults.

`BPC_CONFIG=path.toml` names the file; its keys are the settings' names (`port = 8080`,
`cors_origins = ["https://app.example"]`, `rate_limit_per_key = "600/minute"`). A variable that is
set and not empty wins over the file. `environment` ("development" or "production") chooses the
defaults of what is not set: production rate-limits every key and tenant, logs at INFO, allows
no cross-origin caller, and refuses development tokens (BPC_DEV_TOKENS) outright. Every problem
is a ConfigError that names the setting, raised before the service starts.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ENVIRONMENTS = ("development", "production")

# Each setting and the environment variable that sets it.
VARIABLES: Mapping[str, str] = {
    "environment": "BPC_ENV",
    "host": "HOST",
    "port": "PORT",
    "database_url": "DATABASE_URL",
    "migrations": "BPC_MIGRATIONS",
    "dev_tokens": "BPC_DEV_TOKENS",
    "jwt_issuer": "JWT_ISSUER",
    "jwt_audience": "JWT_AUDIENCE",
    "jwks": "JWKS",
    "jwt_roles_claim": "JWT_ROLES_CLAIM",
    "jwt_tenant_claim": "JWT_TENANT_CLAIM",
    "cors_origins": "CORS_ORIGINS",
    "max_body_bytes": "MAX_BODY_BYTES",
    "rate_limit_per_key": "RATE_LIMIT_PER_KEY",
    "rate_limit_per_tenant": "RATE_LIMIT_PER_TENANT",
    "log_level": "LOG_LEVEL",
}

_PERIODS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0}
_RATE = re.compile(r"([1-9][0-9]{0,8})/(second|minute|hour|day)")
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(ValueError):
    """A setting that cannot be used, with the reason."""


@dataclass(frozen=True)
class RateLimit:
    """At most `requests` in any `period` seconds, bursts included (GCRA, rate_limit.py)."""

    requests: int
    period: float

    @staticmethod
    def parse(text: str) -> RateLimit:
        """`600/minute`: a count, `/`, and second, minute, hour or day."""
        match = _RATE.fullmatch(text.strip())
        if match is None:
            message = f"{text!r} is not a rate such as 600/minute"
            raise ConfigError(message)
        return RateLimit(int(match.group(1)), _PERIODS[match.group(2)])

    def __str__(self) -> str:
        unit = next(name for name, seconds in _PERIODS.items() if seconds == self.period)
        return f"{self.requests}/{unit}"


@dataclass(frozen=True)
class Settings:
    """What the service runs with. The defaults are development's."""

    environment: str = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    # An SQLAlchemy URL; None keeps records in memory.
    database_url: str | None = None
    # The folder of migration scripts (migrations.py); None: the project's `migrations/`.
    migrations: str | None = None
    dev_tokens: str | None = None
    # JSON Web Tokens (tokens.py): the issuer and audience they must name, and the provider's keys
    # (a JWKS file, or its URL); the claims that hold the roles and the tenant.
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    jwks: str | None = None
    jwt_roles_claim: str = "roles"
    jwt_tenant_claim: str = "tenant"
    # Origins allowed to call from a browser; `*` allows any.
    cors_origins: tuple[str, ...] = ()
    # Larger request bodies are answered 413.
    max_body_bytes: int = 1_048_576
    rate_limit_per_key: RateLimit | None = None
    rate_limit_per_tenant: RateLimit | None = None
    log_level: str = "DEBUG"
    # Where each value came from, for the start-up log line: the variable, the file, or a default.
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def production(self) -> bool:
        return self.environment == "production"


# What production sets when nothing else does.
PRODUCTION_DEFAULTS: Mapping[str, object] = {
    "rate_limit_per_key": RateLimit(600, 60.0),
    "rate_limit_per_tenant": RateLimit(6000, 60.0),
    "log_level": "INFO",
}


def _integer(name: str, value: object, low: int, high: int) -> int:
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        message = f"{name} must be a whole number from {low} to {high}, not {value!r}"
        raise ConfigError(message)
    return number


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        message = f"{name} must be text, not {value!r}"
        raise ConfigError(message)
    return value.strip()


def _origins(value: object) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(item, str) for item in items):
        message = f"cors_origins must be a list of origins, not {value!r}"
        raise ConfigError(message)
    origins = tuple(item.strip().rstrip("/") for item in items if item.strip())
    for origin in origins:
        if origin != "*" and not re.fullmatch(r"https?://[^/\s]+", origin):
            message = f"cors_origins: {origin!r} is not an origin such as https://app.example"
            raise ConfigError(message)
    return origins


def _convert(name: str, value: object) -> object:
    """A setting's raw value (text from a variable, or a TOML value) as the type Settings holds."""
    if name == "port":
        return _integer(name, value, 1, 65535)
    if name == "max_body_bytes":
        return _integer(name, value, 1, 1 << 40)
    if name == "cors_origins":
        return _origins(value)
    if name in ("rate_limit_per_key", "rate_limit_per_tenant"):
        text = _text(name, value)
        try:
            return None if text in ("", "off") else RateLimit.parse(text)
        except ConfigError as error:
            message = f"{name}: {error}"
            raise ConfigError(message) from None
    text = _text(name, value)
    if name == "environment" and text not in ENVIRONMENTS:
        message = f"environment must be development or production, not {text!r}"
        raise ConfigError(message)
    if name == "log_level":
        if text.upper() not in _LEVELS:
            message = f"log_level must be one of {', '.join(_LEVELS)}, not {text!r}"
            raise ConfigError(message)
        return text.upper()
    optional = ("database_url", "migrations", "dev_tokens", "jwt_issuer", "jwt_audience", "jwks")
    return text or None if name in optional else text


def _read_file(path: str) -> dict[str, object]:
    try:
        with Path(path).open("rb") as file:
            values = tomllib.load(file)
    except OSError as error:
        message = f"BPC_CONFIG: cannot read {path}: {error.strerror}"
        raise ConfigError(message) from None
    except tomllib.TOMLDecodeError as error:
        message = f"BPC_CONFIG: {path} is not TOML: {error}"
        raise ConfigError(message) from None
    for key in values:
        if key not in VARIABLES:
            message = f"{path}: unknown setting {key!r} (the settings: {', '.join(VARIABLES)})"
            raise ConfigError(message)
    return values


def load_settings(environ: Mapping[str, str], *, port: int) -> Settings:
    """The settings from the environment (and the file BPC_CONFIG names); `port` is the default port."""
    raw: dict[str, object] = {}
    sources: dict[str, str] = {}
    config = environ.get("BPC_CONFIG", "")
    if config:
        for key, value in _read_file(config).items():
            raw[key] = value
            sources[key] = config
    for key, variable in VARIABLES.items():
        if environ.get(variable, "") != "":
            raw[key] = environ[variable]
            sources[key] = variable
    values: dict[str, Any] = {key: _convert(key, value) for key, value in raw.items()}
    settings = Settings(port=port)
    if values.get("environment", settings.environment) == "production":
        defaults: dict[str, Any] = {k: v for k, v in PRODUCTION_DEFAULTS.items() if k not in values}
        settings = replace(settings, **defaults)
    settings = replace(settings, **values, sources=sources)
    jwt_settings = (settings.jwt_issuer, settings.jwt_audience, settings.jwks)
    if any(jwt_settings) and not all(jwt_settings):
        message = "jwt_issuer, jwt_audience and jwks go together: set all three, or none"
        raise ConfigError(message)
    if settings.production and settings.jwks and settings.jwks.startswith("http://"):
        message = f"jwks: {settings.jwks} is plain http; production fetches keys only over https"
        raise ConfigError(message)
    if settings.production and settings.dev_tokens:
        message = (
            f"development tokens ({sources.get('dev_tokens', 'BPC_DEV_TOKENS')}) are refused in production: "
            "configure a real token verifier"
        )
        raise ConfigError(message)
    return settings
