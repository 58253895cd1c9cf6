"""Load and validate the outlets file (TOML) into Outlet records."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wiretrace.records import Outlet

OUTLET_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
KNOWN_KEYS = {
    "id",
    "name",
    "kind",
    "feeds",
    "sitemaps",
    "aliases",
    "domains",
    "timezone",
    "allow_private",
}


class ConfigError(ValueError):
    """The outlets file cannot be used; the message says where and why, in one line."""


def default_outlets_path() -> Path:
    return Path(str(resources.files("wiretrace.sources").joinpath("outlets.toml")))


def load_outlets(path: Path, *, base_url: str | None = None) -> list[Outlet]:
    """Read an outlets file. `{base}` in URLs is replaced by `base_url` (the demo uses it)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read outlets file: {exc.strerror or exc}") from exc
    if base_url is not None:
        text = text.replace("{base}", base_url)
    return parse_outlets(text, origin=str(path))


def parse_outlets(text: str, *, origin: str = "<outlets>") -> list[Outlet]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML: {exc}") from exc
    tables = data.get("outlet")
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{origin}: no [[outlet]] tables")
    outlets: list[Outlet] = []
    seen: set[str] = set()
    for index, table in enumerate(tables, start=1):
        where = f"{origin}: outlet #{index}"
        outlet = _parse_outlet(table, where)
        if outlet.id in seen:
            raise ConfigError(f"{where}: duplicate id {outlet.id!r}")
        seen.add(outlet.id)
        outlets.append(outlet)
    return outlets


def _parse_outlet(table: dict[str, object], where: str) -> Outlet:
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    outlet_id = table.get("id")
    if not isinstance(outlet_id, str) or not OUTLET_ID.match(outlet_id):
        raise ConfigError(f"{where}: 'id' must be lower-case letters, digits, '-' or '_'")
    where = f"{where} ({outlet_id})"
    name = table.get("name", outlet_id)
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: 'name' must be a non-empty string")
    kind = table.get("kind", "outlet")
    if kind not in ("wire", "outlet"):
        raise ConfigError(f'{where}: \'kind\' must be "wire" or "outlet", not {kind!r}')
    feeds = _urls(table.get("feeds", []), f"{where}: feeds")
    sitemaps = _urls(table.get("sitemaps", []), f"{where}: sitemaps")
    # `feeds = []` said outright declares an outlet that is known but never polled (a wire
    # whose site we do not read): its names still resolve citations of it.
    if not feeds and not sitemaps and "feeds" not in table and "sitemaps" not in table:
        raise ConfigError(
            f"{where}: needs at least one of 'feeds' or 'sitemaps'"
            " (or feeds = [] for an outlet that is never polled)"
        )
    aliases = _strings(table.get("aliases", []), f"{where}: aliases")
    domains = _strings(table.get("domains", []), f"{where}: domains")
    if not domains:
        domains = tuple(sorted({urlsplit(u).hostname or "" for u in feeds + sitemaps} - {""}))
    timezone = table.get("timezone", "UTC")
    if not isinstance(timezone, str):
        raise ConfigError(f"{where}: 'timezone' must be a string")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"{where}: unknown timezone {timezone!r}") from exc
    allow_private = table.get("allow_private", False)
    if not isinstance(allow_private, bool):
        raise ConfigError(f"{where}: 'allow_private' must be true or false")
    return Outlet(
        id=outlet_id,
        name=name.strip(),
        kind=kind,
        feeds=feeds,
        sitemaps=sitemaps,
        aliases=aliases,
        domains=domains,
        timezone=timezone,
        allow_private=allow_private,
    )


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _urls(value: object, where: str) -> tuple[str, ...]:
    urls = _strings(value, where)
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"{where}: {url!r} is not an http(s) URL")
    return urls


def alias_map(outlets: Iterable[Outlet]) -> dict[str, str]:
    """Lower-cased outlet names and aliases to outlet ids, for attribution matching."""
    aliases: dict[str, str] = {}
    for outlet in outlets:
        for name in (outlet.id, outlet.name, *outlet.aliases):
            aliases.setdefault(name.lower(), outlet.id)
    return aliases
