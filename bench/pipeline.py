"""The whole pipeline on a generated local corpus: throughput, Prefect's share, reruns, 1 vs 2 workers.

    python bench/pipeline.py                      # 5,000 articles (about 10 minutes on 2 cores)
    python bench/pipeline.py --articles 500       # a quick look
    python bench/pipeline.py --skip-workers       # without the 1 vs 2 Dask workers comparison

The corpus: a wire and two outlets over 30 days. The wire publishes each story (a Reuters-like
news sitemap per section behind a sitemap index, with <lastmod>); one outlet reprints many wire
stories nearly verbatim with a credit line, the other rewrites some "according to" the wire,
now and then with a different figure; both also run stories of their own. Pages are ~20 kB of
HTML with navigation, JSON-LD and related links around the text. A local server (the demo server
over the corpus, in a child process, with ETags) serves it; politeness delays are zero.

Reported, each from fresh warehouses in this one invocation:
- articles per second of a first run (Prefect flow, default task runner), against bare
  `trafilatura.extract` on the same pages in one process per core (`trafilatura_ratio`), its
  rate the mean of one pass just before and one just after the first run (both printed, with
  the load average before and after: the machine is shared and its load drifts);
- every run with Prefect's settings of `wiretrace run` (`flows.common.one_shot_prefect`);
- each run's own stage clock (the seconds `runs.counts.stages` stores, and the `run_stages`
  view reads): poll, fetch, extract, claims, load, read, block, score, cluster, verdicts,
  stories, swap;
- Prefect's share of that run: 1 - (the same run with every task a plain call) / (the flow);
- rerun with nothing new, and rerun with 1% new articles, as ratios of the first run's time;
- speed-up from 1 to 2 workers: the first run on a local Dask cluster of 1, then 2 processes
  (`wiretrace run --workers N`: extraction and claim scoring in blocks on the workers).
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

SECTIONS = ("world", "business", "markets", "tech", "politics", "health", "sport", "science")
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "ka",
    "ke",
    "ki",
    "ko",
    "la",
    "le",
    "li",
    "lo",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
    "vo",
]
# Sentences are drawn, not templated: a verb phrase, function words and content words from a
# Zipfian vocabulary around the story's names and one figure, so two stories share few rare
# words (as real ones do) while reprints of one story share nearly all of them.
FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "for",
    "on",
    "with",
    "by",
    "at",
    "as",
    "from",
    "that",
    "its",
    "their",
    "over",
    "after",
]
VERBS = (
    "said",
    "will",
    "has",
    "was",
    "would",
    "announced",
    "reported",
    "expected",
    "plans to",
    "told reporters",
)
RECAST = {  # how the rewriting outlet opens a sentence it takes from the wire
    0: "According to {wire}, ",
    1: "{wire} reported that ",
    2: "As per {wire}, ",
}


def word(rng: random.Random, syllables: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


_LEXICON = random.Random(11)
VOCABULARY = [word(_LEXICON, _LEXICON.choice((2, 3, 3, 4))).lower() for _ in range(20_000)]
ZIPF = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(VOCABULARY))))


@dataclass(frozen=True)
class Page:
    outlet: str
    section: str
    slug: str
    title: str
    sentences: tuple[str, ...]
    published: datetime
    credit: str = ""
    edition: int = 1

    @property
    def path(self) -> str:
        return f"/{self.outlet}/{self.section}/{self.slug}.html"


def story_facts(rng: random.Random) -> dict[str, str]:
    return {
        "org": word(rng) + " " + rng.choice(("Corp", "Holdings", "Group", "Energy", "Labs")),
        "org2": word(rng) + " Capital",
        "person": word(rng, 2) + " " + word(rng),
        "city": word(rng),
        "thing": rng.choice(("plant", "port", "data centre", "refinery", "rail line", "mine")),
        "day": rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")),
        "money": f"${rng.randint(2, 990)} million",
        "count": f"{rng.randint(2, 95) * 100:,}",
        "pct": f"{rng.randint(2, 60)}%",
        "year": str(rng.randint(2026, 2031)),
        "n": str(rng.randint(2, 18)),
    }


def story_sentences(rng: random.Random, facts: dict[str, str], count: int) -> list[str]:
    """`count` checkable sentences about one story: its names, a figure each, drawn words."""
    names = [facts["org"], facts["city"], facts["person"], facts["org2"]]
    figures = [facts["money"], facts["pct"], facts["count"] + " people", "in " + facts["year"]]
    sentences = []
    for _ in range(count):
        words = [
            rng.choice(FUNCTION_WORDS) if rng.random() < 0.4 else w
            for w in rng.choices(VOCABULARY, cum_weights=ZIPF, k=rng.randint(9, 16))
        ]
        words.insert(rng.randint(1, len(words)), rng.choice(figures))
        words.insert(rng.randint(1, len(words)), rng.choice(VERBS))
        sentence = " ".join([rng.choice(names), *words])
        sentences.append(sentence + ".")
    return sentences


def build_pages(articles: int, *, now: datetime, seed: int = 7) -> list[Page]:
    """`articles` pages over the 30 days before `now`, in publication order."""
    rng = random.Random(seed)
    pages: list[Page] = []
    start = now - timedelta(days=30)
    step = timedelta(days=30) / max(articles / 1.63, 1)  # 1.63 articles a story, on average
    when = start
    story = 0
    while len(pages) < articles:
        story += 1
        when += step
        facts = story_facts(rng)
        section = rng.choice(SECTIONS)
        sentences = tuple(story_sentences(rng, facts, rng.randint(6, 10)))
        title = f"{facts['org']} to build {facts['thing']} in {facts['city']}"
        origin = rng.random()
        if origin < 0.7:  # a wire story, often carried by the others
            dateline = f"{facts['city'].upper()}, {when:%B} {when.day} (Wirex) - "
            pages.append(
                Page(
                    "wirex",
                    section,
                    f"s{story}-w",
                    title,
                    (dateline + sentences[0], *sentences[1:]),
                    when,
                )
            )
            if rng.random() < 0.5:  # reprinted nearly verbatim, with a credit line
                copied = tuple(s.replace(" said", " says", 1) for s in sentences)
                pages.append(
                    Page(
                        "dailya",
                        section,
                        f"s{story}-a",
                        title.upper()[:1] + title[1:] + ", says Wirex",
                        copied,
                        when + timedelta(hours=1),
                        credit="Source: Wirex",
                    )
                )
            if rng.random() < 0.4:  # rewritten with attribution, sometimes another figure
                recast = []
                for i, s in enumerate(sentences[:5]):
                    if i in RECAST:
                        s = RECAST[i].format(wire="Wirex") + s[0].lower() + s[1:]
                    recast.append(s)
                if rng.random() < 0.3:
                    recast[0] = recast[0].replace(facts["money"], f"${rng.randint(2, 990)} million")
                pages.append(
                    Page(
                        "dailyb",
                        section,
                        f"s{story}-b",
                        f"{facts['city']}: {facts['org']} plans {facts['thing']}",
                        tuple(recast),
                        when + timedelta(hours=2),
                    )
                )
        else:  # an outlet's own story
            outlet = "dailya" if origin < 0.85 else "dailyb"
            pages.append(Page(outlet, section, f"s{story}-o", title, sentences, when))
    return pages[:articles]


NAV = "".join(f'<li><a href="/section/{s}">{s.title()}</a></li>' for s in SECTIONS * 4)
FOOTER = "".join(
    f'<p class="legal">Legal notice {i}: terms, privacy, cookies and more.</p>' for i in range(30)
)


def page_html(page: Page, related: list[Page]) -> str:
    when = page.published.isoformat()
    body = "".join(f"<p>{s}</p>\n" for s in page.sentences)
    if page.credit:
        body += f"<p>{page.credit}</p>\n"
    links = "".join(f'<li><a href="{{base}}{r.path}">{r.title}</a></li>' for r in related)
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": page.title,
            "datePublished": when,
            "dateModified": when,
            "author": [{"@type": "Person", "name": "Staff Reporter"}],
            "publisher": {"@type": "Organization", "name": page.outlet.title()},
            "articleSection": page.section,
        }
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{page.title} | {page.outlet.title()}</title>
<meta property="og:title" content="{page.title}">
<meta property="article:published_time" content="{when}">
<link rel="canonical" href="{{base}}{page.path}">
<script type="application/ld+json">{ld}</script>
<style>{"body{font-family:serif} " * 80}</style>
</head><body><header><nav><ul>{NAV}</ul></nav></header>
<main><article><h1>{page.title}</h1><time datetime="{when}">{when}</time>
{body}</article>
<aside><h2>Related</h2><ul>{links}</ul></aside></main>
<footer>{FOOTER}</footer></body></html>"""


