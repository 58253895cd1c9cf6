"""Pure functions from bytes and text to records: no I/O, no Prefect."""
