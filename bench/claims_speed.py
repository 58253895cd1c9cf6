"""Claim extraction's cost per article, by component, against article extraction of the same pages.

    python bench/claims_speed.py [--repeat N] [--generated N] [--profile] [--dump FILE]

Articles: every page of tests/fixtures/real/pages and sources/demo/site, a sample of
bench/pipeline.py's generated corpus (its own generator, `build_pages` and `page_html`; 200
pages by default), each read once by `extract_article`; and the BASIL articles of
tests/fixtures/basil (their paragraphs one a line, credit lines split off, as
bench/claims_quality.py builds them), which have no page. Aliases: the shipped outlets file's,
BASIL's three outlets and the generated corpus's wire.

Timed: `extract_claims` over every article, and `extract_article` over every page, passes taking
turns (who goes first alternates), each figure the median of its passes so that a pass slowed by
another process on the machine does not decide it; the lines the segmenter remembers
(extractors/segments.py) are forgotten before each pass, so a pass pays for every line once, as
a worker seeing it first does. The ratio is claims over article extraction, per page, on the
pages that have one. Then one more pass with each component of
`extract_claims` behind a stopwatch (sentence split and pysbd inside it, attributions,
quantities, datelines; the rest is what is left), and with `--profile` cProfile's top functions
of a claims pass. `--dump FILE` writes every Claim of every article as sorted JSON: the golden
output that a change for speed must leave byte-identical (`cmp` two dumps).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import importlib.util
import json
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from wiretrace import jsonout
from wiretrace.extractors import claims as claims_module
from wiretrace.extractors.article import ExtractionError, extract_article
from wiretrace.extractors.claims import extract_claims
from wiretrace.extractors.credits import split_credits
from wiretrace.extractors.segments import clear_remembered
from wiretrace.records import Article, Outlet, stable_id
from wiretrace.sources.config import alias_map, default_outlets_path, load_outlets

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real" / "pages"
DEMO = ROOT / "sources" / "demo" / "site"
BASIL = ROOT / "tests" / "fixtures" / "basil"
BASIL_FILES = ("articles.jsonl", "articles_more.jsonl")
GENERATED_NOW = datetime(2026, 3, 1, tzinfo=UTC)  # fixed, so the sample is the same every run
GENERATED_BASE = "http://127.0.0.1:8765"
# The outlets the BASIL articles and the generated corpus cite, beside the shipped file's.
EXTRA_OUTLETS = (
    Outlet("nyt", "The New York Times", aliases=("New York Times", "NYT")),
    Outlet("fox", "Fox News", aliases=("Fox News Channel", "Fox")),
    Outlet("hpo", "HuffPost", aliases=("The Huffington Post", "Huffington Post")),
    Outlet("wirex", "Wirex", kind="wire", aliases=("Wirex",)),
    Outlet("dailya", "Daily A"),
    Outlet("dailyb", "Daily B"),
)
# The components of extract_claims, as the names it calls them by in its module.
COMPONENTS = {
    "split_sentences": "sentence split",
    "attribution_spans": "attributions",
    "parse_quantities": "quantities",
    "read_dateline": "datelines",
}
PYSBD = "pysbd_segments"  # pysbd's segmenter inside the sentence split


@dataclass(frozen=True)
class Item:
    """One article to extract claims from, and the page it was read from (b"" for BASIL's)."""

    group: str  # "real", "generated", "basil"
    article: Article
    body: bytes = b""
    url: str = ""


def _sibling(name: str) -> ModuleType:
    """Another benchmark of this folder as a module (bench/ is no package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def _pages(generated: int) -> list[tuple[str, str, str, bytes]]:
    """(group, outlet id, url, body) of every page the benchmark reads."""
    pages: list[tuple[str, str, str, bytes]] = []
    for path in sorted(REAL.glob("*.html")):
        url = f"https://example.org/{path.name}"
        pages.append(("real", path.name.split("__")[0], url, path.read_bytes()))
    for path in sorted(DEMO.rglob("*.html")):
        relative = path.relative_to(DEMO).as_posix()
        url = f"http://demo.wiretrace.test/{relative}"
        pages.append(("real", relative.split("/")[0], url, path.read_bytes()))
    pipeline = _sibling("pipeline")
    built = pipeline.build_pages(generated, now=GENERATED_NOW)
    for i, page in enumerate(built):
        html = pipeline.page_html(page, built[max(0, i - 6) : i])
        body = html.replace("{base}", GENERATED_BASE).encode("utf-8")
        pages.append(("generated", page.outlet, GENERATED_BASE + page.path, body))
    return pages


def _basil_article(record: Mapping[str, Any], text_of: Callable[..., Any]) -> Article:
    """A BASIL article as bench/claims_quality.py hands it to `extract_claims`."""
    text, _ = text_of(record["paragraphs"])
    credits = split_credits(text)
    return Article(
        article_id=record["article"],
        version_id=stable_id(record["article"], credits.text),
        outlet_id=record["outlet"],
        url=record["url"],
        canonical_url=record["url"],
        title=record["title"],
        text=credits.text,
        text_sha256=stable_id(credits.text),
        published_at=datetime.fromisoformat(record["date"]).replace(tzinfo=UTC),
        published_source="page",
        credit=credits.credit,
    )


def load_items(generated: int) -> list[Item]:
    items: list[Item] = []
    for group, outlet, url, body in _pages(generated):
        try:
            article = extract_article(body, url=url, outlet_id=outlet)
        except ExtractionError:
            continue  # no article text: nothing to extract claims from
        items.append(Item(group, article, body, url))
    text_of = _sibling("claims_quality").article_text
    for name in BASIL_FILES:
        with (BASIL / name).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    items.append(Item("basil", _basil_article(json.loads(line), text_of)))
    return items


def aliases() -> dict[str, str]:
    return alias_map([*load_outlets(default_outlets_path()), *EXTRA_OUTLETS])


def golden(items: Sequence[Item], names: Mapping[str, str]) -> str:
    """Every Claim field of every article, as JSON with sorted keys, articles in a fixed order."""
    out = {
        item.article.version_id: jsonout.to_jsonable(extract_claims(item.article, aliases=names))
        for item in items
    }
    return json.dumps(out, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


# ----------------------------------------------------------------------------- timing
def _claims_pass(items: Sequence[Item], names: Mapping[str, str]) -> dict[str, float]:
    """Seconds of `extract_claims` per group, one pass over every article."""
    clear_remembered()  # each pass segments every line, as a worker's first sight of it does
    spent: dict[str, float] = {}
    for item in items:
        started = time.perf_counter()
        extract_claims(item.article, aliases=names)
        spent[item.group] = spent.get(item.group, 0.0) + time.perf_counter() - started
    return spent


def _extract_pass(items: Sequence[Item]) -> dict[str, float]:
    """Seconds of `extract_article` per group, one pass over every page."""
    spent: dict[str, float] = {}
    for item in items:
        if not item.body:
            continue
        started = time.perf_counter()
        extract_article(item.body, url=item.url, outlet_id=item.article.outlet_id)
        spent[item.group] = spent.get(item.group, 0.0) + time.perf_counter() - started
    return spent


def timed_passes(
    items: Sequence[Item], names: Mapping[str, str], repeat: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Median seconds per group of (claims, extraction), passes interleaved: whatever else the
    machine does slows both alike; the second of two passes may find caches warmer, so who goes
    first alternates."""
    passes: list[list[dict[str, float]]] = [[], []]
    for turn in range(repeat):
        for slot in (0, 1) if turn % 2 == 0 else (1, 0):
            passes[slot].append(_claims_pass(items, names) if slot == 0 else _extract_pass(items))
    medians = []
    for runs in passes:
        groups = {g for run in runs for g in run}
        medians.append({g: statistics.median(run.get(g, 0.0) for run in runs) for g in groups})
    return medians[0], medians[1]


@contextlib.contextmanager
def _stopwatches(spent: dict[str, float]) -> Iterator[None]:
    """Each component extract_claims calls, behind a stopwatch that adds to `spent`."""

    def watched(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - started

        return call

    saved = {name: getattr(claims_module, name) for name in (*COMPONENTS, PYSBD)}
    try:
        for name, label in COMPONENTS.items():
            setattr(claims_module, name, watched(label, saved[name]))
        setattr(claims_module, PYSBD, watched("  of which pysbd", saved[PYSBD]))
        yield
    finally:
        for name, fn in saved.items():
            setattr(claims_module, name, fn)


def components(items: Sequence[Item], names: Mapping[str, str]) -> tuple[dict[str, float], float]:
    """Seconds per component over one pass of every article, and the pass's total."""
    spent: dict[str, float] = {}
    clear_remembered()
    with _stopwatches(spent):
        started = time.perf_counter()
        for item in items:
            extract_claims(item.article, aliases=names)
        total = time.perf_counter() - started
    return spent, total


def profile(items: Sequence[Item], names: Mapping[str, str], top: int) -> None:
    clear_remembered()
    profiler = cProfile.Profile()
    profiler.enable()
    for item in items:
        extract_claims(item.article, aliases=names)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed passes of each (default 5)")
    parser.add_argument(
        "--generated", type=int, default=200, help="generated pages to read (default 200)"
    )
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--top", type=int, default=30, help="functions --profile prints")
    parser.add_argument("--dump", type=Path, help="write every claim as sorted JSON, then stop")
    args = parser.parse_args()
    names = aliases()
    items = load_items(args.generated)
    if args.dump:
        args.dump.write_text(golden(items, names), encoding="utf-8")
        print(f"{sum(1 for _ in items)} articles -> {args.dump}")
        return
    for item in items:  # models, rules, patterns and registries loaded before the clock starts
        extract_claims(item.article, aliases=names)
    counts = {g: sum(1 for i in items if i.group == g) for g in ("real", "generated", "basil")}
    print(
        f"articles: {len(items)} ({', '.join(f'{g} {n}' for g, n in counts.items())}), "
        f"{sum(len(i.article.text) for i in items) / 1e6:.2f} M characters; repeat {args.repeat}"
    )
    print(f"cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}; one process")
    claims, extraction = timed_passes(items, names, args.repeat)
    print(f"{'ms per article':>16} {'claims':>9} {'extract':>9} {'ratio':>7}")
    paged = [g for g in counts if g in extraction]
    for group in [*counts, "pages"]:
        members = paged if group == "pages" else [group]
        n = sum(counts[g] for g in members)
        ours = sum(claims[g] for g in members)
        theirs = sum(extraction.get(g, 0.0) for g in members)
        line = f"{group:>16} {1000 * ours / n:>9.2f}"
        if theirs:
            line += f" {1000 * theirs / n:>9.2f} {ours / theirs:>7.2f}"
        print(line)
    spent, total = components(items, names)
    print(f"claims per article by component ({len(items)} articles, one pass):")
    for label in [*COMPONENTS.values(), "  of which pysbd"]:
        seconds = spent.get(label, 0.0)
        print(f"{label:>16} {1000 * seconds / len(items):>7.2f} ms {100 * seconds / total:>5.1f}%")
    rest = total - sum(v for k, v in spent.items() if not k.startswith(" "))
    print(f"{'the rest':>16} {1000 * rest / len(items):>7.2f} ms {100 * rest / total:>5.1f}%")
    print(f"{'total':>16} {1000 * total / len(items):>7.2f} ms")
    if args.profile:
        profile(items, names, args.top)


if __name__ == "__main__":
    main()