def write_corpus(root: Path, pages: list[Page], extra: list[Page]) -> None:
    """`site/` holds every page; `editions/1` the feeds without `extra`, `editions/2` with it."""
    everything = pages + extra
    for i, page in enumerate(everything):
        target = root / "site" / page.path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        related = everything[max(0, i - 6) : i]
        target.write_text(page_html(page, related), encoding="utf-8")
    for edition, listed in ((1, pages), (2, everything)):
        folder = root / "editions" / str(edition)
        for outlet in ("wirex", "dailya", "dailyb"):
            (folder / outlet).mkdir(parents=True, exist_ok=True)
        children = []
        for section in SECTIONS:
            own = [p for p in listed if p.section == section]
            urls = "".join(
                f"<url><loc>{{base}}{p.path}</loc><lastmod>{p.published.isoformat()}</lastmod>"
                f"<news:news><news:publication><news:name>Wirex</news:name><news:language>en"
                f"</news:language></news:publication><news:publication_date>"
                f"{p.published.isoformat()}</news:publication_date><news:title>{p.title}"
                f"</news:title></news:news></url>"
                for p in own
                if p.outlet == "wirex"
            )
            (folder / "wirex" / f"sitemap-{section}.xml").write_text(
                '<?xml version="1.0" encoding="UTF-8"?><urlset '
                'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                f"{urls}</urlset>",
                encoding="utf-8",
            )
            children.append(f"<sitemap><loc>{{base}}/wirex/sitemap-{section}.xml</loc></sitemap>")
            for outlet in ("dailya", "dailyb"):
                items = "".join(
                    f"<item><title>{p.title}</title><link>{{base}}{p.path}</link>"
                    f"<pubDate>{format_datetime(p.published)}</pubDate></item>"
                    for p in own
                    if p.outlet == outlet
                )
                (folder / outlet / f"{section}.xml").write_text(
                    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                    f"<title>{outlet} {section}</title><link>{{base}}/{outlet}/</link>"
                    f"<description>{section}</description>{items}</channel></rss>",
                    encoding="utf-8",
                )
        (folder / "wirex" / "sitemap-index.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{"".join(children)}</sitemapindex>',
            encoding="utf-8",
        )


