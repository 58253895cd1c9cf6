"""`wiretrace extract`: read pages from files or URLs and return their records as plain dicts."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wiretrace.extractors.article import ExtractionError, extract_article
from wiretrace.extractors.claims import extract_claims
from wiretrace.records import Article, stable_id
from wiretrace.sources.config import ConfigError, alias_map, default_outlets_path, load_outlets
from wiretrace.sources.fetch import Fetcher


def _read(source: str) -> tuple[bytes, str]:
    if source.startswith(("http://", "https://")):
        with Fetcher() as fetcher:
            response = fetcher.get(source)
        if not response.ok:
            raise ExtractionError(response.error or f"HTTP {response.status}")
        return response.body, response.final_url
    path = Path(source)
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data, path.resolve().as_uri()


def _is_plain_text(source: str, body: bytes) -> bool:
    name = source.lower().removesuffix(".gz")
    return name.endswith(".txt") or b"<" not in body[:2048]


def _text_article(body: bytes, url: str) -> Article:
    text = body.decode("utf-8", errors="replace").strip()
    sha = stable_id(text, length=64)
    return Article(
        article_id=stable_id(url),
        version_id=stable_id(url, sha),
        outlet_id="",
        url=url,
        canonical_url=url,
        title="",
        text=text,
        text_sha256=sha,
        published_at=None,
        published_source="fetch",
    )


def extract_inputs(
    inputs: Sequence[str], *, with_claims: bool, sources: Path | None
) -> Iterator[dict[str, Any]]:
    try:
        aliases = alias_map(load_outlets(sources or default_outlets_path()))
    except ConfigError:
        aliases = {}
    for source in inputs:
        try:
            body, url = _read(source)
            if _is_plain_text(source, body):
                article = _text_article(body, url)
            else:
                article = extract_article(body, url=url, outlet_id="", fetched_at=datetime.now(UTC))
        except (OSError, EOFError, zlib.error, ExtractionError) as exc:  # EOF: a cut-off .gz
            yield {"input": source, "error": " ".join(str(exc).split())}
            continue
        record: dict[str, Any] = {"input": source, **asdict(article)}
        record["authors"] = list(article.authors)
        if with_claims:
            record["claims"] = [asdict(c) for c in extract_claims(article, aliases=aliases)]
        yield record


def describe_attribution(attribution: Mapping[str, Any]) -> str:
    """One attribution of `extract --claims` as a line: the source, its kind, the cue, the
    outlet it spoke through, and the phrase that gave it."""
    name = attribution.get("source") or attribution["cited"] or "unnamed source"
    kind = attribution.get("source_kind") or attribution["kind"]
    channel = attribution.get("channel")
    via = f", via {channel}" if channel else ""
    return f'{name} ({kind}, {attribution["cue"]}{via}): "{attribution["raw"]}"'
