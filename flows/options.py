"""The options of a pipeline run, declared once: `wiretrace run` and `wiretrace serve` build one record."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any

import typer

OutletsOption = Annotated[
    Path | None,
    typer.Option(
        "--outlets",
        "--sources",  # the name before 0.2; kept so scripts keep working
        help="Outlets TOML file (default: the shipped outlets).",
    ),
]
DemoOption = Annotated[
    bool, typer.Option("--demo", help="Serve the bundled demo news wire locally and poll it.")
]
PerHostDelayOption = Annotated[
    float | None,
    typer.Option(help="Minimum seconds between requests to one host (default 1; 0 for the demo)."),
]
FetchConcurrencyOption = Annotated[
    int, typer.Option("--fetch-concurrency", help="Concurrent page fetches.")
]
WindowOption = Annotated[float, typer.Option(help="Only claims this close in time are compared.")]
UserAgentOption = Annotated[
    str | None,
    typer.Option(
        envvar="WIRETRACE_USER_AGENT",
        help="User-Agent sent to outlets; must name a contact URL or e-mail.",
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Also poll feeds backing off after failures.")
]
DaskAddressOption = Annotated[
    str | None,
    typer.Option(
        envvar="WIRETRACE_DASK_ADDRESS",
        help="Run extraction and matching on this Dask scheduler (tcp://host:8786).",
    ),
]
DaskWorkersOption = Annotated[
    int,
    typer.Option(
        "--workers", help="Run extraction and matching on a local Dask cluster of N processes."
    ),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's logs.")]


class OptionError(ValueError):
    """An option or a combination of options cannot be used; the message says which."""


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How to run the pipeline, whoever starts it: the flow's parameters less the outlets."""

    per_host_delay: float | None = None  # None: 1 s, or 0 for the demo
    fetch_concurrency: int = 4
    window_days: float = 7.0
    user_agent: str | None = None
    force: bool = False
    dask_address: str | None = None
    dask_workers: int = 0
    lock_wait: float = 60.0

    def checked(self) -> RunOptions:
        """These options with the User-Agent checked; OptionError names what cannot be used."""
        if self.dask_address and self.dask_workers:
            raise OptionError("use --dask-address or --workers, not both")
        if self.dask_workers < 0:
            raise OptionError("--workers must be 0 (no Dask) or more")
        if self.fetch_concurrency < 1:
            raise OptionError("--fetch-concurrency must be 1 or more")
        if self.window_days <= 0:
            raise OptionError("--window-days must be more than 0")
        if self.per_host_delay is not None and self.per_host_delay < 0:
            raise OptionError("--per-host-delay must be 0 or more")
        if self.user_agent is None:
            return self
        from wiretrace.sources.fetch import check_user_agent

        try:
            agent = check_user_agent(self.user_agent)
        except ValueError as exc:
            raise OptionError(str(exc)) from None
        return replace(self, user_agent=agent)

    def flow_parameters(self, *, demo: bool = False) -> dict[str, Any]:
        """The `wiretrace-pipeline` flow's parameters for these options (JSON-able, for serve)."""
        delay = self.per_host_delay
        return {
            "per_host_delay": (0.0 if demo else 1.0) if delay is None else delay,
            "fetch_concurrency": self.fetch_concurrency,
            "window_days": self.window_days,
            "user_agent": self.user_agent,
            "force": self.force,
            "dask_address": self.dask_address,
            "dask_workers": self.dask_workers,
            "lock_wait": self.lock_wait,
        }
