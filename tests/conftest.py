"""Shared fixtures: paths to copied real fixtures, a fresh warehouse per test, the demo server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "real"

# Prefect must never look anything up on the internet during tests.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_UI_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    return tmp_path / "wiretrace.duckdb"


@pytest.fixture
def real_pages() -> Path:
    return REAL / "pages"


@pytest.fixture
def real_feeds() -> Path:
    return REAL / "feeds"


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for the whole session (it takes about 10 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
