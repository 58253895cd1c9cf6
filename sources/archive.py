"""Write every HTTP response to gzipped WARC files, storing identical payloads once."""

from __future__ import annotations

import base64
import hashlib
import io
import mmap
import os
import threading
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wiretrace.records import Fetch, FirstCapture
from wiretrace.sources.fetch import Response

DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024
GZIP_LEVEL = 4
# Headers that describe the transfer, not the payload: the body we store is decoded.
TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(frozen=True, slots=True)
class ArchivedRecord:
    warc_file: str  # file name, relative to the archive directory
    offset: int
    record_id: str
    payload_sha256: str
    revisit: bool


def sha256_hex(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def archive_dir_for(db_path: Path) -> Path:
    """The WARC files of a warehouse live next to it: `<db name>-archive/`."""
    return db_path.with_name(db_path.stem + "-archive")


class WarcArchive:
    """Appends records to `<prefix>-NNNNN.warc.gz` in `directory`, rolling files by size.

    `known` maps payload sha256 to the first capture of that payload (from the warehouse), so a
    payload already archived by an earlier run is written as a WARC revisit record, not again.
    """

    def __init__(
        self,
        directory: Path,
        prefix: str,
        *,
        known: Mapping[str, FirstCapture] | None = None,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    ) -> None:
        self.directory = directory
        self.prefix = prefix
        self.max_file_bytes = max_file_bytes
        self.known: dict[str, FirstCapture] = dict(known or {})
        self._sequence = 0
        self._path: Path | None = None
        self._lock = threading.Lock()

    def _current_file(self) -> Path:
        if self._path is None or self._path.stat().st_size >= self.max_file_bytes:
            self.directory.mkdir(parents=True, exist_ok=True)
            while True:
                self._sequence += 1
                path = self.directory / f"{self.prefix}-{self._sequence:05d}.warc.gz"
                if not path.exists():
                    break
            path.touch()
            self._path = path
        return self._path

    def write(self, response: Response) -> ArchivedRecord:
        """Archive one response (status, headers, decoded body); returns where it went.

        Safe from many threads: the record is built and compressed outside the lock (zlib
        releases the GIL), and only appending its bytes to the current file is serialised.
        """
        digest = sha256_hex(response.body)
        status = response.status or 0
        headers = [(k, v) for k, v in response.headers if k.lower() not in TRANSFER_HEADERS]
        headers.append(("Content-Length", str(len(response.body))))
        http_headers = StatusAndHeaders(
            f"{status} {response.reason or ''}".strip(), headers, protocol=response.http_version
        )
        date = response.fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        warc_headers = {"WARC-Date": date, "WARC-Payload-Digest-SHA256": digest}
        if response.truncated:
            # The body was cut off or not read (size, time, type): say so, as WARC does.
            warc_headers["WARC-Truncated"] = response.truncated
        with self._lock:
            first = self.known.get(digest) if response.body else None
            if first is None and response.body:
                # Claimed now, so a concurrent copy of the same payload becomes a revisit.
                self.known[digest] = FirstCapture(response.final_url, date)
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=False)
        if first is not None:
            record = writer.create_revisit_record(
                response.final_url,
                _sha1_digest(response.body),
                first.uri,
                first.date,
                http_headers=http_headers,
                warc_headers_dict=warc_headers,
            )
        else:
            record = writer.create_warc_record(
                response.final_url,
                "response",
                payload=io.BytesIO(response.body),
                length=len(response.body),
                http_headers=http_headers,
                warc_headers_dict=warc_headers,
            )
        writer.write_record(record)
        # One gzip member per record (what readers seek to). Level 4, not warcio's 9: on real
        # news pages 5% larger at less than half the time, and compression is the hot spot.
        packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        member = packer.compress(buffer.getvalue()) + packer.flush()
        with self._lock:
            path = self._current_file()
            with path.open("ab") as handle:
                offset = handle.tell()
                handle.write(member)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        return ArchivedRecord(path.name, offset, record_id, digest, first is not None)


