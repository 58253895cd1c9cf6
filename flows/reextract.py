"""Rebuild articles, claims and every match from the archived page bytes, with no network."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from wiretrace.extractors.article import ExtractionError
from wiretrace.flows.steps import corroborate_and_store, extract_page, match_config, new_run_id
from wiretrace.records import Article, Claim
from wiretrace.sources.archive import archive_dir_for, read_payload, read_record
from wiretrace.sources.config import alias_map
from wiretrace.warehouse import queries
from wiretrace.warehouse.db import open_db
from wiretrace.warehouse.load import finish_run, replace_extracted, start_run


@dataclass
class ReextractSummary:
    """What a re-extraction read, rebuilt and could not read."""

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


def reextract(db_path: Path, *, window_days: float = 7.0) -> ReextractSummary:
    """Rebuild articles and claims from the archived page bytes (no network), then corroborate.

    Every distinct page payload is extracted again with the current extractors, through the
    pipeline's own extract step. Versions whose text is unchanged keep when they were first
    seen; versions the new extractor no longer produces go; rows of fetches whose WARC record
    cannot be read are left untouched. The caller holds the run lock.
    """
    summary = ReextractSummary(run_id=new_run_id())
    directory = archive_dir_for(db_path)
    with open_db(db_path) as conn:
        start_run(conn, summary.run_id, "reextract")
        fetches = queries.archived_pages(conn)
        published = queries.feed_published(conn)
        first_seen = queries.article_first_seen(conn)
        outlets = queries.stored_outlets(conn)
        locations = {
            sha: queries.payload_locations(conn, sha) for sha in {f.body_sha256 for f in fetches}
        }
    summary.articles_before = len(first_seen)
    aliases = alias_map(outlets)
    rebuilt: list[str] = []
    articles: dict[str, tuple[Article, datetime, str]] = {}
    claims: list[Claim] = []
    for fetch in fetches:
        where = f"{fetch.fetch_id} {fetch.url}"
        try:
            record = read_record(directory / fetch.warc_file, fetch.warc_offset)
            if record.record_type != "response":
                record = read_payload(directory, locations.get(fetch.body_sha256, [])) or record
        except (OSError, ValueError) as exc:
            summary.fetches_unreadable += 1
            summary.errors.append(f"{where}: unreadable WARC record: {exc}")
            continue
        if record.record_type != "response":
            summary.fetches_unreadable += 1
            summary.errors.append(f"{where}: the revisited payload is not in the archive")
            continue
        rebuilt.append(fetch.fetch_id)
        summary.fetches_read += 1
        try:
            article, found = extract_page(
                record.body,
                url=fetch.url,
                outlet_id=fetch.outlet_id,
                fetch_id=fetch.fetch_id,
                feed_published_at=published.get(fetch.url),
                fetched_at=fetch.fetched_at,
                content_type=dict((k.lower(), v) for k, v in record.headers).get(
                    "content-type", ""
                ),
                aliases=aliases,
            )
        except ExtractionError as exc:
            summary.extraction_failed += 1
            summary.errors.append(f"{where}: extraction failed: {exc}")
            continue
        if article.version_id in articles:
            continue  # the same text from a later payload (a changed ad slot): one version
        seen_at, seen_run = first_seen.get(article.version_id, (fetch.fetched_at, fetch.run_id))
        articles[article.version_id] = (article, seen_at, seen_run)
        claims.extend(found)
    summary.claims = len(claims)
    summary.versions_new = sum(1 for v in articles if v not in first_seen)
    with open_db(db_path) as conn:
        before, after = replace_extracted(conn, rebuilt, list(articles.values()), claims)
    summary.versions_gone = len(before - after)
    summary.articles_after = len(after)
    # Everything is matched again (the new extractor's sentences may differ under the same
    # claim ids) and stories are regrouped, in the same transactions as a run's.
    corroborate_and_store(db_path, outlets, match_config(window_days), full=True)
    with open_db(db_path) as conn:
        counts = {k: v for k, v in asdict(summary).items() if k not in ("errors", "run_id")}
        finish_run(conn, summary.run_id, status="completed", counts=counts, errors=summary.errors)
    return summary
