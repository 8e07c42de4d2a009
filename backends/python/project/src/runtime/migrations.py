"""The project's schema migrations: the scripts `bpc build --migrate-from OLD` adds to the project's
`migrations/<dialect>/v<version>.sql`, applied to the database when the service starts.

A database that has none of the service's tables is new: the tables are made as they are now and
every script is recorded as applied. Otherwise each script not yet applied runs in version order,
in its own transaction, and is recorded in that transaction in `bpc_migrations` (its name and the
SHA-256 of its text), and tables no script made are made. A recorded script whose text changed
since is an error: the database may not be what the scripts say.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, MetaData, inspect, text

_VERSION = re.compile(r"^v(\d+)\.(\d+)\.(\d+)")


class MigrationError(RuntimeError):
    """The database and the project's migrations disagree."""


def _version(script: Path) -> tuple[int, int, int, str]:
    match = _VERSION.match(script.stem)
    if match is None:
        message = f"migration {script.name} is not named v<major>.<minor>.<patch>.sql"
        raise MigrationError(message)
    return int(match.group(1)), int(match.group(2)), int(match.group(3)), script.stem


def _digest(script: str) -> str:
    return hashlib.sha256(script.encode()).hexdigest()


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _recorded(script: str, name: str, digest: str) -> str:
    """The script with its own record added inside its transaction (before its last COMMIT)."""
    at = script.rfind("COMMIT;")
    if at < 0:
        message = f"migration {name} has no COMMIT: it was not written by bpc migrate"
        raise MigrationError(message)
    values = ", ".join(_quoted(value) for value in (name, digest, datetime.now(UTC).isoformat()))
    # Every value is a quoted literal (_quoted): the record runs inside the script, without parameters.
    record = "INSERT INTO bpc_migrations (name, sha256, applied_at) VALUES (" + values + ");\n"  # noqa: S608
    return script[:at] + record + script[at:]


def _run(engine: Engine, script: str) -> None:
    """Runs a whole script (its statements, its own transaction) on a connection of its own."""
    connection = engine.raw_connection()
    try:
        if engine.dialect.name == "sqlite":
            driver = connection.driver_connection
            if not isinstance(driver, sqlite3.Connection):
                message = "the SQLite driver is not the standard library's sqlite3"
                raise MigrationError(message)
            try:
                driver.executescript(script)
            except sqlite3.Error:
                if driver.in_transaction:  # the script's own transaction, left open by the failure
                    driver.rollback()
                raise
        else:
            cursor = connection.cursor()
            try:
                cursor.execute(script)
            finally:
                cursor.close()
            connection.commit()
    finally:
        connection.close()


def apply_migrations(engine: Engine, metadata: MetaData, folder: Path) -> list[str]:
    """Brings the database to the schema of `metadata`; the names of the scripts it ran."""
    dialect = engine.dialect.name
    scripts = sorted((folder / dialect).glob("v*.sql"), key=_version) if (folder / dialect).is_dir() else []
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE IF NOT EXISTS bpc_migrations (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        )
        records = connection.execute(text("SELECT name, sha256 FROM bpc_migrations"))
        applied = {str(name): str(digest) for name, digest in records}
        existing = set(inspect(connection).get_table_names())
        if not existing & set(metadata.tables):
            metadata.create_all(connection)
            for script in scripts:
                if script.name not in applied:
                    connection.execute(
                        text("INSERT INTO bpc_migrations (name, sha256, applied_at) VALUES (:name, :sha256, :at)"),
                        {
                            "name": script.name,
                            "sha256": _digest(script.read_text()),
                            "at": datetime.now(UTC).isoformat(),
                        },
                    )
            return []
    ran: list[str] = []
    for script in scripts:
        body = script.read_text()
        digest = _digest(body)
        if script.name in applied:
            if applied[script.name] != digest:
                message = f"migration {script.name} changed after it was applied to this database"
                raise MigrationError(message)
            continue
        _run(engine, _recorded(body, script.name, digest))
        ran.append(script.name)
    metadata.create_all(engine)  # tables no script made (a project without migrations)
    return ran
