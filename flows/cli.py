"""The `wiretrace` command line: a thin layer over the flows, the warehouse queries and the reports."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    name="wiretrace",
    help="Follow news claims across outlets: who reported what, first, and how independently.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="WIRETRACE_DB", help="DuckDB warehouse file.", show_default=True),
]
DEFAULT_DB = Path("wiretrace.duckdb")
VERDICT_COLOURS = {
    "corroborated": "green",
    "single-source": "yellow",
    "wire-only": "cyan",
    "disputed": "red",
    "updated": "magenta",
}


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def prefect_defaults(db_path: Path, *, verbose: bool) -> None:
    """Safe Prefect settings for an offline CLI, never overriding what the user has set."""
    home = db_path.resolve().parent / ".wiretrace-prefect"
    defaults = {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
        "PREFECT_LOGGING_LEVEL": "INFO" if verbose else "WARNING",
        "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)


@app.command()
def run(
    db: DbOption = DEFAULT_DB,
    demo: Annotated[
        bool,
        typer.Option("--demo", help="Serve the bundled demo news wire locally and run over it."),
    ] = False,
    sources: Annotated[
        Path | None,
        typer.Option("--sources", help="Outlets TOML file (default: the shipped outlets)."),
    ] = None,
    wait: Annotated[
        float, typer.Option(help="Seconds to wait for another run on the same db.")
    ] = 60.0,
    per_host_delay: Annotated[
        float | None,
        typer.Option(
            help="Minimum seconds between requests to one host (default 1; 0 for the demo)."
        ),
    ] = None,
    workers: Annotated[int, typer.Option(help="Concurrent page fetches.")] = 4,
    window_days: Annotated[
        float, typer.Option(help="Only claims this close in time are compared.")
    ] = 7.0,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the run summary as JSON.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's logs.")] = False,
) -> None:
    """Poll every outlet once, through to corroboration tables (exit 0 even if some pages failed)."""
    if demo and sources:
        raise fail("use --demo or --sources, not both", 2)
    prefect_defaults(db, verbose=verbose)
    from flows.lock import RunLocked, run_lock
    from sources.config import ConfigError, default_outlets_path, load_outlets
    from warehouse.db import WarehouseError

    started = time.monotonic()
    summaries: list[dict[str, Any]] = []
    try:
        with run_lock(db, wait=wait):
            if demo:
                summaries = _run_demo(db, per_host_delay or 0.0, workers, window_days, json_out)
            else:
                path = sources or default_outlets_path()
                load_outlets(path)  # fail fast, before Prefect starts, on a bad file
                summaries = [
                    _run_flow(
                        db,
                        str(path),
                        str(path),
                        None,
                        None,
                        1.0 if per_host_delay is None else per_host_delay,
                        workers,
                        window_days,
                        json_out,
                    )
                ]
    except (ConfigError, RunLocked, WarehouseError) as exc:
        raise fail(str(exc)) from None
    elapsed = time.monotonic() - started
    if json_out:
        print(json.dumps({"runs": summaries, "seconds": round(elapsed, 2)}, default=str))
    else:
        _print_summary(db, summaries, elapsed)


def _run_flow(
    db: Path,
    sources: str,
    label: str,
    base_url: str | None,
    resolve: dict[str, tuple[str, int]] | None,
    delay: float,
    workers: int,
    window_days: float,
    quiet: bool,
) -> dict[str, Any]:
    from flows.pipeline import pipeline_flow

    status = (
        console.status(f"[bold]polling[/] {label}", spinner="dots")
        if (console.is_terminal and not quiet)
        else None
    )
    if status:
        status.start()
    try:
        return pipeline_flow(
            db=str(db),
            sources=sources,
            label=label,
            base_url=base_url,
            resolve=resolve,
            per_host_delay=delay,
            workers=workers,
            window_days=window_days,
        )
    finally:
        if status:
            status.stop()


def _run_demo(
    db: Path, delay: float, workers: int, window_days: float, quiet: bool
) -> list[dict[str, Any]]:
    from sources.demo import DEMO_BASE, DemoServer, demo_editions, demo_root

    outlets_file = demo_root() / "outlets.toml"
    summaries = []
    with DemoServer() as server:
        host, port = server.address
        if not quiet:
            err.print(
                f"demo news wire serving on http://{host}:{port} as {DEMO_BASE}", highlight=False
            )
        for edition in demo_editions():
            server.edition = edition
            summaries.append(
                _run_flow(
                    db,
                    str(outlets_file),
                    f"demo edition {edition}",
                    DEMO_BASE,
                    server.resolve,
                    delay,
                    workers,
                    window_days,
                    quiet,
                )
            )
    return summaries


SUMMARY_ROWS = (
    ("outlets polled", "outlets"),
    ("feeds and sitemaps", "feeds_polled"),
    ("  failed", "feeds_failed"),
    ("entries listed", "entries"),
    ("pages fetched", "pages_fetched"),
    ("  unchanged (304)", "pages_unchanged"),
    ("  failed", "pages_failed"),
    ("new articles", "articles_new"),
    ("new claims", "claims_new"),
    ("claim clusters", "clusters"),
    ("seconds", "seconds"),
)


def _print_summary(db: Path, summaries: list[dict[str, Any]], elapsed: float) -> None:
    table = Table(title=f"wiretrace run -> {db}", title_justify="left")
    table.add_column("")
    for s in summaries:
        table.add_column(s["label"], justify="right")
    for label, key in SUMMARY_ROWS:
        table.add_row(label, *(str(s[key]) for s in summaries))
    console.print(table)
    verdicts = summaries[-1]["verdicts"] if summaries else {}
    parts = [f"[{VERDICT_COLOURS.get(v, 'white')}]{v}[/] {n}" for v, n in sorted(verdicts.items())]
    console.print("clusters by verdict: " + (", ".join(parts) or "none"))
    errors = [e for s in summaries for e in s["errors"]]
    if errors:
        console.print(
            f"[yellow]{len(errors)} fetch or parse failures recorded[/] (see the fetches table):"
        )
        for error in errors[:10]:
            console.print(f"  - {error}", highlight=False, soft_wrap=True)
    console.print(f"done in {elapsed:.1f}s")
    console.print(
        f"next: wiretrace claims --db {db} --min-outlets 2   |   wiretrace report CLUSTER_ID --db {db}",
        highlight=False,
    )


def _read_conn(db: Path) -> Any:
    from warehouse.db import WarehouseError, connect

    try:
        return connect(db, read_only=True, wait=5.0)
    except WarehouseError as exc:
        raise fail(str(exc)) from None


@app.command()
def claims(
    db: DbOption = DEFAULT_DB,
    verdict: Annotated[str | None, typer.Option(help="Only this verdict.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only claims this outlet reported.")] = None,
    search: Annotated[
        str | None, typer.Option(help="Only claims whose text contains this.")
    ] = None,
    since: Annotated[
        datetime | None, typer.Option(help="First published at or after (UTC).")
    ] = None,
    min_outlets: Annotated[
        int, typer.Option(help="Only claims reported by at least N outlets.")
    ] = 1,
    limit: Annotated[int, typer.Option(help="Rows to show in the table (JSON shows all).")] = 50,
    json_out: Annotated[bool, typer.Option("--json", help="A JSON array for scripts.")] = False,
) -> None:
    """One row per claim cluster: verdict, outlets, independent sources, first reporter."""
    from warehouse.queries import list_claims

    conn = _read_conn(db)
    try:
        rows = list_claims(
            conn,
            verdict=verdict,
            outlet=outlet,
            search=search,
            since=since,
            min_outlets=min_outlets,
        )
    finally:
        conn.close()
    if json_out:
        print(json.dumps(rows, default=_json_default, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} claims", title_justify="left")
    for column in ("id", "verdict", "outlets", "indep.", "first", "first published (UTC)", "claim"):
        table.add_column(column)
    for row in rows[:limit]:
        colour = VERDICT_COLOURS.get(row["verdict"], "white")
        first = (
            row["first_published_at"].strftime("%Y-%m-%d %H:%M")
            if row["first_published_at"]
            else ""
        )
        table.add_row(
            row["id"],
            f"[{colour}]{row['verdict']}[/]",
            ", ".join(row["outlets"]),
            str(row["independent_sources"]),
            row["first_outlet"] or "",
            first,
            row["text"][:110],
        )
    console.print(table)


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


@app.command()
def report(
    cluster_id: Annotated[
        str, typer.Argument(help="A claim cluster id (from `wiretrace claims`).")
    ],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="text, md or json.")] = "text",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
) -> None:
    """Every mention of one claim: outlet, time, headline, URL, exact sentence, archived bytes."""
    from reports.render import FORMATS, render
    from warehouse.queries import claim_report

    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}", 2)
    conn = _read_conn(db)
    try:
        data = claim_report(conn, cluster_id)
    finally:
        conn.close()
    if data is None:
        raise fail(f"no claim cluster {cluster_id!r} in {db} (list them with `wiretrace claims`)")
    text = render(data, fmt)
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(text)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SQL query; the warehouse is opened read-only.")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run a read-only SQL query against the warehouse."""
    import duckdb

    if fmt not in ("table", "csv", "json"):
        raise fail("--format must be table, csv or json", 2)
    conn = _read_conn(db)
    try:
        cursor = conn.execute(query)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise fail(" ".join(str(exc).split())) from None
    finally:
        conn.close()
    if fmt == "json":
        print(
            json.dumps(
                [dict(zip(columns, r, strict=True)) for r in rows],
                default=_json_default,
                ensure_ascii=False,
            )
        )
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)


