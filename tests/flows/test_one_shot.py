"""`wiretrace run` is a one-shot flow run: Prefect's flow-run heartbeats are off for it only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def test_a_one_shot_run_has_no_heartbeats_and_serve_keeps_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.settings import get_current_settings

    import wiretrace.flows.pipeline as pipeline
    from wiretrace.flows import cli

    seen: list[int | None] = []

    def fake_flow(**parameters: Any) -> dict[str, Any]:
        seen.append(get_current_settings().flows.heartbeat_frequency)
        return {"run_id": "r"}

    monkeypatch.setattr(pipeline, "pipeline_flow", fake_flow)
    cli._run_flow(tmp_path / "w.duckdb", {}, outlets_file=tmp_path / "o.toml", label="x", quiet=True)
    assert seen == [None]
    assert get_current_settings().flows.heartbeat_frequency is not None, "only inside the run"
