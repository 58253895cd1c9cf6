"""The app's pages as HTML: Jinja2 templates (autoescaped) around the reports' own renderers.

The claim and story pages are the `wiretrace report` pages' bodies (reports/html.py,
reports/story.py) inside the app's shell; the badges, times and drawings are the reports' too.
Every value a template prints is escaped by Jinja2; the only markup let through whole is what
those renderers return, which escape every piece of text themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from wiretrace.records import VERDICTS
from wiretrace.reports.claim import LINEAGE_VERBS
from wiretrace.reports.drawings import MATRIX_KINDS, MatrixCell, matrix_svg
from wiretrace.reports.formatting import css_class, esc
from wiretrace.reports.html import CSP, CSS, claim_body, document, time_html, verdict_badge
from wiretrace.reports.story import story_body
from wiretrace.ui.views import (
    ClaimsView,
    ClaimView,
    Meta,
    OutletsView,
    OutletView,
    RunsView,
    StoriesView,
    StoryView,
)

# The reports' policy, but the app's own search forms may submit to it.
APP_CSP = CSP.replace("form-action 'none'", "form-action 'self'")
assert APP_CSP != CSP
SECTIONS = (
    ("Claims", "/claims"),
    ("Stories", "/stories"),
    ("Outlets", "/outlets"),
    ("Runs", "/runs"),
)
SORT_LABELS = (
    ("outlets", "most outlets"),
    ("independent", "most independent sources"),
    ("first", "earliest first"),
    ("latest", "latest first"),
)
RUN_COUNTS = (
    ("pages_fetched", "pages"),
    ("pages_failed", "failed"),
    ("articles_new", "new articles"),
    ("claims_new", "new claims"),
    ("feeds_failed", "feeds failed"),
    ("feeds_deferred", "backing off"),
    ("clusters", "clusters"),
    ("disputes_new", "new disputes"),
)
APP_CSS = """
body { max-width: 72rem; }
td.first time, td time { white-space: nowrap; }
td.first a { display: block; }
header.site { border-bottom: 1px solid var(--line); margin: -1rem -1rem 1rem; padding: .5rem 1rem; }
header.site nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; }
header.site nav a { text-decoration: none; font-weight: 600; }
header.site nav a[aria-current] { text-decoration: underline; text-underline-offset: .3em; }
header.site .brand { color: var(--fg); margin-right: .5rem; }
.committed { margin: .25rem 0 0; color: var(--muted); font-size: .85rem; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem .75rem; align-items: end;
  padding: .75rem; background: var(--card); border: 1px solid var(--line); border-radius: .5rem; }
form.filters label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted);
  gap: .15rem; }
form.filters input, form.filters select, form.filters button { font: inherit; font-size: .95rem;
  padding: .3rem .4rem; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
  border-radius: .3rem; min-height: 2.2rem; }
form.filters input[type=search] { min-width: 14rem; }
form.filters button { background: var(--accent); color: #fff; border-color: var(--accent);
  font-weight: 600; padding: .3rem 1rem; cursor: pointer; }
.count { margin: .75rem 0 .25rem; }
table.list td.claim { min-width: 16rem; }
table.list td.claim a { color: var(--fg); text-decoration-color: var(--line); }
.verdict.small { font-size: .7rem; padding: 0 .45rem; }
nav.pager { display: flex; gap: 1rem; justify-content: center; margin: 1rem 0; }
nav.related { background: var(--card); border: 1px solid var(--line); border-radius: .5rem;
  padding: .25rem .75rem; margin-bottom: 1rem; font-size: .9rem; }
