"""The rows `wiretrace archive verify` checks the WARC archive against: every archived fetch."""

from __future__ import annotations

import duckdb

from wiretrace.records import Fetch

# Every fetch that archived a response, in archive order (file, offset): the order the check
# reads the files in.
ARCHIVED_FETCHES = """
SELECT fetch_id, run_id, outlet_id, url, final_url, purpose, status, error, fetched_at,
       coalesce(content_type, ''), coalesce(etag, ''), coalesce(last_modified, ''),
       coalesce(body_sha256, ''), coalesce(body_size, 0), warc_file,
       coalesce(warc_offset, -1), coalesce(warc_record_id, '')
FROM fetches WHERE coalesce(warc_file, '') <> ''
ORDER BY warc_file, warc_offset
"""


def archived_fetches(conn: duckdb.DuckDBPyConnection) -> list[Fetch]:
    """Each `fetches` row that points at a WARC record."""
    return [Fetch(*row) for row in conn.execute(ARCHIVED_FETCHES).fetchall()]
