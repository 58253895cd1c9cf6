"""Which articles a story pass decides again: the tests of kept and reclustered decisions."""

from __future__ import annotations

from typing import Any

import pytest

from wiretrace.corroboration.stories import ArticleSpace


def record_decisions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles whose similarities a pass computes, in order, from now on."""
    decided: list[str] = []
    similarities = ArticleSpace.similarities

    def recording(self: ArticleSpace, a: Any, others: Any) -> Any:
        decided.append(a)
        return similarities(self, a, others)

    monkeypatch.setattr(ArticleSpace, "similarities", recording)
    return decided
