"""Outlet registry, polite HTTP fetching, and the raw WARC archive."""