@app.command()
def extract(
    inputs: Annotated[
        list[str], typer.Argument(help="HTML files (.html, .html.gz), text files or URLs.")
    ],
    json_out: Annotated[
        bool, typer.Option("--json", help="One JSON object per input, per line.")
    ] = False,
    with_claims: Annotated[bool, typer.Option("--claims", help="Also print each claim.")] = False,
    sources: Annotated[
        Path | None, typer.Option("--sources", help="Outlets file for attribution aliases.")
    ] = None,
) -> None:
    """Print the Article record (and claims) extracted from pages: for when a number looks wrong."""
    from flows.inspect import extract_inputs

    failed = False
    for record in extract_inputs(inputs, with_claims=with_claims, sources=sources):
        failed = failed or "error" in record
        if json_out:
            print(json.dumps(record, default=_json_default, ensure_ascii=False))
        else:
            _print_record(record)
    if failed and len(inputs) == 1:
        raise typer.Exit(1)


def _print_record(record: dict[str, Any]) -> None:
    if "error" in record:
        err.print(f"[red]{record['input']}[/]: {record['error']}", highlight=False)
        return
    console.rule(record["input"])
    for key in (
        "title",
        "authors",
        "published_at",
        "published_source",
        "credit",
        "dateline",
        "lang",
    ):
        console.print(f"[bold]{key}[/]: {record.get(key)}", highlight=False)
    console.print(record["text"], highlight=False)
    for claim in record.get("claims", []):
        console.print(f"[cyan]{claim['start']}-{claim['end']}[/] {claim['text']}", highlight=False)
        for q in claim["quantities"]:
            console.print(f"    number: {q['raw']} = {q['value']:g} {q['unit']} {q['qualifier']}")
        for a in claim["attributions"]:
            console.print(f"    source: {a['cited']} ({a['kind']}, {a['cue']})")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
