"""A page's query string as checked values: anything else is a 400, never a query."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from wiretrace.records import VERDICTS
from wiretrace.warehouse.browse import CLAIM_SORTS

MAX_TEXT = 200  # a search longer than this is not a search
MAX_PAGE = 100_000


class BadRequest(ValueError):
    """A query parameter the app cannot use; the message names it."""


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    q: str = ""
    outlet: str = ""
    verdict: str = ""
    since: date | None = None
    until: date | None = None
    sort: str = "outlets"
    page: int = 1


@dataclass(frozen=True, slots=True)
class StoryQuery:
    q: str = ""
    outlet: str = ""
    since: date | None = None
    until: date | None = None
    page: int = 1


def _text(params: Mapping[str, str], name: str) -> str:
    value = " ".join(params.get(name, "").split())
    if len(value) > MAX_TEXT:
        raise BadRequest(f"{name} is longer than {MAX_TEXT} characters")
    return value


def _date(params: Mapping[str, str], name: str) -> date | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} must be a date, YYYY-MM-DD") from None


def _page(params: Mapping[str, str]) -> int:
    value = params.get("page", "").strip() or "1"
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise BadRequest("page must be a whole number from 1")
    return int(value)


def claim_query(params: Mapping[str, str]) -> ClaimQuery:
    verdict = params.get("verdict", "").strip()
    if verdict and verdict not in VERDICTS:
        raise BadRequest(f"verdict must be one of {', '.join(VERDICTS)}")
    sort = params.get("sort", "").strip() or "outlets"
    if sort not in CLAIM_SORTS:
        raise BadRequest(f"sort must be one of {', '.join(CLAIM_SORTS)}")
    return ClaimQuery(
        q=_text(params, "q"),
        outlet=_text(params, "outlet"),
        verdict=verdict,
        since=_date(params, "since"),
        until=_date(params, "until"),
        sort=sort,
        page=_page(params),
    )


def story_query(params: Mapping[str, str]) -> StoryQuery:
    return StoryQuery(
        q=_text(params, "q"),
        outlet=_text(params, "outlet"),
        since=_date(params, "since"),
        until=_date(params, "until"),
        page=_page(params),
    )


def wants_json(params: Mapping[str, str]) -> bool:
    fmt = params.get("format", "html")
    if fmt not in ("html", "json"):
        raise BadRequest("format must be html or json")
    return fmt == "json"