def _sha1_digest(body: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


@dataclass(frozen=True, slots=True)
class StoredRecord:
    uri: str
    record_type: str
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    refers_to_uri: str
    warc_headers: tuple[tuple[str, str], ...] = ()
    status_line: str = ""

    @property
    def payload_sha256(self) -> str:
        return dict(self.warc_headers).get("WARC-Payload-Digest-SHA256", "")


def read_record(path: Path, offset: int) -> StoredRecord:
    """Read the record at `offset` of a WARC file (the chain from a row back to its bytes)."""
    with path.open("rb") as handle:
        handle.seek(offset)
        for record in ArchiveIterator(handle):
            http = record.http_headers
            return StoredRecord(
                uri=record.rec_headers.get_header("WARC-Target-URI") or "",
                record_type=record.rec_type,
                status=http.get_statuscode() if http else "",
                headers=tuple(http.headers) if http else (),
                body=record.content_stream().read(),
                refers_to_uri=record.rec_headers.get_header("WARC-Refers-To-Target-URI") or "",
                warc_headers=tuple(record.rec_headers.headers),
                status_line=f"{http.protocol} {http.statusline}" if http else "",
            )
    raise ValueError(f"no WARC record at {path}:{offset}")


def read_payload(directory: Path, locations: Iterable[tuple[str, int]]) -> StoredRecord | None:
    """The first full response among `locations` (file, offset): where a revisit's bytes are.

    Missing files are passed over: an archive moved in part still answers what it can.
    """
    for warc_file, offset in locations:
        path = directory / warc_file
        if not warc_file or offset < 0 or not path.is_file():
            continue
        record = read_record(path, offset)
        if record.record_type == "response":
            return record
    return None


# ---- Checking the archive against the warehouse (`wiretrace archive verify`) -------------------

GZIP_MAGIC = b"\x1f\x8b\x08"
# Bytes handed to zlib at a time: a record is one gzip member, usually a few kB; a window this
# size reads most in one step without copying the rest of a file into zlib's unused_data.
INFLATE_WINDOW = 64 * 1024
# An interrupted prune leaves its unrenamed copy behind under this suffix.
PRUNE_SUFFIX = ".prune-tmp"
WARC_SUFFIX = ".warc.gz"


@dataclass(frozen=True, slots=True)
class ScannedRecord:
    """One gzip member of a WARC file as read back: a record, or bytes that cannot be read."""

    offset: int
    length: int  # bytes in the file
    record_type: str = ""  # response, revisit; "" when the bytes are not a readable record
    record_id: str = ""
    uri: str = ""
    declared_sha256: str = ""  # WARC-Payload-Digest-SHA256, as written
    payload_sha256: str = ""  # of the payload read back; "" for a revisit (it has none)
    damage: str = ""  # why these bytes are not a record; "" when whole


@dataclass(frozen=True, slots=True)
class ArchiveProblem:
    """Something a `fetches` row promises that the archive does not hold."""

    warc_file: str
    offset: int
    fetch_id: str
    kind: str  # missing-file, missing-record, unreadable, digest-mismatch, revisit
    reason: str

    @property
    def line(self) -> str:
        where = f"{self.warc_file}@{self.offset}" if self.offset >= 0 else self.warc_file
        fetch = f" (fetch {self.fetch_id})" if self.fetch_id else ""
        return f"{self.kind}: {where}{fetch}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Orphan:
    """Bytes of the archive no row points to: a killed run's records, or a record cut off."""

    warc_file: str
    offset: int
    length: int
    uri: str
    reason: str
    damaged: bool = False

    @property
    def line(self) -> str:
        what = self.uri or "unreadable bytes"
        return f"orphan: {self.warc_file}@{self.offset} ({self.length} bytes) {what}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ArchiveCheck:
    """What `check_archive` found: problems (rows the archive fails) and orphans (removable)."""

    fetches_checked: int
    files: int
    records: int
    problems: tuple[ArchiveProblem, ...] = ()
    orphans: tuple[Orphan, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.problems and not self.orphans


def archive_files(directory: Path) -> list[Path]:
    """The WARC files of an archive, and copies an interrupted prune left, by name."""
    if not directory.is_dir():
        return []
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and (p.name.endswith(WARC_SUFFIX) or p.name.endswith(PRUNE_SUFFIX))
    )


def scan_warc(path: Path, *, progress: Callable[[int], None] | None = None) -> list[ScannedRecord]:
    """Every gzip member of one WARC file, read back with its payload digest computed.

    A member that does not inflate (a flipped byte, a record cut off mid-write) becomes one
    damaged span up to the next gzip header, so the records after it are still read.
    `progress` is told how many bytes each step moved past.
    """
    size = path.stat().st_size
    if size == 0:
        return []
    scanned: list[ScannedRecord] = []
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
        offset = 0
        while offset < size:
            data, length, damage = _inflate_member(view, offset, size)
            if data is None:
                following = view.find(GZIP_MAGIC, offset + 1)
                length = (following if following > 0 else size) - offset
                scanned.append(ScannedRecord(offset, length, damage=damage))
            else:
                scanned.append(_parse_record(data, offset, length))
            offset += length
            if progress is not None:
                progress(length)
    return scanned


def _inflate_member(view: mmap.mmap, offset: int, size: int) -> tuple[bytes | None, int, str]:
    """(inflated bytes, member length, "") for the gzip member at `offset`, or (None, 0, why)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip framing: its CRC is checked
    parts: list[bytes] = []
    position = offset
    while position < size:
        chunk = view[position : position + INFLATE_WINDOW]
        try:
            parts.append(inflater.decompress(chunk))
        except zlib.error as exc:
            return None, 0, f"not a whole gzip member ({exc})"
        if inflater.eof:
            end = position + len(chunk) - len(inflater.unused_data)
            return b"".join(parts), end - offset, ""
        position += len(chunk)
    return None, 0, "cut off mid-write"


def _parse_record(data: bytes, offset: int, length: int) -> ScannedRecord:
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            headers = record.rec_headers
            body = record.content_stream().read()
            kind = record.rec_type or ""
            return ScannedRecord(
                offset,
                length,
                record_type=kind,
                record_id=headers.get_header("WARC-Record-ID") or "",
                uri=headers.get_header("WARC-Target-URI") or "",
                declared_sha256=headers.get_header("WARC-Payload-Digest-SHA256") or "",
                payload_sha256=sha256_hex(body) if kind == "response" else "",
            )
    except Exception as exc:  # warcio raises several types on a malformed record
        return ScannedRecord(offset, length, damage=f"not a WARC record ({exc})")
    return ScannedRecord(offset, length, damage="not a WARC record (empty)")


def check_archive(
    fetches: Iterable[Fetch], files: Mapping[str, Sequence[ScannedRecord]]
) -> ArchiveCheck:
    """Each row's record exists and holds its payload; bytes no row points to are orphans.

    A file no row points into holds only orphans (a run killed before its load, or a task
    attempt Prefect retried): every record in it. In a file rows point into, records no row
    names are the chain to a row's response (redirect hops, retried attempts) and are kept; only
    damaged bytes after the last record a row names (a record cut off mid-write) are orphans,
    since removing anything before a named record would move it.
    """
    rows = [f for f in fetches if f.warc_file]
    at = {(name, r.offset): r for name, records in files.items() for r in records}
    named = {(row.warc_file, row.warc_offset) for row in rows}
    referenced: dict[str, int] = {}  # file -> the last offset a row names
    for row in rows:
        referenced[row.warc_file] = max(referenced.get(row.warc_file, -1), row.warc_offset)
    # Payloads a response record a row names holds whole: what a revisit may refer to.
    held = {
        r.payload_sha256
        for row in rows
        if (r := at.get((row.warc_file, row.warc_offset))) is not None
        and r.record_type == "response"
        and r.payload_sha256 == r.declared_sha256
    }
    problems = [p for row in rows if (p := _row_problem(row, files, at, held)) is not None]
    orphans: list[Orphan] = []
    for name, records in files.items():
        last = referenced.get(name)
        if last is None:
            why = "no fetches row points into this file"
            if not records:
                orphans.append(Orphan(name, 0, 0, "", f"{why} (empty)"))
            for r in records:
                reason = f"{why}; {r.damage}" if r.damage else why
                orphans.append(Orphan(name, r.offset, r.length, r.uri, reason, bool(r.damage)))
            continue
        for r in records:
            if not r.damage:
                continue
            if r.offset > last:
                orphans.append(Orphan(name, r.offset, r.length, "", r.damage, damaged=True))
            elif (name, r.offset) not in named:  # a named one is already the row's problem
                problems.append(
                    ArchiveProblem(
                        name,
                        r.offset,
                        "",
                        "unreadable",
                        f"{r.length} bytes that are no record ({r.damage}), before records rows "
                        "name: kept, as removing them would move those records",
                    )
                )
    return ArchiveCheck(
        fetches_checked=len(rows),
        files=len(files),
        records=sum(1 for records in files.values() for r in records if not r.damage),
        problems=tuple(problems),
        orphans=tuple(orphans),
    )


def _row_problem(
    row: Fetch,
    files: Mapping[str, Sequence[ScannedRecord]],
    at: Mapping[tuple[str, int], ScannedRecord],
    held: set[str],
) -> ArchiveProblem | None:
    def problem(kind: str, reason: str) -> ArchiveProblem:
        return ArchiveProblem(row.warc_file, row.warc_offset, row.fetch_id, kind, reason)

    if row.warc_file not in files:
        return ArchiveProblem(row.warc_file, -1, row.fetch_id, "missing-file", "no such WARC file")
    record = at.get((row.warc_file, row.warc_offset))
    if record is None:
        return problem("missing-record", "no WARC record starts at this offset")
    if record.damage:
        return problem("unreadable", record.damage)
    if row.warc_record_id and record.record_id != row.warc_record_id:
        return problem(
            "missing-record",
            f"the record at this offset is {record.record_id}, not the row's {row.warc_record_id}",
        )
    if record.record_type == "response":
        if record.payload_sha256 != row.body_sha256:
            return problem(
                "digest-mismatch",
                f"payload sha256 {record.payload_sha256[:16]}…, the row says {row.body_sha256[:16]}…",
            )
        if record.declared_sha256 and record.declared_sha256 != record.payload_sha256:
            return problem(
                "digest-mismatch",
                f"payload sha256 {record.payload_sha256[:16]}…, the record declares "
                f"{record.declared_sha256[:16]}…",
            )
        return None
    if record.record_type == "revisit":
        if record.declared_sha256 != row.body_sha256:
            return problem(
                "digest-mismatch",
                f"revisit of sha256 {record.declared_sha256[:16]}…, the row says {row.body_sha256[:16]}…",
            )
        if row.body_sha256 not in held:
            return problem(
                "revisit", "no response record in the archive holds the payload it repeats"
            )
        return None
    return problem("unreadable", f"a {record.record_type or 'typeless'} record, not a response")


def prune_orphans(directory: Path, check: ArchiveCheck) -> tuple[int, int]:
    """Remove the orphans `check` found: (records removed, bytes freed).

    A file holding only orphans is deleted; any other is rewritten without them (a new file,
    fsynced, renamed over the old one, the directory fsynced), so a crash leaves either file
    whole. The caller holds the run lock: no run is writing records no row names yet.
    """
    by_file: dict[str, list[Orphan]] = {}
    for orphan in check.orphans:
        by_file.setdefault(orphan.warc_file, []).append(orphan)
    removed = freed = 0
    for name, orphans in by_file.items():
        path = directory / name
        size = path.stat().st_size
        cut = sorted((o.offset, o.offset + o.length) for o in orphans)
        gone = sum(end - start for start, end in cut)
        if gone >= size:
            path.unlink()
        else:
            _rewrite_without(path, cut)
        removed += sum(1 for o in orphans if o.length)
        freed += min(gone, size)
    if by_file:
        _fsync_directory(directory)
    return removed, freed


def _rewrite_without(path: Path, cut: Sequence[tuple[int, int]]) -> None:
    temporary = path.with_name(path.name + PRUNE_SUFFIX)
    with path.open("rb") as source, temporary.open("wb") as target:
        position = 0
        for start, end in [*cut, (path.stat().st_size, path.stat().st_size)]:
            source.seek(position)
            remaining = start - position
            while remaining > 0:
                chunk = source.read(min(remaining, 1 << 20))
                if not chunk:
                    break
                target.write(chunk)
                remaining -= len(chunk)
            position = max(position, end)
        target.flush()
        os.fsync(target.fileno())
    os.replace(temporary, path)


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
