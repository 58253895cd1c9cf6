"""`wiretrace sql`: one query against the warehouse, and nothing else DuckDB could reach."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from wiretrace.warehouse.db import WarehouseError, connect

# Read-only is not enough: DuckDB can still read and write other files (COPY, read_text) and
# download extensions. After these, a query sees the warehouse and nothing else, and cannot
# change the settings back.
LOCK_DOWN = (
    "SET enable_external_access = false",
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET lock_configuration = true",
)


class QueryError(WarehouseError):
    """The query failed (bad SQL, a write, a file it may not read); the message is one line."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A query's column names and rows, as DuckDB returned them."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def as_dicts(self) -> list[dict[str, Any]]:
        """One object per row, keyed by column name (a repeated name keeps its last value)."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def sandboxed_query(path: Path, query: str, *, wait: float = 5.0) -> QueryResult:
    """Run one query on the warehouse opened read-only and locked down to itself alone."""
    conn = connect(path, read_only=True, wait=wait)
    try:
        for setting in LOCK_DOWN:
            conn.execute(setting)
        cursor = conn.execute(query)
        columns = tuple(d[0] for d in cursor.description or [])
        rows = tuple(cursor.fetchall())
    except duckdb.Error as exc:
        raise QueryError(" ".join(str(exc).split())) from None
    finally:
        conn.close()
    return QueryResult(columns, rows)
