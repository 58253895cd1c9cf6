"""The one JSON encoder of every output (--json, report json, story json): records as objects."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import datetime
from types import MappingProxyType

# Field metadata of a record field that JSON leaves out: what a report needs to draw itself
# but scripts have never been sent, so their keys stay as they were.
HIDDEN = MappingProxyType({"json": False})


def to_jsonable(value: object) -> object:
    """Records become objects keyed by field name (in field order), tuples lists, times ISO 8601."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_jsonable(getattr(value, f.name))
            for f in fields(value)
            if f.metadata.get("json", True)
        }
    if isinstance(value, Mapping):
        return {key: to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def default(value: object) -> object:
    """For json.dumps: times as ISO 8601, anything else JSON has no type for as its text."""
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def dumps(value: object, *, indent: int | None = None) -> str:
    """`value` (records, lists of them, plain data) as JSON text, non-ASCII kept as written."""
    return json.dumps(to_jsonable(value), default=default, ensure_ascii=False, indent=indent)
