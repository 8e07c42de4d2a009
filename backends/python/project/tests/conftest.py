"""The `service` fixture: the generated application on each store in turn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fixtures import BLUEPRINT
from service import Service


@pytest.fixture(params=["memory", "sqlite"])
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Service]:
    with Service(BLUEPRINT, request.param, tmp_path) as running:
        yield running
