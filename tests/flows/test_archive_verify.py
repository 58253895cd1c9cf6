"""`wiretrace archive verify [--prune-orphans]` on the archive of a real small ingest."""

from __future__ import annotations

import threading
import zlib
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from ingest_support import LocalServer, ingest_once, local_server, static
from typer.testing import CliRunner

from wiretrace.flows.cli import app
from wiretrace.flows.lock import run_lock
from wiretrace.records import Outlet
from wiretrace.sources.archive import (
    GZIP_LEVEL,
    WarcArchive,
    archive_dir_for,
    archive_files,
    check_archive,
    scan_warc,
)
from wiretrace.sources.fetch import Response

PAGES = Path(__file__).parents[1] / "fixtures" / "real" / "pages"
NEPAL = PAGES / "reuters__fundus_Reuters_2023_05_16.html"
TANK = PAGES / "reuters__fundus_Reuters_2024_03_07.html"


@pytest.fixture
def server():
    yield from local_server()


@pytest.fixture
def warehouse(server: LocalServer, tmp_path: Path) -> Path:
    """Two ingests of a feed of two real pages, one reached through a redirect: responses,
    revisits (the second ingest gets the same bytes) and a redirect hop no row points at."""
    items = "".join(
        f"<item><title>{p}</title><link>{server.base}{p}</link></item>"
        for p in ("/news/nepal", "/old/tank")
    )

    def feed(edition: int) -> None:
        server.routes["/rss"] = static(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            f"<lastBuildDate>edition {edition}</lastBuildDate>{items}</channel></rss>",
            content_type="application/rss+xml",
        )

    feed(1)
    server.routes["/news/nepal"] = static(NEPAL.read_bytes())
    server.routes["/old/tank"] = static(b"", status=301, headers={"Location": "/news/tank"})
    server.routes["/news/tank"] = static(TANK.read_bytes())
    outlets = [Outlet(id="local", name="Local", allow_private=True, feeds=(server.url("/rss"),))]
    db = tmp_path / "w.duckdb"
    ingest_once(db, outlets)
    feed(2)  # the feed changes, so its pages are asked again and answer the same bytes
    ingest_once(db, outlets)
    return db


def verify(db: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["archive", "verify", "--db", str(db), *args])


def page_rows(db: Path) -> list[tuple[str, str, int]]:
    """(fetch id, WARC file, offset) of the page fetches that archived a full response."""
    with duckdb.connect(str(db), read_only=True) as conn:
        rows = conn.execute(
            "SELECT fetch_id, warc_file, warc_offset FROM fetches "
            "WHERE purpose = 'page' AND status = 200 ORDER BY fetched_at"
        ).fetchall()
    directory = archive_dir_for(db)
    kinds = {
        (path.name, r.offset): r.record_type
        for path in archive_files(directory)
        for r in scan_warc(path)
    }
    return [row for row in rows if kinds[(row[1], row[2])] == "response"]


def rewrite_member(db: Path, warc_file: str, offset: int, new: bytes | None) -> None:
    """Replace (or, with None, drop) the gzip member at `offset`, moving the members after it and
    the rows that point at them, as an archive tool rewriting the file would."""
    path = archive_dir_for(db) / warc_file
    data = path.read_bytes()
    members = scan_warc(path)
    rebuilt = b""
    moved: dict[int, int] = {}
    for member in members:
        moved[member.offset] = len(rebuilt)
        if member.offset == offset:
            rebuilt += new if new is not None else b""
        else:
            rebuilt += data[member.offset : member.offset + member.length]
    path.write_bytes(rebuilt)
    with duckdb.connect(str(db)) as conn:
        rows = conn.execute(
            "SELECT fetch_id, warc_offset FROM fetches WHERE warc_file = ?", [warc_file]
        ).fetchall()
        for fetch_id, old in rows:
            if old != offset:
                conn.execute(
                    "UPDATE fetches SET warc_offset = ? WHERE fetch_id = ?", [moved[old], fetch_id]
                )


