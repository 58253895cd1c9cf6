"""The `wiretrace archive show|verify` and `wiretrace reextract` commands (the work is in sources.archive and flows.reextract)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wiretrace.flows.common import DEFAULT_DB, DbOption, console, fail
from wiretrace.jsonout import dumps

if TYPE_CHECKING:
    from wiretrace.records import Fetch
    from wiretrace.sources.archive import ArchiveProblem, Orphan, StoredRecord

archive_app = typer.Typer(
    name="archive", help="Read the WARC archive behind the warehouse.", no_args_is_help=True
)


class ArchiveError(RuntimeError):
    """The archived bytes of a fetch cannot be shown; the message says why."""


@dataclass
class ShownFetch:
    fetch: Fetch
    record: StoredRecord
    payload: StoredRecord | None  # the response a revisit record refers to


def show_fetch(db_path: Path, fetch_id: str) -> ShownFetch:
    """The archived response of one fetch, and for a revisit the record that holds its bytes."""
    from wiretrace.sources.archive import archive_dir_for, read_payload, read_record
    from wiretrace.warehouse import queries
    from wiretrace.warehouse.db import connect

    conn = connect(db_path, read_only=True, wait=5.0)
    try:
        fetch = queries.fetch_by_id(conn, fetch_id)
        if fetch is None:
            raise ArchiveError(f"no fetch {fetch_id!r} in {db_path}")
        if not fetch.warc_file:
            why = fetch.error or "no response"
            raise ArchiveError(f"fetch {fetch_id} archived nothing: {why}")
        locations = queries.payload_locations(conn, fetch.body_sha256)
    finally:
        conn.close()
    directory = archive_dir_for(db_path)
    path = directory / fetch.warc_file
    if not path.is_file():
        raise ArchiveError(f"WARC file {path} is missing")
    record = read_record(path, fetch.warc_offset)
    payload = read_payload(directory, locations) if record.record_type == "revisit" else None
    return ShownFetch(fetch, record, payload)


@archive_app.command("show")
def show_command(
    fetch_id: Annotated[str, typer.Argument(help="A fetch id (fetches.fetch_id).")],
    db: DbOption = DEFAULT_DB,
    part: Annotated[
        str, typer.Option("--part", help="all, headers or body (body: the raw bytes).")
    ] = "all",
    json_out: Annotated[bool, typer.Option("--json", help="Metadata and headers as JSON.")] = False,
) -> None:
    """Print the archived HTTP response of one fetch: status, headers and body."""
    from wiretrace.extractors.encoding import decode_html
    from wiretrace.warehouse.db import WarehouseError

    if part not in ("all", "headers", "body"):
        raise fail("--part must be all, headers or body", 2)
    try:
        shown = show_fetch(db, fetch_id)
    except (ArchiveError, WarehouseError, ValueError) as exc:
        raise fail(str(exc)) from None
    record, fetch = shown.record, shown.fetch
    body_record = shown.payload or record
    if part == "body":
        sys.stdout.buffer.write(body_record.body)
        return
    if json_out:
        data = {
            "fetch": fetch,
            "record_type": record.record_type,
            "status_line": record.status_line,
            "headers": [list(h) for h in record.headers],
            "warc_headers": [list(h) for h in record.warc_headers],
            "refers_to": record.refers_to_uri,
            "body_size": len(body_record.body),
        }
        print(dumps(data))
        return
    lines = [
        f"fetch      {fetch.fetch_id}  ({fetch.purpose}, outlet {fetch.outlet_id}, run {fetch.run_id})",
        f"url        {fetch.url}",
        f"final url  {fetch.final_url}",
        f"fetched    {fetch.fetched_at:%Y-%m-%d %H:%M:%S %Z}",
        f"archived   {fetch.warc_file} @ {fetch.warc_offset}  {fetch.warc_record_id}",
        f"payload    sha256 {fetch.body_sha256}  ({fetch.body_size} bytes)",
    ]
    if fetch.error:
        lines.append(f"error      {fetch.error}")
    if record.record_type == "revisit":
        where = "found" if shown.payload else "NOT found in the archive"
        lines.append(
            f"revisit    identical payload first captured at {record.refers_to_uri} ({where})"
        )
    lines.append("")
    lines.append(record.status_line)
    lines.extend(f"{key}: {value}" for key, value in record.headers)
    sys.stdout.write("\n".join(lines) + "\n")
    if part == "all":
        content_type = dict((k.lower(), v) for k, v in record.headers).get("content-type", "")
        sys.stdout.write("\n" + decode_html(body_record.body, content_type) + "\n")


@dataclass(frozen=True, slots=True)
class ArchiveVerification:
    """What `verify_archive` found, and what it removed when asked to prune."""

    fetches_checked: int
    files: int
    records: int
    size: int  # bytes of WARC read
    problems: tuple[ArchiveProblem, ...]
    orphans: tuple[Orphan, ...]  # removed when `pruned`
    pruned: bool = False
    freed: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.problems) or (bool(self.orphans) and not self.pruned)


def verify_archive(
    db_path: Path,
    *,
    prune: bool = False,
    wait: float = 60.0,
    progress: Callable[[int], None] | None = None,
) -> ArchiveVerification:
    """Check every `fetches` row against its WARC record; with `prune`, remove the orphans.

    Holds the run lock throughout: a running run's records have no rows until its load, and
    must be neither reported nor removed. `progress` is told each step's bytes read.
    """
    from wiretrace.flows.lock import run_lock
    from wiretrace.sources.archive import (
        archive_dir_for,
        archive_files,
        check_archive,
        prune_orphans,
        scan_warc,
    )
    from wiretrace.warehouse.archive_check import archived_fetches
    from wiretrace.warehouse.db import connect

    directory = archive_dir_for(db_path)
    with run_lock(db_path, wait=wait):
        conn = connect(db_path, read_only=True, wait=5.0)
        try:
            fetches = archived_fetches(conn)
        finally:
            conn.close()
        paths = archive_files(directory)
        size = sum(path.stat().st_size for path in paths)
        scanned = {path.name: scan_warc(path, progress=progress) for path in paths}
        check = check_archive(fetches, scanned)
        freed = prune_orphans(directory, check)[1] if prune and check.orphans else 0
    return ArchiveVerification(
        fetches_checked=check.fetches_checked,
        files=check.files,
        records=check.records,
        size=size,
        problems=check.problems,
        orphans=check.orphans,
        pruned=prune,
        freed=freed,
    )


@archive_app.command("verify")
def verify_command(
    db: DbOption = DEFAULT_DB,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune-orphans",
            help="Remove records no fetches row points to (a killed run's), rewriting their files.",
        ),
    ] = False,
    wait: Annotated[float, typer.Option(help="Seconds to wait for a run holding the db.")] = 60.0,
) -> None:
    """Check that every fetch's WARC record exists and holds its payload; list (or prune) orphans.

    Exits 1 with one line per problem: a missing file or record, an unreadable record, a payload
    whose sha256 is not the row's; and, unless pruned, each record no row points to.
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from wiretrace.flows.lock import RunLocked
    from wiretrace.sources.archive import archive_dir_for, archive_files
    from wiretrace.warehouse.db import WarehouseError

    if not db.exists():
        raise fail(f"no warehouse at {db}: run `wiretrace run` first")
    directory = archive_dir_for(db)
    total = sum(path.stat().st_size for path in archive_files(directory))
    progress = Progress(
        TextColumn("verifying the archive"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    try:
        with progress:
            bar = progress.add_task("verify", total=total)
            found = verify_archive(
                db, prune=prune, wait=wait, progress=lambda n: progress.advance(bar, n)
            )
    except (RunLocked, WarehouseError, OSError) as exc:
        raise fail(str(exc)) from None
    for problem in found.problems:
        print(problem.line)
    for orphan in found.orphans:
        print(("pruned " if found.pruned else "") + orphan.line)
    print(_verification_summary(directory, found))
    if found.failed:
        raise typer.Exit(1)


def _verification_summary(directory: Path, found: ArchiveVerification) -> str:
    head = (
        f"{directory}: {found.fetches_checked} fetches checked against {found.records} records "
        f"in {found.files} WARC files ({found.size:,} bytes)"
    )
    parts = []
    if found.problems:
        parts.append(f"{len(found.problems)} problem{'s' * (len(found.problems) != 1)}")
    if found.orphans:
        orphans = f"{len(found.orphans)} orphan{'s' * (len(found.orphans) != 1)}"
        if found.pruned:
            orphans += f" pruned ({found.freed:,} bytes freed)"
        else:
            orphans += " (remove them with --prune-orphans)"
        parts.append(orphans)
    return f"{head}: {', '.join(parts) if parts else 'clean'}"


def reextract_command(
    db: DbOption = DEFAULT_DB,
    window_days: Annotated[
        float, typer.Option(help="Only claims this close in time are compared.")
    ] = 7.0,
    wait: Annotated[float, typer.Option(help="Seconds to wait for a run holding the db.")] = 60.0,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Rebuild articles and claims from the WARC archive with the current extractors (no network)."""
    from wiretrace.flows.lock import RunLocked, run_lock
    from wiretrace.flows.reextract import reextract
    from wiretrace.warehouse.db import WarehouseError

    if not db.exists():
        raise fail(f"no warehouse at {db}: run `wiretrace run` first")
    try:
        with run_lock(db, wait=wait):
            summary = reextract(db, window_days=window_days)
    except (RunLocked, WarehouseError) as exc:
        raise fail(str(exc)) from None
    if json_out:
        print(json.dumps(asdict(summary), default=str))
        return
    print(
        f"re-extracted {summary.fetches_read} archived pages "
        f"({summary.fetches_unreadable} unreadable, {summary.extraction_failed} without article text): "
        f"{summary.articles_before} -> {summary.articles_after} article versions "
        f"({summary.versions_new} new, {summary.versions_gone} gone), {summary.claims} claims"
    )
    for error in summary.errors[:10]:
        print(f"  - {error}")
