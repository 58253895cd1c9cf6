"""Prefect flows, the run lock and the `wiretrace` CLI: thin layers over the stage functions."""
