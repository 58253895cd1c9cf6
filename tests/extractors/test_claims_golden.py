"""Claim extraction gives, field for field, the claims pinned for 40 real articles.

The pin guards changes made for speed, which must not change a single output. A change that
means to change what claims say (sentence splitting, quantities, attributions) changes the pin
too: regenerate it, and read the diff of the fixture as part of the change:

    .venv/bin/python tests/extractors/test_claims_golden.py

The fixture (tests/fixtures/claims_golden/claims.jsonl) holds its inputs as well: a first line
with the aliases and where the articles come from, then one line per article with the Article
fields `extract_claims` reads and the claims it gave. The inputs never change on regeneration.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from wiretrace.extractors.claims import extract_claims
from wiretrace.jsonout import to_jsonable
from wiretrace.records import Article, stable_id

FIXTURE = Path(__file__).parents[1] / "fixtures" / "claims_golden" / "claims.jsonl"
REGENERATE = ".venv/bin/python tests/extractors/test_claims_golden.py"


def _read() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:] if line.strip()]


def _article(fields: dict[str, Any]) -> Article:
    published = fields["published_at"]
    return Article(
        article_id=fields["article_id"],
        version_id=fields["version_id"],
        outlet_id=fields["outlet_id"],
        url=fields["url"],
        canonical_url=fields["url"],
        title=fields["title"],
        text=fields["text"],
        text_sha256=stable_id(fields["text"]),
        published_at=datetime.fromisoformat(published) if published else None,
        published_source="page",
    )


def _claims(fields: dict[str, Any], aliases: dict[str, str]) -> list[Any]:
    # Through JSON and back, as the pin was written: floats and times compare as stored.
    got = to_jsonable(extract_claims(_article(fields), aliases=aliases))
    return json.loads(json.dumps(got, ensure_ascii=False))


HEADER, ENTRIES = _read()


def _first_difference(want: list[Any], got: list[Any]) -> str:
    for position, (a, b) in enumerate(zip(want, got, strict=False)):
        if a != b:
            fields = [k for k in a if a.get(k) != b.get(k)]
            return f"claim {position}, fields {fields}: pinned {a!r}, now {b!r}"
    return f"{len(want)} claims pinned, {len(got)} now"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["article"]["url"][-60:] for e in ENTRIES])
def test_claims_are_the_pinned_ones(entry: dict[str, Any]) -> None:
    got = _claims(entry["article"], HEADER["aliases"])
    assert got == entry["claims"], (
        f"extract_claims changed its output for {entry['article']['url']}: "
        f"{_first_difference(entry['claims'], got)}. A change made for speed must not change "
        f"any claim: undo it. A change meant to change claims regenerates the pin with "
        f"`{REGENERATE}` and commits the fixture's diff with it."
    )


def test_the_pin_covers_forty_articles_with_sources_and_figures() -> None:
    claims = [c for e in ENTRIES for c in e["claims"]]
    assert len(ENTRIES) == 40
    assert sum(bool(c["attributions"]) for c in claims) >= 100
    assert sum(bool(c["quantities"]) for c in claims) >= 40
    assert sum(c["dateline_end"] > 0 for c in claims) >= 3


def regenerate() -> None:
    """Rewrite every pinned claim from the fixture's own inputs (which stay as they are)."""
    lines = [json.dumps(HEADER, ensure_ascii=False, sort_keys=True)]
    for entry in ENTRIES:
        fields = entry["article"]
        claims = _claims(fields, HEADER["aliases"])
        lines.append(
            json.dumps({"article": fields, "claims": claims}, ensure_ascii=False, sort_keys=True)
        )
    FIXTURE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(ENTRIES)} articles re-pinned in {FIXTURE}", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
