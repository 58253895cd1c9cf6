"""Headless Chromium for the tests that read rendered pages: its flags, and finding it."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--virtual-time-budget=3000",  # let any timer or onerror handler fire before the dump
)


def find_chromium() -> str:
    """Debian's chromium; a test without it skips, or fails when WIRETRACE_REQUIRE_BROWSER=1."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("WIRETRACE_REQUIRE_BROWSER") == "1":
            # CI sets this: a browser that could not be installed fails the run, never skips it.
            pytest.fail("chromium is not installed and WIRETRACE_REQUIRE_BROWSER=1")
        pytest.skip("chromium is not installed (.ci/run installs Debian's chromium package)")
    return path