def outlet_feeds(outlet: str) -> str:
    return ", ".join(f'"{{base}}/{outlet}/{s}.xml"' for s in SECTIONS)


def outlets_toml() -> str:
    feeds = {outlet: outlet_feeds(outlet) for outlet in ("dailya", "dailyb")}
    return f"""
[[outlet]]
id = "wirex"
name = "Wirex"
kind = "wire"
aliases = ["Wirex"]
allow_private = true
sitemaps = ["{{base}}/wirex/sitemap-index.xml"]

[[outlet]]
id = "dailya"
name = "Daily A"
allow_private = true
feeds = [{feeds["dailya"]}]

[[outlet]]
id = "dailyb"
name = "Daily B"
allow_private = true
feeds = [{feeds["dailyb"]}]
"""


def serve(root: str, edition: Any, ready: Any, stop: Any) -> None:
    """The corpus over HTTP in this child process; `edition` (shared) picks the feeds."""
    from wiretrace.sources.demo import DemoServer

    class EditionServer(DemoServer):
        @property  # type: ignore[override]
        def edition(self) -> int:
            return int(edition.value)

        @edition.setter
        def edition(self, value: int) -> None:
            pass  # the parent process chooses

    with EditionServer(Path(root)) as server:
        ready.put(server.address)
        stop.wait()


class _Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value

    def wait(self) -> None:
        return None


class _Plain:
    """A task as a plain call: what the flow's body costs without Prefect's engine."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from prefect.utilities.annotations import quote

        def plain(value: Any) -> Any:  # what Prefect hands the task for a quote()d argument
            return value.unquote() if isinstance(value, quote) else value

        return self.fn(*map(plain, args), **{k: plain(v) for k, v in kwargs.items()})

    def submit(self, *args: Any, **kwargs: Any) -> _Done:
        return _Done(self(*args, **kwargs))


@contextmanager
def without_prefect() -> Iterator[Callable[..., Any]]:
    """The pipeline flow's body with every task a plain call and no flow run: the baseline."""
    import logging

    from prefect import Task

    import wiretrace.flows.pipeline as pipeline

    saved: dict[str, Any] = {}
    for name, value in vars(pipeline).items():
        if isinstance(value, Task):
            saved[name] = value
    saved["get_run_logger"] = pipeline.get_run_logger
    saved["_publish_artifact"] = pipeline._publish_artifact
    try:
        for name, value in saved.items():
            if isinstance(value, Task):
                setattr(pipeline, name, _Plain(value.fn))
        pipeline.get_run_logger = lambda: logging.getLogger("bench")  # type: ignore[assignment]
        pipeline._publish_artifact = lambda *a, **k: None  # type: ignore[assignment]
        yield pipeline.pipeline_flow.fn
    finally:
        for name, value in saved.items():
            setattr(pipeline, name, value)