def member_at(db: Path, warc_file: str, offset: int) -> bytes:
    path = archive_dir_for(db) / warc_file
    length = next(m.length for m in scan_warc(path) if m.offset == offset)
    return path.read_bytes()[offset : offset + length]


def test_the_archive_of_a_real_ingest_verifies_clean(warehouse: Path):
    result = verify(warehouse)
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        archived = conn.execute("SELECT count(*) FROM fetches WHERE warc_file <> ''").fetchone()
        revisits = conn.execute(
            "SELECT count(*) FROM fetches WHERE purpose = 'page' AND warc_file <> '' "
            "AND body_sha256 IN (SELECT body_sha256 FROM fetches GROUP BY 1 HAVING count(*) > 1)"
        ).fetchone()
    assert archived is not None and revisits is not None and revisits[0] >= 2
    summary = result.output.strip().splitlines()[-1]
    assert f": {archived[0]} fetches checked against" in summary
    assert summary.endswith(": clean")
    # The redirect hop is archived with no row of its own: the chain to a row's bytes, kept.
    records = [r for path in archive_files(archive_dir_for(warehouse)) for r in scan_warc(path)]
    assert any(r.uri.endswith("/old/tank") for r in records)


def test_a_changed_payload_byte_is_a_digest_mismatch(warehouse: Path):
    fetch_id, warc_file, offset = page_rows(warehouse)[0]
    record = zlib.decompress(member_at(warehouse, warc_file, offset), 16 + zlib.MAX_WBITS)
    at = record.index(b"</title>") - 1  # inside the HTTP payload, after both header blocks
    corrupted = record[:at] + bytes([record[at] ^ 0x01]) + record[at + 1 :]
    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    rewrite_member(warehouse, warc_file, offset, packer.compress(corrupted) + packer.flush())

    result = verify(warehouse)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    problems = [line for line in lines if line.startswith("digest-mismatch")]
    assert len(problems) == 1 and f"(fetch {fetch_id})" in problems[0], result.output
    # The second ingest's revisit of those bytes has lost the record that holds them.
    repeats = [line for line in lines if line.startswith("revisit:")]
    assert len(repeats) == 1 and "no response record" in repeats[0], result.output
    assert lines[-1].endswith(": 2 problems")


def test_a_flipped_byte_in_the_compressed_file_is_an_unreadable_record(warehouse: Path):
    fetch_id, warc_file, offset = page_rows(warehouse)[0]
    path = archive_dir_for(warehouse) / warc_file
    data = bytearray(path.read_bytes())
    data[offset + len(member_at(warehouse, warc_file, offset)) // 2] ^= 0xFF
    path.write_bytes(bytes(data))

    result = verify(warehouse)
    assert result.exit_code == 1
    assert any(
        line.startswith("unreadable:") and f"(fetch {fetch_id})" in line
        for line in result.output.splitlines()
    ), result.output
    # Each record is its own gzip member: the records after the damaged one still verify.
    assert sum(1 for line in result.output.splitlines() if line.startswith("unreadable")) == 1


def test_a_deleted_record_is_missing(warehouse: Path):
    fetch_id, warc_file, offset = page_rows(warehouse)[0]
    rewrite_member(warehouse, warc_file, offset, None)

    result = verify(warehouse)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if f"(fetch {fetch_id})" in line]
    assert len(lines) == 1 and lines[0].startswith("missing-record:"), result.output


def test_a_deleted_warc_file_is_missing(warehouse: Path):
    _, warc_file, _ = page_rows(warehouse)[0]
    (archive_dir_for(warehouse) / warc_file).unlink()
    result = verify(warehouse)
    assert result.exit_code == 1
    assert f"missing-file: {warc_file}" in result.output


