"""Write every HTTP response to gzipped WARC files, storing identical payloads once."""

from __future__ import annotations

import base64
import hashlib
import io
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sources.fetch import Response

DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024
# Headers that describe the transfer, not the payload: the body we store is decoded.
TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(frozen=True, slots=True)
class ArchivedRecord:
    warc_file: str  # file name, relative to the archive directory
    offset: int
    record_id: str
    payload_sha256: str
    revisit: bool


@dataclass(frozen=True, slots=True)
class FirstCapture:
    uri: str
    date: str  # WARC-Date of the first capture


def sha256_hex(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


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
        """Archive one response (status, headers, decoded body); returns where it went."""
        digest = sha256_hex(response.body)
        status = response.status or 0
        headers = [(k, v) for k, v in response.headers if k.lower() not in TRANSFER_HEADERS]
        headers.append(("Content-Length", str(len(response.body))))
        http_headers = StatusAndHeaders(
            f"{status} {response.reason or ''}".strip(), headers, protocol=response.http_version
        )
        with self._lock:
            path = self._current_file()
            with path.open("ab") as handle:
                offset = handle.tell()
                writer = WARCWriter(handle, gzip=True)
                first = self.known.get(digest)
                date = response.fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ")
                warc_headers = {"WARC-Date": date, "WARC-Payload-Digest-SHA256": digest}
                if first is not None and response.body:
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
                    if response.body:
                        self.known[digest] = FirstCapture(response.final_url, date)
                writer.write_record(record)
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
            )
    raise ValueError(f"no WARC record at {path}:{offset}")