def timed_run(runnable: Callable[..., Any], **parameters: Any) -> tuple[float, dict[str, Any]]:
    """Wall seconds of one run, and its summary (which carries its own stage clock)."""
    started = time.perf_counter()
    summary = runnable(**parameters)
    return time.perf_counter() - started, summary


def _bare_extract(path: str) -> int:
    import trafilatura

    text = trafilatura.extract(Path(path).read_bytes(), with_metadata=True)
    return len(text or "")


def bare_trafilatura_rate(root: Path, workers: int) -> float:
    """Pages a second of bare `trafilatura.extract(..., with_metadata=True)` over the corpus's
    article pages in a pool of `workers` processes (pool start-up outside the timing).

    The pool's processes are spawned, not forked from the pipeline's forkserver: they import
    trafilatura alone, as shipped, with nothing of wiretrace loaded (wiretrace's extraction
    hashes jusText's stop list once, which trafilatura alone does on every fallback)."""
    paths = [str(p) for p in sorted((root / "site").rglob("*.html"))]
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        pool.map(_bare_extract, paths[: workers * 4])  # every worker imported and warm
        started = time.perf_counter()
        pool.map(_bare_extract, paths, chunksize=25)
        return len(paths) / (time.perf_counter() - started)


def stage_table(summary: dict[str, Any]) -> dict[str, str]:
    """The run's own stage clock (runs.counts.stages): seconds and share of the run."""
    total = summary["seconds"] or 1.0
    return {
        name: f"{seconds:.2f} s ({seconds / total:.0%})"
        for name, seconds in summary.get("stages", {}).items()
    }


def dask_flow(workers: int) -> Callable[..., Any]:
    """The flow on a local Dask cluster of `workers` processes, as `wiretrace run --workers N`."""
    from wiretrace.flows.pipeline import pipeline_flow

    return lambda **parameters: pipeline_flow(**parameters, dask_workers=workers)


