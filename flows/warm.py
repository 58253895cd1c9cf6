"""Imported by the extraction workers' forkserver: one sample extraction, so workers fork warm.

A worker forked cold pays about 2 seconds on its first pages: the language model, trafilatura's
fallbacks (readability, jusText's stop lists of every language), htmldate, the cleanup rules,
the attribution registries and pysbd's patterns all load or compile on first use. The
forkserver imports this module once (`steps.FORKSERVER_PRELOAD`) and every worker it forks
starts with all of that in memory. Nothing here is imported by the pipeline itself.
"""

from __future__ import annotations

import logging

from wiretrace.extractors.article import ExtractionError, extract_article
from wiretrace.extractors.claims import extract_claims

LOGGER = logging.getLogger(__name__)

_PARAGRAPHS = (
    "NEW DELHI, June 13 (Reuters) - Acme Corp said on Friday it would invest $2.5 billion in a "
    "new plant, up 12% from last year, the company's chief executive told reporters.",
    '"We are sitting on a lot of demand," Jane Doe said. The plant will employ 4,200 people '
    "by 2027, according to a statement from the Ministry of Industry.",
    "Shares rose 3.1 per cent to Rs 1,250 on Thursday after the U.S. approval, two sources "
    "familiar with the matter said.",
)
# An article with JSON-LD but no date (htmldate reads the markup), a headline, and prose.
_ARTICLE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme to build a plant'
    '</title><script type="application/ld+json">{"@type": "NewsArticle", "headline": '
    '"Acme to build a plant"}</script></head><body><nav><a href="/a">World</a></nav><article>'
    '<h1>Acme to build a plant</h1><time datetime="2024-06-13T08:00:00+05:30">June 13</time>'
    + "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
    + "<p>(Reporting by Jane Doe; Editing by John Roe)</p></article></body></html>"
)
# A short story among menus and legal notices: trafilatura falls back to jusText (whose stop
# lists of every language load on first use), and `choose_body` reads its other candidates.
_BURIED = (
    '<html lang="en"><head><title>Acme</title></head><body><nav><ul>'
    + "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(30))
    + f"</ul></nav><main><article><h1>Acme to build a plant</h1><p>{_PARAGRAPHS[0]}</p>"
    + "</article></main><footer>"
    + "".join(f"<p>Legal notice {i}: terms, privacy, cookies and more.</p>" for i in range(30))
    + "</footer></body></html>"
)


def warm_up() -> None:
    """Extract the sample pages and their claims once; a failure only leaves workers cold."""
    for page in (_ARTICLE, _BURIED):
        try:
            article = extract_article(
                page.encode("utf-8"), url="https://example.org/2024/06/13/acme", outlet_id="x"
            )
            extract_claims(article, aliases={"reuters": "reuters"})
        except ExtractionError:
            continue
        except Exception as exc:  # a warm-up must never stop the forkserver
            LOGGER.debug("extraction warm-up failed: %s", exc)


warm_up()
