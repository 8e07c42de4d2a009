"""The `service` fixture: the generated application on each store in turn.

The memory store and SQLite always; PostgreSQL too when BPC_TEST_POSTGRESQL is the SQLAlchemy URL
of a database the tests may make schemas in (`postgresql+psycopg://user@/db?host=/run/socket`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixtures import BLUEPRINT
from service import Service

STORES = ["memory", "sqlite", *(["postgresql"] if os.environ.get("BPC_TEST_POSTGRESQL") else [])]


@pytest.fixture(params=STORES)
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Service]:
    with Service(BLUEPRINT, request.param, tmp_path) as running:
        yield running
