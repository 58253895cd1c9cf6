"""DuckDB warehouse: connection, ordered migrations, idempotent loaders, queries."""
