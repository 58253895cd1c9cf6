"""`wiretrace archive show` and `wiretrace reextract`: the archived bytes behind a row, and rebuilding from them."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from wiretrace.sources.archive import StoredRecord

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="WIRETRACE_DB", help="DuckDB warehouse file.", show_default=True),
]
DEFAULT_DB = Path("wiretrace.duckdb")
# Rows derived from re-extracted fetches are replaced; rows of fetches whose WARC record is
# gone stay as they are. Claims go first: they point at their article version.
DELETE_QUANTITIES = """
DELETE FROM claim_quantities WHERE claim_id IN (
    SELECT claim_id FROM claims WHERE version_id IN (
        SELECT version_id FROM articles WHERE fetch_id IN (SELECT fetch_id FROM _rebuilt)))
"""
DELETE_ATTRIBUTIONS = DELETE_QUANTITIES.replace("claim_quantities", "claim_attributions")
DELETE_CLAIMS = """
DELETE FROM claims WHERE version_id IN (
    SELECT version_id FROM articles WHERE fetch_id IN (SELECT fetch_id FROM _rebuilt))
"""
DELETE_ARTICLES = "DELETE FROM articles WHERE fetch_id IN (SELECT fetch_id FROM _rebuilt)"

archive_app = typer.Typer(
    name="archive", help="Read the WARC archive behind the warehouse.", no_args_is_help=True
)


class ArchiveError(RuntimeError):
    """The archived bytes of a fetch cannot be shown; the message says why."""


@dataclass
class ShownFetch:
    fetch: dict[str, Any]
    record: StoredRecord
    payload: StoredRecord | None  # the response a revisit record refers to


@dataclass
class ReextractSummary:
    run_id: str
    fetches_read: int = 0
    fetches_unreadable: int = 0
    extraction_failed: int = 0
    articles_before: int = 0
    articles_after: int = 0
    versions_new: int = 0
    versions_gone: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)


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
        if not fetch["warc_file"]:
            why = fetch["error"] or "no response"
            raise ArchiveError(f"fetch {fetch_id} archived nothing: {why}")
        locations = queries.payload_locations(conn, fetch["body_sha256"])
    finally:
        conn.close()
    directory = archive_dir_for(db_path)
    path = directory / fetch["warc_file"]
    if not path.is_file():
        raise ArchiveError(f"WARC file {path} is missing")
    record = read_record(path, fetch["warc_offset"])
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
        raise _fail("--part must be all, headers or body", 2)
    try:
        shown = show_fetch(db, fetch_id)
    except (ArchiveError, WarehouseError, ValueError) as exc:
        raise _fail(str(exc)) from None
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
        print(json.dumps(data, default=str, ensure_ascii=False))
        return
    lines = [
        f"fetch      {fetch['fetch_id']}  ({fetch['purpose']}, outlet {fetch['outlet_id']}, run {fetch['run_id']})",
        f"url        {fetch['url']}",
        f"final url  {fetch['final_url']}",
        f"fetched    {fetch['fetched_at']:%Y-%m-%d %H:%M:%S %Z}",
        f"archived   {fetch['warc_file']} @ {fetch['warc_offset']}  {fetch['warc_record_id']}",
        f"payload    sha256 {fetch['body_sha256']}  ({fetch['body_size']} bytes)",
    ]
    if fetch["error"]:
        lines.append(f"error      {fetch['error']}")
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


def reextract(db_path: Path, *, window_days: float = 7.0) -> ReextractSummary:
    """Rebuild articles and claims from the archived page bytes (no network), then corroborate.

    Every distinct page payload is extracted again with the current extractors. Versions whose
    text is unchanged keep when they were first seen; versions the new extractor no longer
    produces go; rows of fetches whose WARC record cannot be read are left untouched.
    """
    import pyarrow as pa
    from wiretrace.corroboration.matching import MatchConfig
    from wiretrace.extractors.article import ExtractionError, extract_article
    from wiretrace.extractors.claims import extract_claims
    from wiretrace.flows.pipeline import corroborate_and_store, new_run_id
    from wiretrace.sources.archive import archive_dir_for, read_payload, read_record
    from wiretrace.sources.config import alias_map
    from wiretrace.warehouse import queries
    from wiretrace.warehouse.db import open_db
    from wiretrace.warehouse.load import (
        claim_table_rows,
        finish_run,
        insert_rows,
        start_run,
        transaction,
    )

    from wiretrace.records import Article, Claim, Outlet

    summary = ReextractSummary(run_id=new_run_id())
    directory = archive_dir_for(db_path)
    with open_db(db_path) as conn:
        start_run(conn, summary.run_id, "reextract")
        sources = queries.reextract_sources(conn)
        published = queries.feed_published(conn)
        first_seen = queries.article_first_seen(conn)
        outlets = [
            Outlet(
                id=r[0],
                name=r[1],
                kind="wire" if r[2] == "wire" else "outlet",
                timezone=r[3],
                aliases=tuple(r[4]),
            )
            for r in queries.outlet_rows(conn)
        ]
        locations = {sha: queries.payload_locations(conn, sha) for sha in {s[5] for s in sources}}
    summary.articles_before = len(first_seen)
    aliases = alias_map(outlets)
    rebuilt: list[str] = []
    articles: dict[str, tuple[Article, datetime, str]] = {}
    claims: list[Claim] = []
    for fetch_id, run_id, outlet_id, url, fetched_at, sha, warc_file, offset in sources:
        try:
            record = read_record(directory / warc_file, offset)
            if record.record_type != "response":
                record = read_payload(directory, locations.get(sha, [])) or record
        except (OSError, ValueError) as exc:
            summary.fetches_unreadable += 1
            summary.errors.append(f"{fetch_id} {url}: unreadable WARC record: {exc}")
            continue
        if record.record_type != "response":
            summary.fetches_unreadable += 1
            summary.errors.append(f"{fetch_id} {url}: the revisited payload is not in the archive")
            continue
        rebuilt.append(fetch_id)
        summary.fetches_read += 1
        try:
            article = extract_article(
                record.body,
                url=url,
                outlet_id=outlet_id,
                fetch_id=fetch_id,
                feed_published_at=published.get(url),
                fetched_at=fetched_at,
                content_type=dict((k.lower(), v) for k, v in record.headers).get(
                    "content-type", ""
                ),
            )
        except ExtractionError as exc:
            summary.extraction_failed += 1
            summary.errors.append(f"{fetch_id} {url}: extraction failed: {exc}")
            continue
        if article.version_id in articles:
            continue  # the same text from a later payload (a changed ad slot): one version
        seen_at, seen_run = first_seen.get(article.version_id, (fetched_at, run_id))
        articles[article.version_id] = (article, seen_at, seen_run)
        claims.extend(extract_claims(article, aliases=aliases))
    summary.claims = len(claims)
    summary.versions_new = sum(1 for v in articles if v not in first_seen)
    with open_db(db_path) as conn, transaction(conn):
        conn.register("_rebuilt", pa.table({"fetch_id": pa.array(rebuilt, pa.string())}))
        try:
            before = {r[0] for r in conn.execute("SELECT version_id FROM articles").fetchall()}
            for statement in (
                DELETE_QUANTITIES,
                DELETE_ATTRIBUTIONS,
                DELETE_CLAIMS,
                DELETE_ARTICLES,
            ):
                conn.execute(statement)
        finally:
            conn.unregister("_rebuilt")
        insert_rows(
            conn,
            "articles",
            [
                _article_row(article, seen_at, seen_run)
                for article, seen_at, seen_run in articles.values()
            ],
        )
        claim_rows, quantity_rows, attribution_rows = claim_table_rows(claims)
        insert_rows(conn, "claims", claim_rows)
        insert_rows(conn, "claim_quantities", quantity_rows)
        insert_rows(conn, "claim_attributions", attribution_rows)
        after = {r[0] for r in conn.execute("SELECT version_id FROM articles").fetchall()}
    summary.versions_gone = len(before - after)
    summary.articles_after = len(after)
    # Everything is matched again (the new extractor's sentences may differ under the same
    # claim ids) and stories are regrouped, in the same transactions as a run's.
    corroborate_and_store(
        db_path,
        list(outlets),
        MatchConfig(window=MatchConfig().window * (window_days / 7.0)),
        full=True,
    )
    with open_db(db_path) as conn:
        counts = {k: v for k, v in asdict(summary).items() if k not in ("errors", "run_id")}
        finish_run(conn, summary.run_id, status="completed", counts=counts, errors=summary.errors)
    return summary


def _article_row(article: Any, first_seen_at: datetime, run_id: str) -> dict[str, Any]:
    row = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(article).items()}
    return dict(row, first_seen_at=first_seen_at.astimezone(UTC), run_id=run_id)


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
    from wiretrace.warehouse.db import WarehouseError

    if not db.exists():
        raise _fail(f"no warehouse at {db}: run `wiretrace run` first")
    try:
        with run_lock(db, wait=wait):
            summary = reextract(db, window_days=window_days)
    except (RunLocked, WarehouseError) as exc:
        raise _fail(str(exc)) from None
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


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)