nav.related p { margin: .35rem 0; }
figure.wide { overflow-x: auto; } figure.wide svg { max-width: 44rem; }
table.compact td, table.compact th { padding: .3rem .4rem; }
svg.matrix text { fill: var(--fg); }
tr.trouble td { background: var(--del); }
main ul li { margin: .3rem 0; }
@media (max-width: 40rem) {
  header.site { margin: -.75rem -.75rem .75rem; padding: .5rem .75rem; }
  header.site nav { gap: .25rem .8rem; }
  header.site .brand { margin-right: 0; }
  form.filters label { flex: 1 1 40%; }
  form.filters input[type=search] { min-width: 0; width: 100%; }
  form.filters label:first-child { flex-basis: 100%; }
  form.filters button { flex: 1 1 100%; }
  table.list td.claim { min-width: 0; font-weight: 600; }
  figure.wide svg { width: 36rem; max-width: none; }  /* legible; the figure scrolls sideways */
}
"""
ENV = Environment(
    loader=PackageLoader("wiretrace.ui", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def url(path: str, **params: object) -> str:
    """`path` with the non-empty parameters as its query string, in the order given."""
    query = {k: str(v) for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(query) if query else "")


def claim_url(claim_id: str) -> str:
    return "/claims/" + quote(claim_id, safe="")


def story_url(story_id: str) -> str:
    return "/stories/" + quote(story_id, safe="")


def outlet_url(outlet_id: str) -> str:
    return "/outlets/" + quote(outlet_id, safe="")


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _badge_small(verdict: str, n: int) -> Markup:
    return Markup(
        f'<span class="verdict small verdict-{css_class(verdict)}" title="{esc(verdict)}">'
        f"{esc(verdict)} {n}</span>"
    )


ENV.globals.update(
    badge=lambda verdict: Markup(verdict_badge(verdict)),
    badge_small=_badge_small,
    when=lambda value, tz=None: Markup(time_html(value, tz)),
    url=url,
    claim_url=claim_url,
    story_url=story_url,
    outlet_url=outlet_url,
    pct=_pct,
    verb=lambda kind: LINEAGE_VERBS.get(kind, kind),
    sections=SECTIONS,
    verdicts=VERDICTS,
    sorts=SORT_LABELS,
    count_keys=RUN_COUNTS,
)


def _shell(
    title: str, current: str, meta: Meta, content: str, json_url: str, *, description: str = ""
) -> str:
    body = ENV.get_template("layout.html").render(
        current=current, meta=meta, content=Markup(content), json_url=json_url
    )
    return document(
        f"{title} · wiretrace", body, description=description, csp=APP_CSP, css=CSS + APP_CSS
    )


def _render(template: str, **context: Any) -> str:
    return ENV.get_template(template).render(**context)


def _pager(base: str, **params: object) -> Any:
    return lambda page: url(base, **params, page=page if page > 1 else None)


def claims_page(view: ClaimsView) -> str:
    q = view.query
    params = {
        "q": q.q,
        "outlet": q.outlet,
        "verdict": q.verdict,
        "since": q.since,
        "until": q.until,
        "sort": q.sort if q.sort != "outlets" else None,
    }
    content = _render(
        "claims.html",
        query=q,
        paged=view.paged,
        claims=view.claims,
        outlets=view.outlets,
        filtered=any(v for k, v in params.items() if k != "sort"),
        page_url=_pager("/claims", **params),
    )
    title = f"Claims matching “{q.q}”" if q.q else "Claims"
    if view.paged.page > 1:
        title += f", page {view.paged.page}"
    json_url = url("/claims", **params, page=q.page if q.page > 1 else None, format="json")
    return _shell(title, "Claims", view.meta, content, json_url)


def claim_page(view: ClaimView) -> str:
    report = view.claim
    names = {m.outlet_id: m.outlet or m.outlet_id for m in report.mentions}
    content = _render(
        "claim.html",
        stories=view.stories,
        claim_outlets=[(o, names.get(o, o)) for o in report.outlets],
        body=Markup(claim_body(report)),
    )
    return _shell(
        f"{report.verdict}: {report.text}",
        "Claims",
        view.meta,
        content,
        claim_url(report.id) + "?format=json",
        description=f"wiretrace claim report {report.id}",
    )


def stories_page(view: StoriesView) -> str:
    q = view.query
    params = {"q": q.q, "outlet": q.outlet, "since": q.since, "until": q.until}
    content = _render(
        "stories.html",
        query=q,
        paged=view.paged,
        stories=view.stories,
        outlets=view.outlets,
        filtered=any(params.values()),
        page_url=_pager("/stories", **params),
    )
    json_url = url("/stories", **params, page=q.page if q.page > 1 else None, format="json")
    return _shell("Stories", "Stories", view.meta, content, json_url)


def story_page(view: StoryView) -> str:
    report = view.story
    content = _render(
        "story.html", story=report, body=Markup(story_body(report, claim_href=claim_url))
    )
    return _shell(
        f"Story: {report.headline}",
        "Stories",
        view.meta,
        content,
        story_url(report.id) + "?format=json",
        description=f"wiretrace story report {report.id}",
    )


@dataclass(frozen=True, slots=True)
class LinkRow:
    """One (outlet, source) pair of the matrix, as the table under it lists it."""

    outlet_id: str
    outlet: str
    source_id: str
    source: str
    known: bool  # the source is an outlet in the warehouse (it has a page)
    verbatim: int
    credited: int
    attributed: int


def link_rows(view: OutletsView) -> list[LinkRow]:
    names = {o.outlet_id: o.name for o in view.outlets}
    pairs: dict[tuple[str, str], dict[str, int]] = {}
    sources: dict[str, str] = {}
    for link in view.links:
        pairs.setdefault((link.outlet_id, link.source_outlet), {})[link.kind] = link.count
        sources[link.source_outlet] = link.source_name
    return [
        LinkRow(
            outlet,
            names.get(outlet, outlet),
            source,
            sources[source],
            source in names,
            counts.get("verbatim", 0),
            counts.get("credited", 0),
            counts.get("attributed", 0),
        )
        for (outlet, source), counts in pairs.items()
    ]


def matrix(view: OutletsView) -> str:
    """The outlet-by-source grid: polled outlets as rows, every source taken from as a column."""
    names = {o.outlet_id: o.name for o in view.outlets}
    taking = {link.outlet_id for link in view.links}
    takers = [o.outlet_id for o in view.outlets if o.outlet_id in taking]
    totals: dict[str, int] = {}
    labels: dict[str, str] = {}
    for link in view.links:
        totals[link.source_outlet] = totals.get(link.source_outlet, 0) + link.count
        labels[link.source_outlet] = names.get(link.source_outlet, link.source_name)
    # Polled outlets first (in the table's order), then the sources most taken from.
    columns = [o.outlet_id for o in view.outlets if o.outlet_id in totals]
    columns += sorted((s for s in totals if s not in names), key=lambda s: (-totals[s], s))
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for link in view.links:
        cells.setdefault((link.outlet_id, link.source_outlet), {})[link.kind] = link.count
    return matrix_svg(
        [(t, names.get(t, t)) for t in takers],
        [(c, labels[c]) for c in columns],
        [
            MatrixCell(row, column, tuple((k, n) for k, _, _ in MATRIX_KINDS if (n := c.get(k, 0))))
            for (row, column), c in cells.items()
        ],
        title="Who reprints, credits or cites whom (articles)",
    )


def outlets_page(view: OutletsView) -> str:
    content = _render(
        "outlets.html",
        outlets=view.outlets,
        links=view.links,
        link_rows=link_rows(view),
        matrix=Markup(matrix(view)),
    )
    return _shell("Outlets", "Outlets", view.meta, content, "/outlets?format=json")


def outlet_page(view: OutletView) -> str:
    content = _render(
        "outlet.html",
        o=view.outlet,
        takes_from=view.takes_from,
        taken_by=view.taken_by,
        disputes=view.disputes,
        latest_claims=view.latest_claims,
    )
    return _shell(
        view.outlet.name,
        "Outlets",
        view.meta,
        content,
        outlet_url(view.outlet.outlet_id) + "?format=json",
    )


def runs_page(view: RunsView) -> str:
    content = _render(
        "runs.html",
        runs=view.runs,
        feeds=view.feeds,
        totals=view.totals,
        paged=view.paged,
        page_url=_pager("/runs"),
    )
    json_url = url("/runs", page=view.paged.page if view.paged.page > 1 else None, format="json")
    return _shell("Runs", "Runs", view.meta, content, json_url)


def error_page(status: int, heading: str, message: str, meta: Meta | None = None) -> str:
    content = _render("error.html", heading=heading, message=message)
    return _shell(heading, "", meta or Meta(None, False), content, "?format=json")