def test_orphans_are_listed_and_removed_only_with_prune_orphans(warehouse: Path):
    directory = archive_dir_for(warehouse)
    files_before = {p.name: p.read_bytes() for p in archive_files(directory)}
    # A run killed before its load: its records are in a file of its own, no row points to them.
    killed = WarcArchive(directory, "wiretrace-20250101T000000Z-dead00-pages")
    for n in range(2):
        killed.write(
            Response(
                f"http://x.example/{n}",
                f"http://x.example/{n}",
                200,
                None,
                datetime(2025, 6, 13, tzinfo=UTC),
                (("Content-Type", "text/html"),),
                f"<p>page {n}</p>".encode(),
            )
        )
    # ...and a record cut off mid-write at the end of a file rows point into.
    _, warc_file, offset = page_rows(warehouse)[0]
    torn = member_at(warehouse, warc_file, offset)
    with (directory / warc_file).open("ab") as handle:
        handle.write(torn[: len(torn) // 2])
    damaged = {p.name: p.read_bytes() for p in archive_files(directory)}

    listed = verify(warehouse)
    assert listed.exit_code == 1
    orphans = [line for line in listed.output.splitlines() if line.startswith("orphan:")]
    assert len(orphans) == 3, listed.output
    assert sum("cut off mid-write" in line for line in orphans) == 1
    assert "3 orphans (remove them with --prune-orphans)" in listed.output
    assert {p.name: p.read_bytes() for p in archive_files(directory)} == damaged  # untouched

    pruned = verify(warehouse, "--prune-orphans")
    assert pruned.exit_code == 0, pruned.output
    assert "3 orphans pruned" in pruned.output.splitlines()[-1]
    # The killed run's file is gone; the torn tail is cut; every other byte is as it was.
    assert {p.name: p.read_bytes() for p in archive_files(directory)} == files_before

    again = verify(warehouse)
    assert again.exit_code == 0 and again.output.strip().endswith(": clean")


def test_a_damaged_span_before_records_rows_name_is_a_problem_not_a_prunable_orphan(
    warehouse: Path,
):
    # Bytes that are no record, inside a file, with a row's record after them: removing them
    # would move that record, so they are reported and kept.
    _, warc_file, offset = page_rows(warehouse)[-1]
    path = archive_dir_for(warehouse) / warc_file
    data = path.read_bytes()
    garbage = b"\x1f\x8b\x08" + b"\x00" * 40  # a gzip header that inflates to nothing
    path.write_bytes(data[:offset] + garbage + data[offset:])
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute(
            "UPDATE fetches SET warc_offset = warc_offset + ? WHERE warc_file = ? "
            "AND warc_offset >= ?",
            [len(garbage), warc_file, offset],
        )
    check = check_archive(
        _archived(warehouse), {p.name: scan_warc(p) for p in archive_files(path.parent)}
    )
    assert not check.orphans
    assert [(p.kind, p.offset) for p in check.problems] == [("unreadable", offset)]
    result = verify(warehouse, "--prune-orphans")
    assert result.exit_code == 1 and path.read_bytes()[offset : offset + 3] == b"\x1f\x8b\x08"


def test_verify_waits_for_a_run_holding_the_lock_and_never_prunes_under_it(warehouse: Path):
    held, release = threading.Event(), threading.Event()

    def a_run() -> None:
        with run_lock(warehouse, wait=5):
            held.set()
            release.wait(30)

    runner = threading.Thread(target=a_run)
    runner.start()
    try:
        assert held.wait(10)
        result = verify(warehouse, "--prune-orphans", "--wait", "0")
    finally:
        release.set()
        runner.join()
    assert result.exit_code == 1
    assert "another wiretrace run is writing" in result.output


def test_verify_without_a_warehouse_says_so(tmp_path: Path):
    result = verify(tmp_path / "none.duckdb")
    assert result.exit_code == 1 and "no warehouse at" in result.output


def _archived(db: Path):  # type: ignore[no-untyped-def]
    from wiretrace.warehouse.archive_check import archived_fetches
    from wiretrace.warehouse.db import connect

    conn = connect(db, read_only=True)
    try:
        return archived_fetches(conn)
    finally:
        conn.close()
