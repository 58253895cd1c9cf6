"""Every command, option and argument of `wiretrace` explains itself in --help (as sqlite-utils checks)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer.main

from wiretrace.flows.cli import app


def _commands(group: Any, path: str = "wiretrace") -> Iterator[tuple[str, Any]]:
    # typer's commands are click's, or its own vendored copy of click: walk them by shape.
    yield path, group
    for name, command in getattr(group, "commands", {}).items():
        yield from _commands(command, f"{path} {name}")


def test_every_command_and_option_has_help_text() -> None:
    root = typer.main.get_command(app)
    missing = []
    seen = 0
    for path, command in _commands(root):
        seen += 1
        if not (command.help or command.short_help):
            missing.append(path)
        for param in command.params:
            if param.name == "help":
                continue
            if not getattr(param, "help", None):
                missing.append(f"{path} {param.name}")
    assert seen >= 12, "the command tree was not walked"
    assert missing == []
