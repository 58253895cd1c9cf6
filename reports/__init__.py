"""Render one claim's corroboration for people (text, Markdown) and for programs (JSON)."""