def run(articles: int, *, workers_comparison: bool, new_share: float = 0.01) -> dict[str, Any]:
    from wiretrace.sources.demo import DEMO_BASE, DEMO_HOST

    now = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    pages = build_pages(articles + max(1, round(articles * new_share)), now=now)
    base, extra = pages[:articles], pages[articles:]
    figures: dict[str, Any] = {"articles": articles, "new_articles": len(extra)}
    with tempfile.TemporaryDirectory(prefix="wiretrace-bench-") as tmp:
        root = Path(tmp) / "corpus"
        write_corpus(root, base, extra)
        outlets = Path(tmp) / "outlets.toml"
        outlets.write_text(outlets_toml(), encoding="utf-8")
        figures["corpus_mb"] = round(
            sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6, 1
        )
        edition: Any = multiprocessing.Value("i", 1)
        ready: Any = multiprocessing.Queue()
        stop: Any = multiprocessing.Event()
        child = multiprocessing.Process(
            target=serve, args=(str(root), edition, ready, stop), daemon=True
        )
        child.start()
        settings = ExitStack()
        try:
            address = ready.get(timeout=60)
            # Prefect only now: the server child was forked before any of its threads existed.
            from prefect import flow

            from wiretrace.flows.common import one_shot_prefect
            from wiretrace.flows.pipeline import pipeline_flow

            # Prefect's settings as `wiretrace run` has them (no flow-run heartbeats).
            settings.enter_context(one_shot_prefect())

            common = {
                "outlets_file": str(outlets),
                "base_url": DEMO_BASE,
                "resolve": {DEMO_HOST: address},
                "per_host_delay": 0.0,
                "fetch_concurrency": 4,
            }

            @flow(name="bench-warm-up")
            def warm_up() -> None:
                return None

            warm_up()  # the temporary Prefect server starts here, not inside a timed run
            # One small run first (one section of one outlet), so no timed run pays for first
            # imports and model loads that the runs after it would not. Extracted in this
            # process (at 5,000 articles the section makes a batch for workers, and the models
            # then loaded in them, not here: the 1%-new rerun, extracted here, paid for them),
            # and with the same outlets, never polled but for that section, so the claim rules
            # this process builds once per set of outlet names are those of the timed runs.
            small = Path(tmp) / "warm-up.toml"
            small.write_text(
                outlets_toml().replace(
                    f"feeds = [{outlet_feeds('dailya')}]",
                    f'feeds = ["{{base}}/dailya/{SECTIONS[0]}.xml"]',
                )
                .replace(f"feeds = [{outlet_feeds('dailyb')}]", "feeds = []")
                .replace('sitemaps = ["{base}/wirex/sitemap-index.xml"]', "feeds = []"),
                encoding="utf-8",
            )
            pipeline_flow(
                **{**common, "outlets_file": str(small)},
                db=str(Path(tmp) / "warm.duckdb"),
                extract_processes=0,
            )

            def fresh(name: str) -> str:
                return str(Path(tmp) / name / "w.duckdb")

            workers = len(os.sched_getaffinity(0))
            # One forkserver serves every pool of this process: started here, before the timed
            # runs (as a long-lived `wiretrace serve` has it), with what the pipeline's
            # extraction workers have it preload.
            from wiretrace.flows.steps import start_forkserver

            start_forkserver()
            # The bare rate just before and just after the first run: on a shared machine
            # the load drifts, and their mean is the rate at the time of the run.
            rates = [bare_trafilatura_rate(root, workers)]
            figures["load_before_first_run"] = round(os.getloadavg()[0], 1)
            db = fresh("prefect")
            first, summary = timed_run(pipeline_flow, db=db, **common)
            figures["load_after_first_run"] = round(os.getloadavg()[0], 1)
            rates.append(bare_trafilatura_rate(root, workers))
            figures["first_run_seconds"] = round(first, 2)
            figures["articles_loaded"] = summary["articles_new"]
            figures["claims"] = summary["claims_new"]
            figures["clusters"] = summary["clusters"]
            figures["verdicts"] = summary["verdicts"]
            figures["articles_per_second"] = round(summary["articles_new"] / first, 1)
            figures["first_run_stages"] = stage_table(summary)
            figures["cores"] = workers
            rate = sum(rates) / len(rates)
            figures["trafilatura_pages_per_second"] = round(rate, 1)
            figures["trafilatura_before_after"] = [round(r, 1) for r in rates]
            figures["trafilatura_ratio"] = round(summary["articles_new"] / first / rate, 3)

            noop, summary = timed_run(pipeline_flow, db=db, **common)
            figures["rerun_nothing_new_seconds"] = round(noop, 2)
            figures["rerun_nothing_new_ratio"] = round(noop / first, 3)
            figures["rerun_nothing_new_stages"] = stage_table(summary)
            edition.value = 2
            plus, summary = timed_run(pipeline_flow, db=db, **common)
            edition.value = 1
            figures["rerun_1pct_new_seconds"] = round(plus, 2)
            figures["rerun_1pct_new_ratio"] = round(plus / first, 3)
            figures["rerun_1pct_new_articles"] = summary["articles_new"]
            figures["rerun_1pct_pages_asked"] = (
                summary["pages_fetched"] + summary["pages_unchanged"]
            )
            figures["rerun_1pct_new_stages"] = stage_table(summary)

            with without_prefect() as plain:
                bare, _ = timed_run(plain, db=fresh("plain"), **common)
            figures["first_run_without_prefect_seconds"] = round(bare, 2)
            figures["prefect_overhead_share"] = round(max(0.0, 1 - bare / first), 3)

            if workers_comparison:
                one, _ = timed_run(dask_flow(1), db=fresh("dask1"), **common)
                two, _ = timed_run(dask_flow(2), db=fresh("dask2"), **common)
                figures["dask_1_worker_seconds"] = round(one, 2)
                figures["dask_2_workers_seconds"] = round(two, 2)
                figures["speedup_1_to_2_workers"] = round(one / two, 2)
        finally:
            settings.close()
            stop.set()
            child.join(timeout=10)
    return figures


def prefect_settings(home: Path) -> None:
    """Offline, quiet Prefect for this process (before Prefect is imported)."""
    defaults = {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
        "PREFECT_LOGGING_LEVEL": "ERROR",
        "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument(
        "--skip-workers", action="store_true", help="Skip the 1 vs 2 Dask workers comparison."
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wiretrace-bench-prefect-") as home:
        prefect_settings(Path(home))
        figures = run(args.articles, workers_comparison=not args.skip_workers)
    if args.json:
        print(json.dumps(figures))
        return
    for key, value in figures.items():
        print(f"{key:36} {value}")


if __name__ == "__main__":
    main()
