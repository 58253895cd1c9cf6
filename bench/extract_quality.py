"""Body quality on real pages: wiretrace against bare trafilatura (balanced and precision), one run.

    python bench/extract_quality.py CORPUS [--show dev|holdout|all] [--json]

CORPUS is a folder in the layout of trafilatura's evaluation corpus: `evaldata-en.json` (or
`evaldata.json`) mapping each URL to its `file`, the phrases its main text must contain
(`with`) and must not (`without`), and the pages in `cache/` (or `eval/`), plain or `.gz`.
The English part of trafilatura's corpus is usually at ../shared/realdata/trafilatura-eval-en.

A page is scored as trafilatura's tests/evaluate.py scores it: a `with` phrase found in the
output (whitespace squashed) is a true positive, else a false negative; a `without` phrase
found is a false positive, else a true negative; F1 is over both. The pages are split by the
SHA-256 of their URL into dev (two thirds) and holdout (one third): rules are developed on dev
and holdout says whether they carry. The same three extractors are then scored on the real
fixture pages in tests/fixtures/real/pages: expected paragraphs found (fundus and newspaper4k
references), and trafilatura's with/without snippets.

bare trafilatura runs with the options trafilatura's own evaluation uses (no comments, tables
kept, no formatting); wiretrace runs `extract_article` and is scored on the body it stores
(the headline is a field of its own and leaves the body, so a `with` phrase that is the
headline counts as missed). pages/s is indicative only: wiretrace's figure includes metadata,
credits and language, bare trafilatura's the body alone; bench/extract.py compares like with
like.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura

from wiretrace.extractors.article import ExtractionError, extract_article

ROOT = Path(__file__).resolve().parent.parent

FIXTURE_PAGES = ROOT / "tests" / "fixtures" / "real" / "pages"
# Which expected-paragraph file and parser version each fundus page is checked against.
FUNDUS = {
    "reuters__fundus_Reuters_2023_05_16.html": ("reuters__fundus_expected.json", "V1"),
    "reuters__fundus_Reuters_2024_03_07.html": ("reuters__fundus_expected.json", "V1_1"),
    "timesofindia__fundus_TimesOfIndia_2024_09_02.html": ("timesofindia__fundus_expected.json", "V1"),
    "timesofindia__fundus_TimesOfIndia_2026_04_16.html": ("timesofindia__fundus_expected.json", "V2"),
    "bbc__fundus_BBC_2024_08_01.html": ("bbc__fundus_expected.json", "V1"),
    "bbc__fundus_BBC_2026_04_25.html": ("bbc__fundus_expected.json", "V2"),
}  # fmt: skip
HOLDOUT_SHARE = 3  # one page in three, by URL hash
EVAL_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
}
SPACES = re.compile(r"\s+")

Extractor = Callable[[bytes, str], str]


def norm(text: str) -> str:
    """Whitespace squashed, so a line break where the reference has a space costs nothing."""
    return SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def split_of(url: str) -> str:
    """'dev' or 'holdout', fixed by the URL alone so every run and machine agree."""
    digest = int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:8], 16)
    return "holdout" if digest % HOLDOUT_SHARE == 0 else "dev"


def run_wiretrace(body: bytes, url: str) -> str:
    return _wiretrace_article(body, url)[0]


def _wiretrace_article(body: bytes, url: str) -> tuple[str, str]:
    try:
        article = extract_article(body, url=url, outlet_id="")
    except ExtractionError as exc:
        return "", f"error: {exc}"
    return article.text, article.extraction


def run_balanced(body: bytes, url: str) -> str:
    return trafilatura.extract(body, url=url, **EVAL_OPTIONS) or ""


def run_precision(body: bytes, url: str) -> str:
    return trafilatura.extract(body, url=url, favor_precision=True, **EVAL_OPTIONS) or ""


EXTRACTORS: dict[str, Extractor] = {
    "wiretrace": run_wiretrace,
    "trafilatura balanced": run_balanced,
    "trafilatura precision": run_precision,
}


@dataclass
class Score:
    """Confusion counts over phrases, as trafilatura's evaluation keeps them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    pages: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def add(self, tp: int, fp: int, fn: int, tn: int) -> None:
        self.tp, self.fp, self.fn, self.tn = self.tp + tp, self.fp + fp, self.fn + fn, self.tn + tn
        self.pages += 1

    @property
    def found(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def avoided(self) -> float:
        return self.tn / (self.tn + self.fp) if self.tn + self.fp else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0


def count(item: dict[str, Any], text: str) -> tuple[int, int, int, int]:
    squashed = norm(text)
    tp = sum(1 for phrase in item["with"] if norm(phrase) in squashed)
    fp = sum(1 for phrase in item["without"] if norm(phrase) in squashed)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def load_corpus(folder: Path) -> list[tuple[str, dict[str, Any], bytes]]:
    """(url, phrases, page bytes) for every page of the corpus found on disk, in URL order."""
    index = next(
        (folder / n for n in ("evaldata-en.json", "evaldata.json") if (folder / n).is_file()), None
    )
    if index is None:
        raise SystemExit(f"{folder}: no evaldata-en.json or evaldata.json")
    items = json.loads(index.read_text(encoding="utf-8"))
    pages = []
    for url, item in sorted(items.items()):
        for sub in ("cache", "eval"):
            path = folder / sub / item["file"]
            packed = path.with_name(path.name + ".gz")
            if packed.is_file():
                pages.append((url, item, gzip.decompress(packed.read_bytes())))
                break
            if path.is_file():
                pages.append((url, item, path.read_bytes()))
                break
        else:
            print(f"missing page: {item['file']}", file=sys.stderr)
    return pages


def score_corpus(
    pages: list[tuple[str, dict[str, Any], bytes]], show: str
) -> tuple[dict[tuple[str, str], Score], Counter[str]]:
    scores = {(s, name): Score() for s in ("dev", "holdout") for name in EXTRACTORS}
    chosen: Counter[str] = Counter()
    for url, item, body in pages:
        split = split_of(url)
        for name, run in EXTRACTORS.items():
            start = time.perf_counter()
            if name == "wiretrace":
                text, how = _wiretrace_article(body, url)
                chosen[f"{split} {how.split(':')[0] or '?'}"] += 1
                chosen[f"{split} read more than one candidate"] += " | " in how
            else:
                text = run(body, url)
            score = scores[(split, name)]
            score.seconds += time.perf_counter() - start
            tp, fp, fn, tn = count(item, text)
            score.add(tp, fp, fn, tn)
            if fp or fn:
                score.misses.append(f"{item['file']}: {fn} missed, {fp} junk")
            if name == "wiretrace" and show in (split, "all") and (fp or fn):
                _show(url, item, text, how)
    return scores, chosen


def _show(url: str, item: dict[str, Any], text: str, how: str) -> None:
    squashed = norm(text)
    print(f"\n== {item['file']} {url}\n   chosen: {how} ({len(text)} chars)")
    for phrase in item["with"]:
        if norm(phrase) not in squashed:
            print(f"   missing: {phrase!r}")
    for phrase in item["without"]:
        if norm(phrase) in squashed:
            print(f"   junk:    {phrase!r}")


def fixture_expectations() -> list[tuple[str, list[str], list[str]]]:
    """(page, phrases that must be in the body, phrases that must not) for the real fixtures."""
    cases = []
    for page, (expected_file, key) in FUNDUS.items():
        body = json.loads((FIXTURE_PAGES / expected_file).read_text())[key]["body"]
        paragraphs = list(body.get("summary", []))
        for section in body.get("sections", []):
            paragraphs.extend(section.get("paragraphs", []))
        # the first 80 characters, as tests/extractors/test_article.py checks them
        cases.append((page, [norm(p)[:80] for p in paragraphs if norm(p)], []))
    for reference in sorted(FIXTURE_PAGES.glob("*newspaper_*.txt")):
        paragraphs = reference.read_text().split("\n\n")
        # newspaper4k's output: captions before the dateline, the sign-off last
        start = next(i for i, p in enumerate(paragraphs) if "(Reuters) -" in p)
        cases.append((reference.name.replace(".txt", ".html"), paragraphs[start:-1], []))
    for snippets in sorted(FIXTURE_PAGES.glob("*.snippets.json")):
        data = json.loads(snippets.read_text())
        # the sign-off is a phrase of the reference; wiretrace moves it to `contributors`
        wanted = [p for p in data["with"] if not p.lower().startswith("additional reporting")]
        cases.append((snippets.name.removesuffix(".snippets.json"), wanted, data["without"]))
    return cases


def score_fixtures() -> dict[str, list[tuple[str, int, int, int]]]:
    """Per extractor: (page, phrases found, of how many, junk phrases present)."""
    results: dict[str, list[tuple[str, int, int, int]]] = {name: [] for name in EXTRACTORS}
    for page, wanted, unwanted in fixture_expectations():
        body = (FIXTURE_PAGES / page).read_bytes()
        url = f"https://example.org/{page}"
        for name, run in EXTRACTORS.items():
            text = norm(run(body, url))
            found = sum(1 for p in wanted if norm(p) in text)
            junk = sum(1 for p in unwanted if norm(p) in text)
            results[name].append((page, found, len(wanted), junk))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="CORPUS is usually ../shared/realdata/trafilatura-eval-en (169 English pages).",
    )
    parser.add_argument("corpus", type=Path, help="folder with evaldata(-en).json and cache/")
    parser.add_argument(
        "--show",
        choices=("none", "dev", "holdout", "all"),
        default="none",
        help="print wiretrace's missed and junk phrases for the pages of this split",
    )
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()
    pages = load_corpus(args.corpus)
    for _, body in ((u, b) for u, _, b in pages[:3]):  # load models before the clock runs
        for run in EXTRACTORS.values():
            run(body, "https://example.org/")
    scores, chosen = score_corpus(pages, args.show)
    splits = Counter(split_of(url) for url, _, _ in pages)
    print(f"\ncorpus: {args.corpus} ({len(pages)} pages: dev {splits['dev']}, "
          f"holdout {splits['holdout']}); trafilatura {trafilatura.__version__}")  # fmt: skip
    print(f"{'split':<8} {'extractor':<22} {'found':>6} {'avoided':>8} {'prec':>6} {'F1':>6} "
          f"{'pages/s':>8}")  # fmt: skip
    for (split, name), score in scores.items():
        rate = score.pages / score.seconds if score.seconds else 0.0
        print(f"{split:<8} {name:<22} {score.found:>6.3f} {score.avoided:>8.3f} "
              f"{score.precision:>6.3f} {score.f1:>6.3f} {rate:>8.1f}")  # fmt: skip
    print("wiretrace's choice: " + ", ".join(f"{k} {v}" for k, v in sorted(chosen.items()) if v))
    fixtures = score_fixtures()
    print("\nreal fixture pages: expected paragraphs (or snippets) found, junk snippets present")
    names = list(EXTRACTORS)
    print(f"{'page':<58}" + "".join(f"{n:>24}" for n in names))
    for i, (page, _, total, _) in enumerate(fixtures[names[0]]):
        cells = "".join(
            f"{fixtures[n][i][1]:>12}/{total:<3} junk {fixtures[n][i][3]:<2}" for n in names
        )
        print(f"{page[:57]:<58}{cells}")
    totals = {n: (sum(r[1] for r in rows), sum(r[2] for r in rows)) for n, rows in fixtures.items()}
    print("total: " + ", ".join(f"{n} {f}/{t}" for n, (f, t) in totals.items()))
    if args.json:
        print(
            json.dumps(
                {
                    "corpus": {
                        f"{s} {n}": {"found": sc.found, "avoided": sc.avoided, "f1": sc.f1}
                        for (s, n), sc in scores.items()
                    },
                    "fixtures": fixtures,
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
